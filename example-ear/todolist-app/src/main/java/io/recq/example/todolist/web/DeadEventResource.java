package io.recq.example.todolist.web;

import java.util.List;

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

import io.recq.api.DeadEventQueue;

/**
 * The dead event queue for operators: events a projector, saga or observer could not handle after its
 * retries. List them, retry one after fixing its cause, or delete it.
 *
 * <ul>
 * <li>{@code GET /api/dead-events?consumer=Projector:TodoListProjector:v1:*&max=100}</li>
 * <li>{@code GET /api/dead-events/{id}}</li>
 * <li>{@code POST /api/dead-events/{id}/retry}: 200 with the entry gone when the event was handled, 409 with
 * the entry and its new failure when it failed again</li>
 * <li>{@code DELETE /api/dead-events/{id}}: 204, or 404 when there is no such entry</li>
 * </ul>
 */
@Path("/dead-events")
@Produces(MediaType.APPLICATION_JSON)
public class DeadEventResource {

    @Inject
    DeadEventQueue deadEvents;

    @GET
    public List<DeadEventQueue.Entry> list(@QueryParam("consumer") String consumer,
            @QueryParam("max") @DefaultValue("100") int max) {
        return deadEvents.list(consumer, Math.min(Math.max(max, 1), 1000));
    }

    @GET
    @Path("/{id}")
    public DeadEventQueue.Entry find(@PathParam("id") long id) {
        return deadEvents.find(id).orElseThrow(() -> new NotFoundException("no dead event " + id));
    }

    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") long id) {
        if (deadEvents.find(id).isEmpty()) {
            throw new NotFoundException("no dead event " + id);
        }
        if (deadEvents.retry(id)) {
            return Response.ok().build();
        }
        return Response.status(Response.Status.CONFLICT).entity(deadEvents.find(id).orElse(null)).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        if (!deadEvents.delete(id)) {
            throw new NotFoundException("no dead event " + id);
        }
        return Response.noContent().build();
    }
}
