package io.recq.api;

/**
 * Where a projector stands in the event stream, as seen by the handler that receives it.
 */
public interface ProjectorStatus {

    /**
     * @return {@code false} while the projector is replaying stored events, {@code true} once it has
     *         reached the head of the stream and receives new events as they are published
     */
    boolean isHeadReached();
}
