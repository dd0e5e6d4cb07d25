package io.recq.cdi.spi;

/**
 * Answers one received query: implemented by the runtime ({@code recq-cdi}), called by the transport
 * without a transaction.
 */
public interface QueryProcessor {

    /**
     * @param query the received query
     * @return the answer or the failure to report
     */
    QueryOutcome process(IncomingQuery query);
}
