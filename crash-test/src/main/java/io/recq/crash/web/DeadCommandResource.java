package io.recq.crash.web;

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

import io.recq.api.DeadCommandQueue;

/**
 * The command dead-letter queue over HTTP, through RECQ's public {@link DeadCommandQueue}: the crash test's
 * poison scenario retries the dead-lettered command here after the fix ({@code POST /api/dead-commands/{id}/retry}).
 */
@Path("/dead-commands")
@Produces(MediaType.APPLICATION_JSON)
public class DeadCommandResource {

    @Inject
    DeadCommandQueue queue;

    /**
     * @param max the most entries to list
     * @return the dead-lettered commands, oldest first
     */
    @GET
    public List<DeadCommandQueue.Entry> list(@QueryParam("max") @DefaultValue("100") int max) {
        return queue.list(max);
    }

    /**
     * @param messageId a dead-lettered command's message id
     * @return its entry
     */
    @GET
    @Path("/{messageId}")
    public DeadCommandQueue.Entry find(@PathParam("messageId") String messageId) {
        return queue.find(messageId).orElseThrow(() -> new NotFoundException("no dead command " + messageId));
    }

    /**
     * Sends a dead-lettered command to its handler again.
     *
     * @param messageId its message id
     * @return 200, or 404 when it is not on the queue
     */
    @POST
    @Path("/{messageId}/retry")
    public Response retry(@PathParam("messageId") String messageId) {
        if (!queue.retry(messageId)) {
            throw new NotFoundException("no dead command " + messageId);
        }
        return Response.ok(java.util.Map.of("retried", messageId)).build();
    }

    /**
     * Deletes a dead-lettered command.
     *
     * @param messageId its message id
     * @return 204, or 404 when it is not on the queue
     */
    @DELETE
    @Path("/{messageId}")
    public Response delete(@PathParam("messageId") String messageId) {
        if (!queue.delete(messageId)) {
            throw new NotFoundException("no dead command " + messageId);
        }
        return Response.noContent().build();
    }
}
