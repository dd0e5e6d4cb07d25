package io.recq.example.todolist.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * The web front's REST API, as a client calls it.
 */
final class Http {

    static final Jsonb JSON = JsonbBuilder.create();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Http() {
    }

    /**
     * A response.
     *
     * @param status its status
     * @param body its body
     */
    record Reply(int status, String body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.fromJson(body, Map.class);
        }
    }

    static String base() {
        int port = 8080 + Integer.getInteger("recq.port.offset", 0);
        return "http://127.0.0.1:" + port + "/todolist/api";
    }

    static Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    static Reply post(String path, String body, String user) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .header("X-User", user).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply delete(String path, String user) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("X-User", user).DELETE());
    }

    private static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
