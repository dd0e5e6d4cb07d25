package io.recq.jms.it.health;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The server's MicroProfile Health readiness endpoint, read over HTTP from the test JVM as a load balancer or
 * an orchestrator would read it.
 */
final class HealthEndpoint {

    private HealthEndpoint() {
    }

    /**
     * @return the report of {@code /health/ready} of the server (its management interface on WildFly) (the server answers 200 when
     *         every check is UP and 503 otherwise, with the same report)
     */
    static JsonObject readiness() throws IOException, InterruptedException {
        return report("/health/ready");
    }

    /**
     * @return the report of {@code /health/live} of the server (its management interface on WildFly)
     */
    static JsonObject liveness() throws IOException, InterruptedException {
        return report("/health/live");
    }

    /** Whether the tests run on Payara (its Arquillian run sets {@code arquillian.launch=payara}). */
    static boolean onPayara() {
        return "payara".equals(System.getProperty("arquillian.launch"));
    }

    /**
     * @param name a destination name as RECQ spells it on Artemis
     * @return as RECQ spells it on the server the tests run on (letters, digits and {@code _} on Open MQ)
     */
    static String destination(String name) {
        return onPayara() ? name.replaceAll("[^A-Za-z0-9_]", "_") : name;
    }

    private static JsonObject report(String path) throws IOException, InterruptedException {
        // WildFly answers on its management port, Payara on its HTTP listener (recq.it.health)
        String health = System.getProperty("recq.it.health",
                "http://127.0.0.1:" + System.getProperty("recq.management.port", "9990") + "/health");
        HttpRequest request = HttpRequest.newBuilder(URI.create(health + path.substring("/health".length())))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 503) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /**
     * @param report a health report
     * @param name a check's name
     * @return every check of that name in the report
     */
    static List<JsonObject> checks(JsonObject report, String name) {
        return report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name", null)))
                .toList();
    }
}
