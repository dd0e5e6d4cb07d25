package io.recq.console;

import java.util.Set;

import jakarta.json.Json;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses an operation (anything but a read) that does not carry the header {@value #HEADER}. A browser sends
 * the console's BASIC credentials with every request to it, also from another site's page; such a page can send a
 * plain form or a simple request, but not a request with a custom header unless the console allows it (CORS),
 * which it never does. The console's pages and any script send the header.
 */
@Provider
public class CrossSiteRequests implements ContainerRequestFilter {

    /** The header every operation must carry, with any value. */
    public static final String HEADER = "X-Requested-By";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        String value = request.getHeaderString(HEADER);
        if (!READS.contains(request.getMethod()) && (value == null || value.isBlank())) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(Json.createObjectBuilder().addNull("code").add("message", request.getMethod()
                            + " without the header " + HEADER + " is refused, as a request another site's page could "
                            + "send. Fix: send " + HEADER + ": <your tool's name> with every operation").build())
                    .build());
        }
    }
}
