package io.recq.crash.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.recq.crash.harness.CrashApi.Outcome;

/**
 * Client threads sending deposits over HTTP, each to a random account with a random amount and a fresh deposit
 * id, with an idempotency key or without. With several servers, client {@code i} sends to server
 * {@code i mod n}. A request the server never received (connection refused: it is down) is sent again as it was,
 * to the next server when there are several (as a load balancer would). A keyed deposit whose outcome is unknown is sent again with the same key and id, at
 * most {@value #KEYED_ATTEMPTS} times in all; an unkeyed one is not (a second send would be a second deposit).
 * Every deposit's final outcome is recorded, and the time span of every acknowledged request.
 */
final class Load {

    /**
     * One deposit as the client saw it.
     *
     * @param depositId its id
     * @param accountId its account
     * @param amount its amount
     * @param keyed whether it carried an idempotency key
     * @param outcome the final outcome ({@link Outcome#NOT_SENT} when the load stopped before it reached the server)
     * @param attempts requests that reached the server
     * @param last the last answer
     */
    record Sent(String depositId, String accountId, long amount, boolean keyed, Outcome outcome, int attempts,
            String last) {
    }

    private record Ack(long start, long end, int server) {
    }

    /**
     * An answer that was neither an acknowledgement nor a refused connection.
     *
     * @param at when it came
     * @param server the index of the server that gave it
     * @param status its HTTP status, or -1
     * @param body its body or the failure
     */
    record Failure(Instant at, int server, int status, String body) {
    }

    static final int KEYED_ATTEMPTS = 5;

    private final List<CrashApi> apis;
    private final List<String> accounts;
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final long seed;
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private int keyedLeft;
    private int unkeyedLeft;
    private double keyedShare;
    private BooleanSupplier goOn = () -> false;

    /**
     * @param api the application
     * @param accounts the accounts to deposit on
     * @param seed the random seed of this load
     */
    Load(CrashApi api, List<String> accounts, long seed) {
        this(List.of(api), accounts, seed);
    }

    /**
     * @param apis the application on each server
     * @param accounts the accounts to deposit on
     * @param seed the random seed of this load
     */
    Load(List<CrashApi> apis, List<String> accounts, long seed) {
        this.apis = List.copyOf(apis);
        this.accounts = accounts;
        this.seed = seed;
    }

    /**
     * Starts the clients.
     *
     * @param clients client threads
     * @param keyed keyed deposits to send at least
     * @param unkeyed unkeyed deposits to send at least
     * @param goOn after those: whether to go on sending (in the same proportion)
     */
    synchronized void start(int clients, int keyed, int unkeyed, BooleanSupplier goOn) {
        this.keyedLeft = keyed;
        this.unkeyedLeft = unkeyed;
        this.keyedShare = keyed + unkeyed == 0 ? 0.8 : (double) keyed / (keyed + unkeyed);
        this.goOn = goOn;
        stop.set(false);
        for (int i = 0; i < clients; i++) {
            Random random = new Random(seed * 31 + threads.size());
            int home = threads.size() % apis.size();
            Thread thread = new Thread(() -> run(random, home), "crash-client-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Asks the clients to stop after their current deposit and waits for them.
     *
     * @param timeout the longest wait
     */
    void stop(Duration timeout) throws InterruptedException {
        stop.set(true);
        await(timeout);
    }

    /**
     * Waits until the clients have sent what they were to send.
     *
     * @param timeout the longest wait
     */
    void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        for (Thread thread : running) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                stop.set(true);
                throw new IllegalStateException("Client " + thread.getName() + " did not finish within " + timeout);
            }
        }
        synchronized (this) {
            threads.removeAll(running);
        }
    }

    private void run(Random random, int home) {
        int[] server = {home};
        while (!stop.get()) {
            Boolean keyed = next(random);
            if (keyed == null) {
                return;
            }
            server[0] = home; // as a load balancer does once the server is back
            sent.add(deposit(random, keyed, server));
        }
    }

    private synchronized Boolean next(Random random) {
        if (keyedLeft > 0 || unkeyedLeft > 0) {
            boolean keyed = unkeyedLeft == 0
                    || keyedLeft > 0 && random.nextDouble() < (double) keyedLeft / (keyedLeft + unkeyedLeft);
            if (keyed) {
                keyedLeft--;
            } else {
                unkeyedLeft--;
            }
            return keyed;
        }
        return goOn.getAsBoolean() ? random.nextDouble() < keyedShare : null;
    }

    private Sent deposit(Random random, boolean keyed, int[] server) {
        String accountId = accounts.get(random.nextInt(accounts.size()));
        long amount = 1 + random.nextInt(1000);
        String depositId = UUID.randomUUID().toString();
        String key = keyed ? "key-" + depositId : null;
        int attempts = 0;
        CrashApi.Answer answer = null;
        Outcome outcome = Outcome.NOT_SENT;
        while (true) {
            long start = System.currentTimeMillis();
            answer = apis.get(server[0]).deposit(accountId, amount, depositId, key);
            if (answer.outcome() == Outcome.NOT_SENT) {
                if (stop.get()) {
                    break;
                }
                if (apis.size() > 1) {
                    server[0] = (server[0] + 1) % apis.size(); // the server is down: another one takes it
                } else {
                    pause(200); // the server is down: send it again once it listens
                }
                continue;
            }
            attempts++;
            outcome = answer.outcome();
            if (outcome == Outcome.ACKED) {
                acks.add(new Ack(start, System.currentTimeMillis(), server[0]));
            } else {
                failures.add(new Failure(Instant.now(), server[0], answer.status(), answer.body()));
            }
            if (outcome != Outcome.UNKNOWN || !keyed || attempts >= KEYED_ATTEMPTS || stop.get()) {
                break;
            }
            pause(500);
        }
        return new Sent(depositId, accountId, amount, keyed, outcome, attempts, answer.status() + " " + answer.body());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return every deposit sent so far */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** @return the answers so far that were neither acknowledgements nor refused connections */
    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /**
     * @param server a server's index
     * @return requests it acknowledged so far
     */
    long ackedBy(int server) {
        return acks.stream().filter(a -> a.server() == server).count();
    }

    /** @return acknowledged requests so far */
    long acked() {
        return acks.size();
    }

    /**
     * @param after a moment
     * @return the end of the first acknowledged request that started after it
     */
    Optional<Instant> firstAckStartedAfter(Instant after) {
        long t = after.toEpochMilli();
        return acks.stream().filter(a -> a.start() > t).map(Ack::end).min(Long::compare).map(Instant::ofEpochMilli);
    }

    /**
     * @param from the start of a window
     * @param to its end
     * @return requests acknowledged in it
     */
    long ackedBetween(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        return acks.stream().filter(x -> x.end() >= a && x.end() < b).count();
    }
}
