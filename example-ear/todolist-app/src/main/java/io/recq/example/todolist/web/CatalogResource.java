package io.recq.example.todolist.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.recq.api.Catalog;

/**
 * The catalog of the running TodoList system, as JSON: {@code GET /api/catalog} lists the services with their
 * running instances and what each handles, consumes and sends, the event consumers with their positions, and
 * the payload types sent in another shape than their handler reads.
 */
@Path("/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @Inject
    Catalog catalog;

    @GET
    public View get() {
        return new View(catalog.self(), catalog.services(), catalog.consumers(), catalog.mismatches());
    }

    /**
     * The catalog as this front sees it.
     *
     * @param self the front's own service name
     * @param services the running services
     * @param consumers the event consumers
     * @param mismatches the payload types sent in another shape than their handler reads
     */
    public record View(String self, List<Catalog.ServiceEntry> services, List<Catalog.ConsumerEntry> consumers,
            List<Catalog.Mismatch> mismatches) {
    }
}
