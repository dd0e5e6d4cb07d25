package io.recq.example.todolist.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.recq.api.Multiple;
import io.recq.api.Single;
import io.recq.example.todolist.api.FindNotifications;
import io.recq.example.todolist.api.FindTodoList;
import io.recq.example.todolist.api.NotificationSent;
import io.recq.example.todolist.api.NotificationView;
import io.recq.example.todolist.api.SearchTodoLists;
import io.recq.example.todolist.api.TodoAdded;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.api.TodoListArchived;
import io.recq.example.todolist.api.TodoListCreated;
import io.recq.example.todolist.api.TodoListDeleted;
import io.recq.example.todolist.api.TodoListSummary;
import io.recq.example.todolist.api.TodoListView;
import io.recq.example.todolist.api.TodoRemoved;
import io.recq.example.todolist.api.TodoView;
import io.recq.test.ProjectorFixture;

class TodoListProjectorTest {

    private static ProjectorFixture<TodoListProjector> fixture() {
        return ProjectorFixture.of(TodoListProjector.class)
                .withEntities(TodoListRecord.class, TodoItem.class, NotificationRecord.class)
                .withProjection(TodoListProjection.class);
    }

    @Test
    void buildsTheListViewFromItsEvents() {
        try (ProjectorFixture<TodoListProjector> testSubject = fixture()) {
            // given
            testSubject.given(new TodoListCreated("l1", "Groceries", "alice"),
                    new TodoAdded("l1", "t1", "Milk", "alice"),
                    new TodoAdded("l1", "t2", "Bread", "alice"),
                    new TodoAdded("l1", "t3", "Eggs", "alice"),
                    new TodoRemoved("l1", "t3", "alice"),
                    new TodoChecked("l1", "t1", "bob", false));

            // when
            Single<TodoListView> answer = testSubject.query(new FindTodoList("l1"));

            // then
            TodoListView view = answer.data();
            assertThat(view.name()).isEqualTo("Groceries");
            assertThat(view.createdBy()).isEqualTo("alice");
            assertThat(view.todos()).containsExactly(new TodoView("t1", "Milk", true, "bob"),
                    new TodoView("t2", "Bread", false, null));
            assertThat(view.allChecked()).isFalse();
            assertThat(view.archived()).isFalse();
        }
    }

    @Test
    void marksArchivedListsAndForgetsDeletedOnes() {
        try (ProjectorFixture<TodoListProjector> testSubject = fixture()) {
            testSubject.given(new TodoListCreated("l1", "Groceries", "alice"),
                    new TodoAdded("l1", "t1", "Milk", "alice"),
                    new TodoChecked("l1", "t1", "bob", true),
                    new TodoListArchived("l1"),
                    new TodoListCreated("l2", "Chores", "alice"),
                    new TodoListDeleted("l2", "alice"));

            assertThat(testSubject.query(new FindTodoList("l1")).data().archived()).isTrue();
            testSubject.expectAnswer(new FindTodoList("l2"), Single.empty());
        }
    }

    @Test
    void searchesByNameOnePageAtATime() {
        try (ProjectorFixture<TodoListProjector> testSubject = fixture()) {
            testSubject.given(new TodoListCreated("l1", "Groceries", "alice"),
                    new TodoListCreated("l2", "Garden chores", "alice"),
                    new TodoListCreated("l3", "Grocery run", "bob"),
                    new TodoAdded("l3", "t1", "Milk", "bob"));

            testSubject.expectAnswer(new SearchTodoLists("GROCER", 0, 1),
                    Multiple.of(List.of(new TodoListSummary("l1", "Groceries", 0, 0, false))));
            testSubject.expectAnswer(new SearchTodoLists("grocer", 1, 1),
                    Multiple.of(List.of(new TodoListSummary("l3", "Grocery run", 1, 0, false))));
            testSubject.expectAnswer(new SearchTodoLists("none", 0, 10), Multiple.empty());
        }
    }

    @Test
    void keepsTheNotificationsOfAList() {
        Instant sentAt = Instant.parse("2026-11-25T10:15:30Z");
        try (ProjectorFixture<TodoListProjector> testSubject = fixture()) {
            testSubject.given(new TodoListCreated("l1", "Groceries", "alice"),
                    new NotificationSent("l1", "alice", "All todos of list l1 are done", sentAt));

            testSubject.expectAnswer(new FindNotifications("l1"), Multiple.of(
                    List.of(new NotificationView("l1", "alice", "All todos of list l1 are done", sentAt))));
        }
    }
}
