package io.recq.crash.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.recq.crash.account.NodeWork;

/**
 * {@code GET api/node-work}: this server's node name and the deposit commands it has handled since it started.
 */
@Path("/node-work")
public class NodeWorkResource {

    @Inject
    NodeWork work;

    /**
     * @return {@code {"node": ..., "deposits": n}}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject get() {
        return Json.createObjectBuilder()
                .add("node", String.valueOf(System.getProperty("jboss.node.name")))
                .add("deposits", work.deposits())
                .build();
    }
}
