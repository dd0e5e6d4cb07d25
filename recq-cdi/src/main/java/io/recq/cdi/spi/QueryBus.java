package io.recq.cdi.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Carries a query to a node that answers it and brings the answer back. Implemented by the transport.
 */
public interface QueryBus {

    /**
     * @param request the validated, serialised query
     * @return the answer, read into the query's answer type, or the handler's exception
     */
    CompletableFuture<Object> dispatch(QueryRequest request);
}
