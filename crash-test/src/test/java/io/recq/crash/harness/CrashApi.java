package io.recq.crash.harness;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The crash application's REST API as the clients use it, with what each answer lets the client conclude.
 */
final class CrashApi {

    /** What a client may conclude from one request. */
    enum Outcome {
        /** 2xx: the command's events are committed. */
        ACKED,
        /** A timeout, a broken connection or a 5xx: it may or may not have been applied. */
        UNKNOWN,
        /** 4xx: the application refused it; nothing was applied. */
        REFUSED,
        /** The connection was refused: the request never reached the server. */
        NOT_SENT
    }

    /**
     * One answer.
     *
     * @param outcome what it means
     * @param status the HTTP status, or -1 without one
     * @param body the body, or the exception's description
     */
    record Answer(Outcome outcome, int status, String body) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).executor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "crash-http");
                t.setDaemon(true);
                return t;
            })).build();

    /**
     * @param base the application's base URI, ending in {@code /}
     */
    CrashApi(URI base) {
        this.base = base;
    }

    Answer open(String accountId) {
        return post("api/accounts/" + accountId, null);
    }

    Answer deposit(String accountId, long amount, String depositId, String key) {
        return post("api/accounts/" + accountId + "/deposits?amount=" + amount + "&depositId=" + depositId, key);
    }

    Answer riskyDeposit(String accountId, long amount, String depositId, String key) {
        return post("api/accounts/" + accountId + "/risky-deposits?amount=" + amount + "&depositId=" + depositId,
                key);
    }

    Answer fixPoison() {
        return post("api/poison/fix", null);
    }

    /**
     * @param path a resource answering a JSON array of objects with string values
     * @return its objects
     * @throws IllegalStateException when it does not answer 200
     */
    List<Map<String, String>> list(String path) {
        Answer answer = get(path);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + base.resolve(path) + " answered " + answer.status() + " "
                    + answer.body());
        }
        List<Map<String, String>> list = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            for (JsonValue value : reader.readArray()) {
                Map<String, String> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, v instanceof JsonString text ? text.getString()
                        : v.toString()));
                list.add(map);
            }
        }
        return list;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            Outcome outcome = status / 100 == 2 ? Outcome.ACKED : status / 100 == 4 ? Outcome.REFUSED
                    : Outcome.UNKNOWN;
            return new Answer(outcome, status, response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Answer(Outcome.NOT_SENT, -1, e.toString());
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                return new Answer(Outcome.NOT_SENT, -1, e.toString());
            }
            return new Answer(Outcome.UNKNOWN, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Outcome.UNKNOWN, -1, e.toString());
        }
    }
}
