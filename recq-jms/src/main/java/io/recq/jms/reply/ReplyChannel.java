package io.recq.jms.reply;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.recq.api.RecqException;
import io.recq.api.RequestTimeoutException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.RemoteFailures;
import io.recq.cdi.serialization.Values;
import io.recq.jms.MessageFormat;

/**
 * The caller's side of request/reply: one temporary queue per deployment, held open by one receiver thread,
 * and the futures of the requests waiting for a reply, by correlation id.
 *
 * <p>A reply completes its future; a request without a reply within its timeout fails with a
 * {@link RequestTimeoutException}; a reply that arrives after that is discarded (logged at FINE only).
 * Failures are rebuilt with the caller's class loader by {@link RemoteFailures}.
 */
public final class ReplyChannel {

    /**
     * Reads a successful reply's body into what the caller expects.
     */
    @FunctionalInterface
    public interface ReplyReader {

        /**
         * @param payloadName the result's logical name, or {@code null}
         * @param json the result's JSON, or {@code null}
         * @return the value the caller's future completes with
         */
        Object read(String payloadName, String json);

        /**
         * @param payloadName the result's logical name, or {@code null}
         * @param payloadClass the result's class in the replying service, or {@code null}
         * @param json the result's JSON, or {@code null}
         * @return the value the caller's future completes with
         */
        default Object read(String payloadName, String payloadClass, String json) {
            return read(payloadName, json);
        }
    }

    private record Pending(ReplyFuture future, ReplyReader reader, ClassLoader loader,
            ScheduledFuture<?> timeout, String description, Duration waited) {
    }

    private static final Logger LOG = Logger.getLogger(ReplyChannel.class.getName());

    private final ConnectionFactory connectionFactory;
    private final ScheduledExecutorService scheduler;
    private volatile ScheduledThreadPoolExecutor timer;
    private final Duration pollInterval;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CountDownLatch firstConnect = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Destination replyTo;
    private volatile String lastError;
    private Thread receiver;

    /**
     * @param connectionFactory where replies are received
     * @param scheduler runs completions that have dependent stages, and the timeouts while the channel's own
     *        timer does not run
     * @param pollInterval the longest a receive blocks, which bounds how quickly the receiver stops
     */
    public ReplyChannel(ConnectionFactory connectionFactory, ScheduledExecutorService scheduler,
            Duration pollInterval) {
        this.connectionFactory = connectionFactory;
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
    }

    /**
     * Starts the receiver and waits (a bounded time) until its reply queue exists.
     *
     * @param threads the container's thread factory
     * @param wait how long to wait for the broker
     */
    public void start(ThreadFactory threads, Duration wait) {
        running = true;
        // one thread of the container's factory watches every request's deadline: scheduling and cancelling a
        // timeout there costs a heap insertion and removal, where the managed scheduler captures and restores
        // a context for each
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName("recq-reply-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        deadlines.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        deadlines.prestartCoreThread(); // made here, in the deployment's context, not in a first caller's
        timer = deadlines;
        receiver = threads.newThread(this::receive);
        receiver.setName("recq-replies");
        receiver.setDaemon(true);
        receiver.start();
        try {
            if (!firstConnect.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "RECQ reply channel is not connected yet (" + lastError + "); requests fail "
                        + "until the broker can be reached");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the receiver, waits for it, and fails every request still waiting.
     */
    public void stop() {
        running = false;
        ScheduledThreadPoolExecutor deadlines = timer;
        timer = null;
        if (deadlines != null) {
            deadlines.shutdownNow();
        }
        if (receiver != null) {
            try {
                receiver.join(pollInterval.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String id : pending.keySet()) {
            fail(id, new RecqException(ErrorCode.TRANSPORT_UNAVAILABLE.code() + " the deployment is stopping; "
                    + "no reply will be received. Fix: send the request again once the application runs"));
        }
    }

    /**
     * @return where replies to this deployment go, or {@code null} while the broker cannot be reached
     */
    public Destination replyTo() {
        return replyTo;
    }

    /**
     * @return whether the receiver is connected
     */
    public boolean connected() {
        return running && replyTo != null;
    }

    /**
     * @return how many requests are waiting for a reply
     */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * @param correlationId a request's message id
     * @return whether a caller on this node waits for its reply
     */
    public boolean waiting(String correlationId) {
        return correlationId != null && pending.containsKey(correlationId);
    }

    /**
     * @return the last connection failure, or {@code null}
     */
    public String lastError() {
        return lastError;
    }

    /**
     * Registers a request before it is sent.
     *
     * @param correlationId the request's message id
     * @param timeout how long the caller waits
     * @param reader reads a successful reply
     * @param description the request, for the timeout message ({@code "query FindTodo"})
     * @return the caller's future
     */
    public CompletableFuture<Object> register(String correlationId, Duration timeout, ReplyReader reader,
            String description) {
        ReplyFuture future = new ReplyFuture();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ReplyChannel.class.getClassLoader();
        }
        ScheduledFuture<?> timeoutTask = schedule(() -> expire(correlationId), timeout);
        Pending previous = pending.put(correlationId,
                new Pending(future, reader, loader, timeoutTask, description, timeout));
        if (previous != null) {
            previous.timeout().cancel(false);
            previous.future().completeExceptionally(new IllegalStateException(
                    "Two requests with the message id " + correlationId));
        }
        return future;
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        ScheduledThreadPoolExecutor deadlines = timer;
        if (deadlines != null) {
            try {
                return deadlines.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping: the container's scheduler still runs
            }
        }
        return scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Fails a registered request (for example because it could not be sent).
     *
     * @param correlationId the request's message id
     * @param failure what the caller receives
     */
    public void fail(String correlationId, Throwable failure) {
        Pending entry = pending.remove(correlationId);
        if (entry != null) {
            entry.timeout().cancel(false);
            entry.future().completeExceptionally(failure);
        }
    }

    /**
     * Completes a registered request with a result obtained without a reply message (a command handled in
     * this JVM).
     *
     * @param correlationId the request's message id
     * @param payloadName the result's logical name, or {@code null}
     * @param json the result's JSON, or {@code null}
     * @param result the result itself when it is a value ({@link Values#isValue}), which the caller then receives
     *        as it is; {@code null} to read {@code json}
     * @return whether the caller was still waiting
     */
    public boolean succeed(String correlationId, String payloadName, String json, Object result) {
        Pending entry = pending.remove(correlationId);
        if (entry == null) {
            return false;
        }
        entry.timeout().cancel(false);
        Object value = null;
        Throwable failure = null;
        try {
            value = result != null && Values.isValue(result.getClass()) ? result : readWith(entry, payloadName, null, json);
        } catch (RuntimeException e) {
            failure = e;
        }
        complete(entry.future(), value, failure);
        return true;
    }

    private void expire(String correlationId) {
        Pending entry = pending.remove(correlationId);
        if (entry != null) {
            complete(entry.future(), null, new RequestTimeoutException(ErrorCode.REQUEST_TIMEOUT.code()
                    + " no reply to the " + entry.description() + " (" + correlationId + ") within "
                    + entry.waited().toMillis() + " ms; the outcome is unknown. Fix: check that a node handling "
                    + "it is running and healthy, or pass a longer timeout"));
        }
    }

    private void receive() {
        long backoff = 500;
        while (running) {
            try (JMSContext context = connectionFactory.createContext()) {
                Destination queue = context.createTemporaryQueue();
                JMSConsumer consumer = context.createConsumer(queue);
                replyTo = queue;
                lastError = null;
                backoff = 500;
                firstConnect.countDown();
                LOG.fine(() -> "RECQ replies arrive on " + queue);
                while (running) {
                    Message message = consumer.receive(pollInterval.toMillis());
                    if (message != null) {
                        deliver(message);
                    }
                }
            } catch (RuntimeException e) {
                replyTo = null;
                lastError = String.valueOf(e);
                if (running) {
                    LOG.log(Level.WARNING, "RECQ reply channel lost its broker connection; reconnecting in "
                            + backoff + " ms: " + e, LOG.isLoggable(Level.FINE) ? e : null);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 10_000);
                }
            }
        }
        replyTo = null;
    }

    private void deliver(Message message) {
        String correlationId;
        try {
            correlationId = message.getJMSCorrelationID();
        } catch (JMSException e) {
            LOG.fine(() -> "Discarded a reply without a readable correlation id: " + e);
            return;
        }
        Pending entry = correlationId == null ? null : pending.remove(correlationId);
        if (entry == null) {
            LOG.fine(() -> "Discarded a reply to " + correlationId + ": its caller stopped waiting");
            return;
        }
        entry.timeout().cancel(false);
        Object value = null;
        Throwable failure = null;
        try {
            String body = message instanceof TextMessage text ? text.getText() : null;
            if (MessageFormat.OUTCOME_FAILED.equals(message.getStringProperty(MessageFormat.OUTCOME))) {
                failure = RemoteFailures.rebuild(message.getStringProperty(MessageFormat.ERROR_CLASS), body,
                        entry.loader());
            } else {
                value = readWith(entry, message.getStringProperty(MessageFormat.PAYLOAD),
                        message.getStringProperty(MessageFormat.PAYLOAD_CLASS), body);
            }
        } catch (JMSException | RuntimeException e) {
            failure = e;
        }
        complete(entry.future(), value, failure);
    }

    private static Object readWith(Pending entry, String payloadName, String payloadClass, String body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(entry.loader());
        try {
            return entry.reader().read(payloadName, payloadClass, body);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void complete(ReplyFuture future, Object value, Throwable failure) {
        Runnable completion = failure == null ? () -> future.complete(value)
                : () -> future.completeExceptionally(failure);
        if (future.hasStages()) {
            // dependent stages are the caller's code: keep them off the receiver's, a lane's or the timer's thread
            try {
                scheduler.execute(completion);
                return;
            } catch (RuntimeException e) {
                // the executor is shutting down: complete here
            }
        }
        // only callers blocked in get or join wait for it: completing here wakes them
        completion.run();
    }

    /**
     * The future of a request: tells whether code of the caller's depends on it (a stage made from it, or a
     * dependant the future cannot name, such as {@link CompletableFuture#allOf}), or only callers blocked in
     * {@code get} or {@code join}, which completing it on any thread merely wakes.
     */
    static final class ReplyFuture extends CompletableFuture<Object> {

        private final AtomicBoolean staged = new AtomicBoolean();
        private final AtomicInteger waiters = new AtomicInteger();

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            // every stage method (thenApply, whenComplete, exceptionally, ...) makes its future here
            staged.set(true);
            return new CompletableFuture<>();
        }

        /** @return whether completing this future runs code of the caller's */
        boolean hasStages() {
            return staged.get() || getNumberOfDependents() > waiters.get();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            waiters.incrementAndGet();
            try {
                return super.get();
            } finally {
                waiters.decrementAndGet();
            }
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                TimeoutException {
            waiters.incrementAndGet();
            try {
                return super.get(timeout, unit);
            } finally {
                waiters.decrementAndGet();
            }
        }

        @Override
        public Object join() {
            waiters.incrementAndGet();
            try {
                return super.join();
            } finally {
                waiters.decrementAndGet();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
