package io.recq.cdi.runtime;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.recq.api.RecqException;

/**
 * Waits for gateway futures and throws what the handler threw, never wrapped.
 */
final class Futures {

    private Futures() {
    }

    static <R> R await(CompletableFuture<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecqException("Interrupted while waiting for a result", e);
        } catch (ExecutionException | CompletionException e) {
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            throw new RecqException("The request was cancelled", e);
        }
    }

    static RuntimeException unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new RecqException(String.valueOf(cause), cause);
    }
}
