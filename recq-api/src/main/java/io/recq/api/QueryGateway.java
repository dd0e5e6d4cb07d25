package io.recq.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends queries to the {@link Projection} that answers them, on any node, and returns the answer read
 * into the query's declared answer type. No transaction is held while a query travels.
 */
public interface QueryGateway {

    /**
     * Sends a query with no metadata and the configured default timeout.
     *
     * @param query the query
     * @param <R> the answer type
     * @return the answer
     */
    <R> CompletableFuture<R> query(Query<R> query);

    /**
     * Sends a query.
     *
     * @param query the query
     * @param metadata the metadata
     * @param timeout how long to wait before the future fails with {@link RequestTimeoutException}
     * @param <R> the answer type
     * @return the answer
     */
    <R> CompletableFuture<R> query(Query<R> query, Metadata metadata, Duration timeout);

    /**
     * Sends a query and waits for the answer with the configured default timeout.
     *
     * @param query the query
     * @param <R> the answer type
     * @return the answer
     * @throws RuntimeException the handler's own exception or a {@link RecqException}, never wrapped
     */
    <R> R queryAndWait(Query<R> query);

    /**
     * Sends a query and waits for the answer.
     *
     * @param query the query
     * @param metadata the metadata
     * @param timeout how long to wait
     * @param <R> the answer type
     * @return the answer
     * @throws RuntimeException the handler's own exception or a {@link RecqException}, never wrapped
     */
    <R> R queryAndWait(Query<R> query, Metadata metadata, Duration timeout);
}
