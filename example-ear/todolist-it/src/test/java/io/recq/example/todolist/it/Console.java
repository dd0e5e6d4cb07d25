package io.recq.example.todolist.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The RECQ console's REST API, as its browser UI calls it, with the users the build adds to the server's
 * application realm.
 */
final class Console {

    static final String ADMIN = "console-admin";
    static final String ADMIN_PASSWORD = "console-admin-1";
    static final String OPERATOR = "console-operator";
    static final String OPERATOR_PASSWORD = "console-operator-1";
    static final String NAME = "recq-console";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Console() {
    }

    /** A response, its body read as JSON. */
    record Reply(int status, String body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return Http.JSON.fromJson(body, Map.class);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> array() {
            return Http.JSON.fromJson(body, List.class);
        }
    }

    static String root() {
        return "http://127.0.0.1:" + (8080 + Integer.getInteger("recq.port.offset", 0)) + "/" + NAME + "/";
    }

    static Reply get(String path, String user) throws Exception {
        return send(request(path, user).GET());
    }

    static Reply post(String path, String body, String user) throws Exception {
        return send(request(path, user).header("Content-Type", "application/json").header("X-Requested-By", "test")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST as another site's page could make a browser send it: with the user's credentials, no custom header. */
    static Reply crossSitePost(String path, String user) throws Exception {
        return send(request(path, user).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("")));
    }

    static Reply delete(String path, String user) throws Exception {
        return send(request(path, user).header("X-Requested-By", "test").DELETE());
    }

    private static HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + "api/" + path))
                .timeout(Duration.ofSeconds(60));
        if (user != null) {
            String password = user.equals(ADMIN) ? ADMIN_PASSWORD : user.equals(OPERATOR) ? OPERATOR_PASSWORD : "x";
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
