package io.recq.api;

/**
 * A command addressed to one aggregate instance. It is routed by {@link #aggregateId()}; at most one
 * command per aggregate instance is handled at a time, across all nodes.
 */
public interface DomainCommand extends Command {

    /**
     * @return the identifier of the aggregate instance this command is addressed to; never {@code null}
     *         or blank (such a command is refused before it is sent)
     */
    String aggregateId();
}
