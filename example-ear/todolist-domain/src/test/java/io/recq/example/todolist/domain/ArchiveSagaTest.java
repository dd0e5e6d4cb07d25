package io.recq.example.todolist.domain;

import org.junit.jupiter.api.Test;

import io.recq.example.todolist.api.ArchiveTodoList;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.api.TodoListArchived;
import io.recq.example.todolist.api.TodoListCreated;
import io.recq.example.todolist.api.TodoListDeleted;
import io.recq.test.SagaFixture;

class ArchiveSagaTest {

    private static final TodoListCreated CREATED = new TodoListCreated("l1", "Groceries", "alice");

    @Test
    void startsWithTheListAndFollowsIt() {
        SagaFixture.of(ArchiveSaga.class)
                .givenNoPriorActivity()
                .whenPublished(CREATED)
                .expectActive()
                .expectAssociation("listId", "l1")
                .expectNoCommands();
    }

    @Test
    void waitsWhileTodosRemainUnchecked() {
        SagaFixture.of(ArchiveSaga.class)
                .given(CREATED)
                .whenPublished(new TodoChecked("l1", "t1", "bob", false))
                .expectActive()
                .expectNoCommands();
    }

    @Test
    void asksToArchiveOnceAllTodosAreChecked() {
        SagaFixture.of(ArchiveSaga.class)
                .given(CREATED)
                .whenPublished(new TodoChecked("l1", "t2", "bob", true))
                .expectCommands(new ArchiveTodoList("l1"))
                .expectActive();
    }

    @Test
    void endsWhenTheListIsArchived() {
        SagaFixture.of(ArchiveSaga.class)
                .given(CREATED, new TodoChecked("l1", "t2", "bob", true))
                .whenPublished(new TodoListArchived("l1"))
                .expectEnded();
    }

    @Test
    void endsWhenTheListIsDeleted() {
        SagaFixture.of(ArchiveSaga.class)
                .given(CREATED)
                .whenPublished(new TodoListDeleted("l1", "alice"))
                .expectEnded();
    }

    @Test
    void ignoresOtherLists() {
        SagaFixture.of(ArchiveSaga.class)
                .given(CREATED)
                .whenPublished(new TodoChecked("l2", "t1", "bob", true))
                .expectNoInstanceReached()
                .expectNoCommands();
    }
}
