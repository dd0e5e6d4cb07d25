package io.recq.crash.web;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.Command;
import io.recq.api.CommandGateway;
import io.recq.api.Invoker;
import io.recq.api.Metadata;
import io.recq.api.RequestTimeoutException;
import io.recq.crash.account.Deposit;
import io.recq.crash.account.OpenAccount;
import io.recq.crash.account.RiskyDeposit;
import io.recq.crash.ledger.LedgerAggregate;
import io.recq.crash.ledger.OpenLedger;

/**
 * Accounts over HTTP. Every write waits for its command's result: 200 when the command's events are committed,
 * 409 when the aggregate refused it, 504 when no answer came in time (the outcome is unknown), 503 for any
 * other failure. A request header {@value #IDEMPOTENCY_HEADER} becomes the command's
 * {@link Metadata#IDEMPOTENCY_KEY}.
 */
@Invoker
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** The request header carrying the idempotency key of a write. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final Logger LOG = Logger.getLogger(AccountResource.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    CommandGateway commands;

    /**
     * Opens an account and its ledger; an account already open answers 200 too.
     *
     * @param accountId the account id
     * @return 200 with the account id
     */
    @POST
    @Path("/{accountId}")
    public Response open(@PathParam("accountId") String accountId) {
        return answer(() -> {
            openIfNew(new OpenAccount(accountId));
            openIfNew(new OpenLedger(LedgerAggregate.idOf(accountId)));
            return Map.of("accountId", accountId);
        });
    }

    /**
     * Deposits on an account.
     *
     * @param accountId the account id
     * @param amount the amount
     * @param depositId the client's id of the deposit
     * @param key the idempotency key, or {@code null}
     * @return 200 with the event, 409, 504 or 503
     */
    @POST
    @Path("/{accountId}/deposits")
    public Response deposit(@PathParam("accountId") String accountId, @QueryParam("amount") long amount,
            @QueryParam("depositId") String depositId, @HeaderParam(IDEMPOTENCY_HEADER) String key) {
        return send(new Deposit(accountId, amount, depositId), key);
    }

    /**
     * Deposits with the poison command, {@link RiskyDeposit}: it fails on every delivery until
     * {@code POST /api/poison/fix}.
     *
     * @param accountId the account id
     * @param amount the amount
     * @param depositId the client's id of the deposit
     * @param key the idempotency key, or {@code null}
     * @return 200 with the event once fixed; before, 503 (dead-lettered) or 504
     */
    @POST
    @Path("/{accountId}/risky-deposits")
    public Response riskyDeposit(@PathParam("accountId") String accountId, @QueryParam("amount") long amount,
            @QueryParam("depositId") String depositId, @HeaderParam(IDEMPOTENCY_HEADER) String key) {
        return send(new RiskyDeposit(accountId, amount, depositId), key);
    }

    private Response send(Command command, String key) {
        Metadata metadata = key == null || key.isBlank() ? Metadata.empty()
                : Metadata.of(Metadata.IDEMPOTENCY_KEY, key);
        return answer(() -> commands.sendAndWait(command, metadata, TIMEOUT));
    }

    private void openIfNew(Command command) {
        try {
            commands.sendAndWait(command, Metadata.empty(), TIMEOUT);
        } catch (AggregateAlreadyInitializedException e) {
            // opened before: what the caller asked for holds
        }
    }

    private static Response answer(Supplier<Object> call) {
        try {
            return Response.ok(call.get()).build();
        } catch (RequestTimeoutException e) {
            return failure(Response.Status.GATEWAY_TIMEOUT, "outcome-unknown", e);
        } catch (AggregateNotInitializedException | AggregateDeletedException | IllegalArgumentException e) {
            return failure(Response.Status.CONFLICT, "refused", e);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A command failed", e);
            return failure(Response.Status.SERVICE_UNAVAILABLE, "failed", e);
        }
    }

    private static Response failure(Response.Status status, String error, RuntimeException e) {
        return Response.status(status).entity(Map.of("error", error, "type", e.getClass().getName(),
                "message", String.valueOf(e.getMessage()))).type(MediaType.APPLICATION_JSON).build();
    }
}
