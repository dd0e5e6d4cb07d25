package io.recq.jpa.event.it.replay;

import io.recq.api.Event;

/**
 * An event of the replay test.
 *
 * @param account the account
 * @param amount the amount
 */
public record Deposited(String account, int amount) implements Event {

    /** The context of the replay test's events. */
    public static final String CONTEXT = "replay-it";

    @Override
    public String context() {
        return CONTEXT;
    }
}
