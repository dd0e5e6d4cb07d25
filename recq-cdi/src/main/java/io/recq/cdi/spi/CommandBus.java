package io.recq.cdi.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Carries a command to the node that handles it and brings the result back. Implemented by the
 * transport.
 */
public interface CommandBus {

    /**
     * @param request the validated, serialised command
     * @return the result: the event produced ({@code null} for none), or the handler's exception
     */
    CompletableFuture<Object> dispatch(CommandRequest request);
}
