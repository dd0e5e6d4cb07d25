import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the running TodoList example through its REST API and prints what it measured: for each number of
 * callers, the rate of answered commands and their latency as the caller sees it. Each caller creates lists
 * (one command, {@code CreateTodoList}, to the domain service, through the web front) one after the other, so
 * no two commands share an aggregate. The same program against the same archives on two servers compares
 * the servers, HTTP and the example's REST layer included.
 *
 * <pre>
 * java benchmarks/example-load/ExampleLoad.java [base URL] [callers, e.g. 1,4,16] [seconds per step] [warm-up seconds] [lists|one-list]
 * </pre>
 *
 * Defaults: {@code http://localhost:8080/todolist/api}, {@code 1,4,16}, 20 s, 10 s, {@code lists}. It measures,
 * never asserts.
 *
 * <p>{@code one-list} puts every command on one aggregate instead: each step creates one list, and each caller
 * adds a todo to it and removes that todo again, one command after the other (a list holds at most five todos, so
 * use at most four callers). Commands of one aggregate then meet: where the broker groups them (Artemis) one
 * consumer takes them in order; where it does not (Open MQ), two consumers may run two of them at once, the
 * store refuses the second one's events and it runs again on the new state.
 */
public final class ExampleLoad {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080/todolist/api";
        int[] callers = Arrays.stream((args.length > 1 ? args[1] : "1,4,16").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        Duration step = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 20);
        Duration warmUp = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 10);
        boolean oneList = args.length > 4 && args[4].equals("one-list");
        if (args.length > 4 && !oneList && !args[4].equals("lists")) {
            throw new IllegalArgumentException("the fifth argument is lists or one-list, not " + args[4]);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        run(client, base, Arrays.stream(callers).max().orElse(1), warmUp, oneList); // JIT, pools, caches
        System.out.printf("%-8s %12s %10s %10s %10s %8s%n", "callers", "commands/s", "p50 ms", "p99 ms", "max ms",
                "failed");
        for (int n : callers) {
            Result result = run(client, base, n, step, oneList);
            System.out.printf(Locale.ROOT, "%-8d %12.0f %10.2f %10.2f %10.2f %8d%n", n, result.rate(),
                    result.percentile(0.50), result.percentile(0.99), result.percentile(1.0), result.failed());
        }
    }

    private static Result run(HttpClient client, String base, int callers, Duration length, boolean oneList)
            throws Exception {
        String list = oneList ? create(client, base, "load", "Load one list") : null;
        long end = System.nanoTime() + length.toNanos();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(callers);
        long start = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            long[] mine = new long[500_000];
            latencies.add(mine);
            int caller = c;
            Thread thread = new Thread(() -> {
                int i = 0;
                try {
                    String todo = null;
                    while (System.nanoTime() < end && i < mine.length - 1) {
                        HttpRequest request;
                        if (!oneList) {
                            request = post(base + "/lists", "load-" + caller,
                                    "{\"name\":\"Load " + caller + "-" + i + "\"}");
                        } else if (todo == null) {
                            request = post(base + "/lists/" + list + "/todos", "load", "{\"text\":\"T" + caller + "\"}");
                        } else {
                            request = HttpRequest.newBuilder(URI.create(base + "/lists/" + list + "/todos/" + todo))
                                    .timeout(Duration.ofSeconds(30)).header("X-User", "load").DELETE().build();
                        }
                        long sent = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201 || response.statusCode() == 204) {
                            mine[i++] = System.nanoTime() - sent;
                            todo = oneList && todo == null ? id(response.body()) : null;
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    mine[mine.length - 1] = i; // the count, in the last slot
                    done.countDown();
                }
            });
            threads.add(thread);
            thread.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (long[] mine : latencies) {
            total += (int) mine[mine.length - 1];
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] mine : latencies) {
            int count = (int) mine[mine.length - 1];
            System.arraycopy(mine, 0, all, at, count);
            at += count;
        }
        Arrays.sort(all);
        return new Result(total / seconds, all, failed.get());
    }

    private static HttpRequest post(String url, String user, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-User", user)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String create(HttpClient client, String base, String user, String name) throws Exception {
        HttpResponse<String> response = client.send(post(base + "/lists", user, "{\"name\":\"" + name + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the list: " + response.statusCode() + " " + response.body());
        }
        return id(response.body());
    }

    /** @return the {@code id} of a {@code {"id":"..."}} answer */
    private static String id(String json) {
        int key = json.indexOf("\"id\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    private record Result(double rate, long[] sorted, long failed) {

        double percentile(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
