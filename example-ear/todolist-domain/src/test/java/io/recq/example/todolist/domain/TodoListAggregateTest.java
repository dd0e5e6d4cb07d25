package io.recq.example.todolist.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.Metadata;
import io.recq.example.todolist.api.AddTodo;
import io.recq.example.todolist.api.ArchiveTodoList;
import io.recq.example.todolist.api.CheckTodo;
import io.recq.example.todolist.api.CreateTodoList;
import io.recq.example.todolist.api.DeleteTodoList;
import io.recq.example.todolist.api.RemoveTodo;
import io.recq.example.todolist.api.TodoAdded;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.api.TodoListArchived;
import io.recq.example.todolist.api.TodoListCreated;
import io.recq.example.todolist.api.TodoListDeleted;
import io.recq.example.todolist.api.TodoRemoved;
import io.recq.example.todolist.api.TodoRuleViolation;
import io.recq.test.AggregateFixture;

class TodoListAggregateTest {

    private static final Metadata ALICE = Metadata.of(TodoListAggregate.USER, "alice");
    private static final Metadata BOB = Metadata.of(TodoListAggregate.USER, "bob");

    private static final TodoListCreated CREATED = new TodoListCreated("l1", "Groceries", "alice");

    @Test
    void createsAListRecordingTheActingUser() {
        AggregateFixture.of(TodoListAggregate.class)
                .givenNoPriorActivity()
                .when(new CreateTodoList("l1", " Groceries "), ALICE)
                .expectEvents(new TodoListCreated("l1", "Groceries", "alice"))
                .expectState((TodoListState state) -> assertThat(state.getName()).isEqualTo("Groceries"));
    }

    @Test
    void refusesABlankName() {
        AggregateFixture.of(TodoListAggregate.class)
                .givenNoPriorActivity()
                .when(new CreateTodoList("l1", " "), ALICE)
                .expectException(TodoRuleViolation.class, "invalid-name");
    }

    @Test
    void refusesTheSixthTodo() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"), added("t2"), added("t3"), added("t4"), added("t5"))
                .when(new AddTodo("l1", "t6", "Honey"), ALICE)
                .expectException(TodoRuleViolation.class, "list-full");
    }

    @Test
    void addsATodo() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED)
                .when(new AddTodo("l1", "t1", "Milk"), BOB)
                .expectEvents(new TodoAdded("l1", "t1", "Milk", "bob"));
    }

    @Test
    void refusesToRemoveACheckedTodo() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"), new TodoChecked("l1", "t1", "bob", true))
                .when(new RemoveTodo("l1", "t1"), ALICE)
                .expectException(TodoRuleViolation.class, "todo-checked");
    }

    @Test
    void removesAnUncheckedTodo() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"))
                .when(new RemoveTodo("l1", "t1"), ALICE)
                .expectEvents(new TodoRemoved("l1", "t1", "alice"))
                .expectState((TodoListState state) -> assertThat(state.getTodos()).isEmpty());
    }

    @Test
    void tellsWhetherTheListIsNowAllChecked() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"), added("t2"))
                .when(new CheckTodo("l1", "t1"), BOB)
                .expectEvents(new TodoChecked("l1", "t1", "bob", false));
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"), added("t2"), new TodoChecked("l1", "t1", "bob", false))
                .when(new CheckTodo("l1", "t2"), BOB)
                .expectEvents(new TodoChecked("l1", "t2", "bob", true));
    }

    @Test
    void refusesToDeleteAListHoldingACheckedTodo() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"), new TodoChecked("l1", "t1", "bob", true))
                .when(new DeleteTodoList("l1"), ALICE)
                .expectException(TodoRuleViolation.class, "list-has-checked-todo");
    }

    @Test
    void aDeletedListRejectsEveryLaterCommand() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, new TodoListDeleted("l1", "alice"))
                .when(new AddTodo("l1", "t1", "Milk"), ALICE)
                .expectException(AggregateDeletedException.class, "RECQ-01007");
    }

    @Test
    void aMissingListIsNotInitialized() {
        AggregateFixture.of(TodoListAggregate.class)
                .givenNoPriorActivity()
                .when(new AddTodo("l1", "t1", "Milk"), ALICE)
                .expectException(AggregateNotInitializedException.class, "RECQ-01005");
    }

    @Test
    void archivesOnlyAnAllCheckedList() {
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"))
                .when(new ArchiveTodoList("l1"))
                .expectException(TodoRuleViolation.class, "not-all-checked");
        AggregateFixture.of(TodoListAggregate.class)
                .given(CREATED, added("t1"), new TodoChecked("l1", "t1", "bob", true))
                .when(new ArchiveTodoList("l1"))
                .expectEvents(new TodoListArchived("l1"))
                .expectState((TodoListState state) -> assertThat(state.isArchived()).isTrue());
    }

    private static TodoAdded added(String todoId) {
        return new TodoAdded("l1", todoId, "Todo " + todoId, "alice");
    }
}
