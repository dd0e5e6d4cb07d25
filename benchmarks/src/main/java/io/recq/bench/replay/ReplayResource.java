package io.recq.bench.replay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

/**
 * Tells the benchmark how far the replay is: {@code GET /api/replay}.
 */
@Path("replay")
@ApplicationScoped
public class ReplayResource {

    @Inject
    ReplayMeter meter;

    /**
     * @return committed events, transactions and the elapsed time
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject status() {
        return Json.createObjectBuilder()
                .add("committed", meter.committed())
                .add("transactions", meter.transactions())
                .add("elapsedNanos", meter.elapsedNanos())
                .build();
    }

    /**
     * The REST application of the replay deployment.
     */
    @ApplicationPath("api")
    public static class ReplayApplication extends Application {
    }
}
