package io.recq.crash.web;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.recq.crash.account.PoisonSwitch;

/**
 * The poison switch over HTTP: {@code POST /api/poison/fix} makes
 * {@link io.recq.crash.account.RiskyDeposit} succeed, {@code DELETE /api/poison/fix} poisons it again.
 */
@Path("/poison")
@Produces(MediaType.APPLICATION_JSON)
public class PoisonResource {

    @Inject
    PoisonSwitch poison;

    /** @return the switch */
    @GET
    public Map<String, Boolean> state() {
        return Map.of("fixed", poison.isFixed());
    }

    /** @return the switch, fixed */
    @POST
    @Path("/fix")
    public Map<String, Boolean> fix() {
        poison.fix();
        return state();
    }

    /** @return the switch, poisoned */
    @DELETE
    @Path("/fix")
    public Map<String, Boolean> poison() {
        poison.poison();
        return state();
    }
}
