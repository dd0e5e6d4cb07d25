package io.recq.example.todolist.it;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

import io.recq.api.CommandGateway;
import io.recq.api.Invoker;

/**
 * Mends and breaks {@link PoisonProjector} from the test, as an operator's fix would: {@code POST probe/fix},
 * {@code POST probe/break}; tells how many events it handled, {@code GET probe/handled}.
 */
@Path("probe")
@Invoker
public class ProbeSwitch {

    static volatile boolean broken = true;
    static volatile boolean commandsBroken = true;
    static final AtomicLong handled = new AtomicLong();
    static final AtomicLong commands = new AtomicLong();

    @Inject
    CommandGateway commandGateway;

    /** Sends a {@link ProbeCommand} that nobody waits for. */
    @POST
    @Path("command/{marker}")
    public void command(@PathParam("marker") String marker) {
        commandGateway.send(new ProbeCommand(marker));
    }

    @POST
    @Path("commands/fix")
    public void fixCommands() {
        commandsBroken = false;
    }

    @GET
    @Path("commands")
    @Produces(MediaType.TEXT_PLAIN)
    public String commands() {
        return Long.toString(commands.get());
    }

    @GET
    @Path("handled")
    @Produces(MediaType.TEXT_PLAIN)
    public String handled() {
        return Long.toString(handled.get());
    }

    @POST
    @Path("fix")
    public void fix() {
        broken = false;
    }

    @POST
    @Path("break")
    public void breakIt() {
        broken = true;
    }

    /** The probe service's REST root. */
    @ApplicationPath("/")
    public static class Root extends Application {
    }
}
