package io.recq.cdi.todo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/** The time source of the aggregate, injected through its constructor. */
@ApplicationScoped
public class TodoClock {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
