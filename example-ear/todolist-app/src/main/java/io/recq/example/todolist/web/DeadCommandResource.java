package io.recq.example.todolist.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.recq.api.DeadCommandQueue;

/**
 * The dead command queue for operators: commands that failed the same permanent way on every try, or that
 * nobody waited for and could not be read. Nothing was stored for them. List them, look at one, retry it
 * after fixing its cause, or delete it.
 *
 * <ul>
 * <li>{@code GET /api/dead-commands?max=100}</li>
 * <li>{@code GET /api/dead-commands/{messageId}}</li>
 * <li>{@code POST /api/dead-commands/{messageId}/retry}: 202, the command is on its way again (handled once);
 * 404 when there is no such entry</li>
 * <li>{@code DELETE /api/dead-commands/{messageId}}: 204, or 404 when there is no such entry</li>
 * </ul>
 */
@Path("/dead-commands")
@Produces(MediaType.APPLICATION_JSON)
public class DeadCommandResource {

    @Inject
    DeadCommandQueue deadCommands;

    @GET
    public List<View> list(@QueryParam("max") @DefaultValue("100") int max) {
        return deadCommands.list(Math.min(Math.max(max, 1), 1000)).stream().map(View::of).toList();
    }

    @GET
    @Path("/{messageId}")
    public View find(@PathParam("messageId") String messageId) {
        return deadCommands.find(messageId).map(View::of)
                .orElseThrow(() -> new NotFoundException("no dead command " + messageId));
    }

    @POST
    @Path("/{messageId}/retry")
    public Response retry(@PathParam("messageId") String messageId) {
        if (!deadCommands.retry(messageId)) {
            throw new NotFoundException("no dead command " + messageId);
        }
        return Response.accepted().build();
    }

    @DELETE
    @Path("/{messageId}")
    public Response delete(@PathParam("messageId") String messageId) {
        if (!deadCommands.delete(messageId)) {
            throw new NotFoundException("no dead command " + messageId);
        }
        return Response.noContent().build();
    }

    /**
     * A dead command as JSON.
     *
     * @param messageId its message id
     * @param commandType its logical name
     * @param routingKey the aggregate id or lock id, or {@code null}
     * @param metadata its metadata
     * @param json its body
     * @param reason why it is here
     * @param deliveries how often it was tried
     * @param sentAt when it was sent
     * @param deadSince when it was moved here
     */
    public record View(String messageId, String commandType, String routingKey, Map<String, String> metadata,
            String json, String reason, int deliveries, Instant sentAt, Instant deadSince) {

        static View of(DeadCommandQueue.Entry entry) {
            return new View(entry.messageId(), entry.commandType(), entry.routingKey(), entry.metadata().asMap(),
                    entry.json(), entry.reason(), entry.deliveries(), entry.sentAt(), entry.deadSince());
        }
    }
}
