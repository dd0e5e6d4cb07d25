package io.recq.example.todolist.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.recq.example.todolist.it.Http.JSON;
import static io.recq.example.todolist.it.Http.delete;
import static io.recq.example.todolist.it.Http.get;
import static io.recq.example.todolist.it.Http.post;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole TodoList story through its REST API, against the four deployments the build produced: the web front
 * (the EAR), whose REST invoker holds no handler, sends every command and query of the story to the domain, views
 * and notifications services, and all seven component kinds work together across them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TodoListStoryIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Deployment(name = TodoListSystem.DOMAIN, order = 1, testable = false)
    static WebArchive domain() {
        return TodoListSystem.domain();
    }

    @Deployment(name = TodoListSystem.VIEWS, order = 2, testable = false)
    static WebArchive views() {
        return TodoListSystem.views();
    }

    @Deployment(name = TodoListSystem.NOTIFICATIONS, order = 3, testable = false)
    static WebArchive notifications() {
        return TodoListSystem.notifications();
    }

    @Deployment(name = TodoListSystem.FRONT, order = 4, testable = false)
    static EnterpriseArchive front() {
        return TodoListSystem.front();
    }

    @Test
    void walksTheWholeStory() throws Exception {
        // given a list created by alice
        Http.Reply created = post("/lists", "{\"name\":\"Groceries\"}", "alice");
        assertThat(created.status()).isEqualTo(201);
        String listId = (String) created.json().get("id");

        // when five todos are added, the sixth is refused
        List<String> todos = new ArrayList<>();
        for (String text : List.of("Milk", "Bread", "Eggs", "Butter", "Jam")) {
            Http.Reply added = post("/lists/" + listId + "/todos", "{\"text\":\"" + text + "\"}", "alice");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            todos.add((String) added.json().get("id"));
        }
        Http.Reply sixth = post("/lists/" + listId + "/todos", "{\"text\":\"Honey\"}", "alice");
        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.json()).containsEntry("error", "list-full");

        // a checked todo cannot be removed, and a list holding one cannot be deleted
        assertThat(post("/lists/" + listId + "/todos/" + todos.get(0) + "/check", "", "bob").status()).isEqualTo(204);
        Http.Reply remove = delete("/lists/" + listId + "/todos/" + todos.get(0), "bob");
        assertThat(remove.status()).isEqualTo(409);
        assertThat(remove.json()).containsEntry("error", "todo-checked");
        Http.Reply deleteList = delete("/lists/" + listId, "bob");
        assertThat(deleteList.status()).isEqualTo(409);
        assertThat(deleteList.json()).containsEntry("error", "list-has-checked-todo");

        // then the view follows, with the refused sixth todo stored nowhere and the acting users recorded
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Map<String, Object> view = get("/lists/" + listId).json();
            assertThat((List<?>) view.get("todos")).hasSize(5);
            assertThat(view).containsEntry("createdBy", "alice").containsEntry("name", "Groceries");
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) ((List<?>) view.get("todos")).get(0);
            assertThat(first).containsEntry("checked", true).containsEntry("checkedBy", "bob");
        });
        Http.Reply search = get("/lists?name=grocer");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains(listId);

        // when every todo is checked, the observer has alice notified and the saga archives the list
        for (String todoId : todos.subList(1, todos.size())) {
            assertThat(post("/lists/" + listId + "/todos/" + todoId + "/check", "", "alice").status()).isEqualTo(204);
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Map<String, Object> view = get("/lists/" + listId).json();
            assertThat(view).containsEntry("allChecked", true).containsEntry("archived", true);
        });
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Http.Reply notifications = get("/lists/" + listId + "/notifications");
            assertThat(notifications.body()).contains("All todos of list " + listId + " are done");
            assertThat(JSON.fromJson(notifications.body(), Map.class).get("data")).asList().hasSize(1);
        });
        Http.Reply afterArchive = post("/lists/" + listId + "/todos", "{\"text\":\"Late\"}", "alice");
        assertThat(afterArchive.status()).isEqualTo(409);
        assertThat(afterArchive.json()).containsEntry("error", "list-archived");
    }

    @Test
    void answersBadRequestsWithMeaningfulStatuses() throws Exception {
        // malformed JSON and a missing field
        assertThat(post("/lists", "{\"name\":", "alice").status()).isEqualTo(400);
        assertThat(post("/lists", "{}", "alice").status()).isEqualTo(400);

        // an unknown list, for a read and for a command
        assertThat(get("/lists/no-such-list").status()).isEqualTo(404);
        Http.Reply addToUnknown = post("/lists/no-such-list/todos", "{\"text\":\"Milk\"}", "alice");
        assertThat(addToUnknown.status()).isEqualTo(404);
        assertThat(addToUnknown.json()).containsEntry("error", "unknown-list");

        // a broken rule in the creating command
        Http.Reply blankName = post("/lists", "{\"name\":\"  \"}", "alice");
        assertThat(blankName.status()).isEqualTo(409);
        assertThat(blankName.json()).containsEntry("error", "invalid-name");
    }

    @Test
    void operatesTheDeadCommandQueue() throws Exception {
        // the list, as JSON
        Http.Reply list = get("/dead-commands?max=10");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).startsWith("[");

        // an unknown command, for every operation
        assertThat(get("/dead-commands/no-such-command").status()).isEqualTo(404);
        assertThat(post("/dead-commands/no-such-command/retry", "", "operator").status()).isEqualTo(404);
        assertThat(delete("/dead-commands/no-such-command", "operator").status()).isEqualTo(404);
    }
}
