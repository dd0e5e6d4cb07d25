package io.recq.jms;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer thread: a loop that runs {@link #poll()} until stopped, backing off while the broker cannot
 * be reached. Threads come from the container's ManagedThreadFactory, so that they carry the deployment's
 * naming context and class loader; message listeners are not allowed in Jakarta EE containers.
 */
public abstract class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class.getName());

    private final String name;
    private volatile BooleanSupplier gate = () -> true;
    private volatile boolean running;
    private Thread thread;

    protected ConsumerLoop(String name) {
        this.name = name;
    }

    /**
     * @param open whether the loop may receive now; while it may not, it waits (a service that is not ready
     *        receives nothing)
     */
    public final void gate(BooleanSupplier open) {
        this.gate = open;
    }

    /**
     * @param threads the container's thread factory
     */
    public final void start(ThreadFactory threads) {
        running = true;
        thread = threads.newThread(this);
        thread.setName(name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks the loop to stop after the current message.
     */
    public final void requestStop() {
        running = false;
    }

    /**
     * Waits for the loop to end.
     *
     * @param wait how long to wait at most
     * @return whether it ended
     */
    public final boolean awaitStop(Duration wait) {
        if (thread == null) {
            return true;
        }
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /**
     * @return whether the loop should run but its thread has ended (and so needs a new one)
     */
    public final boolean ended() {
        return running && thread != null && !thread.isAlive();
    }

    /**
     * @return whether the loop runs
     */
    public final boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    protected final boolean running() {
        return running;
    }

    /**
     * Receives and handles at most one message.
     *
     * @throws Exception anything: the loop logs it, drops its connection and backs off; an {@link Error}
     *         thrown by a handler (a stack overflow, say) is treated the same way and never ends the loop
     */
    protected abstract void poll() throws Exception;

    /**
     * Releases the loop's connection after a failure or at the end.
     */
    protected abstract void disconnect();

    @Override
    public final void run() {
        long backoff = 0;
        try {
            while (running) {
                if (!gate.getAsBoolean()) {
                    disconnect();
                    pause(200);
                    continue;
                }
                try {
                    poll();
                    backoff = 0;
                } catch (Throwable e) { // NOPMD: no failure of one message may end a consumer
                    disconnect();
                    if (!running) {
                        break;
                    }
                    backoff = backoff == 0 ? 250 : Math.min(backoff * 2, 10_000);
                    LOG.log(Level.WARNING, name + " failed; retrying in " + backoff + " ms: " + e,
                            LOG.isLoggable(Level.FINE) ? e : null);
                    pause(backoff);
                }
            }
        } finally {
            disconnect();
        }
    }

    protected final void pause(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
