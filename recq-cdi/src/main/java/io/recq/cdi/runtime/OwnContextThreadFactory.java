package io.recq.cdi.runtime;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

/**
 * A managed thread factory whose threads each run in a context of their own, captured from the thread that asks
 * for the new thread.
 *
 * <p>Jakarta Concurrency captures a thread factory's context once, when the factory is looked up, and gives it to
 * every thread the factory makes. Payara keeps the component invocation of that context as one object and enters it
 * on each of those threads; the invocation holds the transaction that the connection pool enlists new connections
 * in and the key of the list of connections a transaction begun there takes over. Threads of one factory lookup
 * therefore share them: a connection opened in one thread's transaction is enlisted in another's, is released twice
 * and lent to a third (see {@code docs/2026-12-04-payara.md}). A contextual proxy captures its context when it is
 * made, so each thread made here enters its own copy; no thread of this factory shares a context object with
 * another. Where contexts are not shared objects (WildFly), the second set-up restores the context the factory set.
 */
final class OwnContextThreadFactory implements ManagedThreadFactory {

    private final ManagedThreadFactory threads;
    private final ContextService contexts;

    OwnContextThreadFactory(ManagedThreadFactory threads, ContextService contexts) {
        this.threads = threads;
        this.contexts = contexts;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        return threads.newThread(contexts.contextualRunnable(runnable));
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        return threads.newThread(pool);
    }
}
