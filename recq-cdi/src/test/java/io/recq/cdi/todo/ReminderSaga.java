package io.recq.cdi.todo;

import jakarta.inject.Inject;

import io.recq.api.CommandGateway;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;

/** Saga with field injection. */
@Saga(version = 3)
public class ReminderSaga {

    @Inject
    TodoClock clock;

    @SagaEventHandler(init = true, associationProperty = "listId")
    public ReminderState on(TodoListCreated event, CommandGateway commands) {
        ReminderState state = new ReminderState();
        state.setTitle(event.title());
        commands.send(new NotifyOwner(event.listId(), "created at " + clock.now()));
        return state;
    }

    @SagaEventHandler(associationProperty = "listId")
    public void on(OwnerNotified event, ReminderState state) {
        state.setEnded(true);
    }
}
