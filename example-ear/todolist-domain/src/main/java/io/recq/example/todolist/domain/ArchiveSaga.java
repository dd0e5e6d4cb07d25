package io.recq.example.todolist.domain;

import io.recq.api.CommandGateway;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.example.todolist.api.ArchiveTodoList;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.api.TodoListArchived;
import io.recq.example.todolist.api.TodoListCreated;
import io.recq.example.todolist.api.TodoListDeleted;

/**
 * Follows each list from its creation: once all its todos are checked it asks for the list to be
 * archived, and it ends when the list is archived or deleted.
 */
@Saga(version = 1)
public class ArchiveSaga {

    @SagaEventHandler(init = true, associationProperty = "listId")
    ArchiveSagaState on(TodoListCreated event) {
        ArchiveSagaState state = new ArchiveSagaState();
        state.setListId(event.listId());
        return state;
    }

    @SagaEventHandler(associationProperty = "listId")
    void on(TodoChecked event, ArchiveSagaState state, CommandGateway commandGateway) {
        if (event.allChecked() && !state.isArchiveRequested()) {
            state.setArchiveRequested(true);
            commandGateway.send(new ArchiveTodoList(event.listId()));
        }
    }

    @SagaEventHandler(associationProperty = "listId")
    void on(TodoListArchived event, ArchiveSagaState state) {
        state.setEnded(true);
    }

    @SagaEventHandler(associationProperty = "listId")
    void on(TodoListDeleted event, ArchiveSagaState state) {
        state.setEnded(true);
    }
}
