package io.recq.example.todolist.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.recq.example.todolist.it.Http.get;
import static io.recq.example.todolist.it.Http.post;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TodoList as a system of services: the catalog lists the four services with what they handle; a fifth
 * service claiming the domain's command does not deploy, and says why; with the views service undeployed the
 * front still takes commands and answers its queries at once with 503; redeployed, the views catch up.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TodoListServicesIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    private static final String RIVAL = "todolist-rival";

    /** The list created while the views service is away. */
    private static String listId;

    @Deployment(name = TodoListSystem.DOMAIN, order = 1, testable = false)
    static WebArchive domain() {
        return TodoListSystem.domain();
    }

    @Deployment(name = TodoListSystem.NOTIFICATIONS, order = 2, testable = false)
    static WebArchive notifications() {
        return TodoListSystem.notifications();
    }

    @Deployment(name = TodoListSystem.FRONT, order = 3, testable = false)
    static EnterpriseArchive front() {
        return TodoListSystem.front();
    }

    @Deployment(name = TodoListSystem.VIEWS, managed = false, testable = false)
    static WebArchive views() {
        return TodoListSystem.views();
    }

    @Deployment(name = RIVAL, managed = false, testable = false)
    static WebArchive rival() {
        return TodoListSystem.withServiceLibraries(RIVAL, RivalTodoLists.class);
    }

    @Test
    @Order(1)
    void deployTheViews(@ArquillianResource Deployer deployer) {
        deployer.deploy(TodoListSystem.VIEWS);
    }

    @Test
    @Order(2)
    void listsTheFourServicesWithWhatTheyHandle() throws Exception {
        // given: the front has sent a command and a query
        Http.Reply created = post("/lists", "{\"name\":\"Catalogued\"}", "alice");
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.json().get("id");
        await().atMost(EVENTUALLY).until(() -> get("/lists/" + id).status() == 200);

        // then
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Map<String, List<String>> services = services();
            assertThat(services).containsOnlyKeys(TodoListSystem.DOMAIN, TodoListSystem.VIEWS,
                    TodoListSystem.NOTIFICATIONS, TodoListSystem.FRONT);
            assertThat(services.get(TodoListSystem.DOMAIN)).contains("handles-command CreateTodoList",
                    "handles-command AddTodo", "handles-command ArchiveTodoList", "consumes-event TodoChecked");
            assertThat(services.get(TodoListSystem.VIEWS)).contains("handles-query FindTodoList",
                    "handles-query SearchTodoLists", "handles-query FindNotifications",
                    "consumes-event NotificationSent");
            assertThat(services.get(TodoListSystem.NOTIFICATIONS)).contains("handles-command SendNotification",
                    "consumes-event TodoChecked");
            // the front handles nothing, and sends (written with its next heartbeat)
            assertThat(services.get(TodoListSystem.FRONT)).contains("sends-command CreateTodoList",
                    "sends-query FindTodoList").noneMatch(m -> m.startsWith("handles-") || m.startsWith("consumes-"));
        });
    }

    @Test
    @Order(3)
    void refusesASecondServiceHandlingTheDomainsCommand(@ArquillianResource Deployer deployer) {
        // when
        Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> deployer.deploy(RIVAL));

        // then
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.append(t).append('\n');
        }
        assertThat(messages.toString()).contains("RECQ-01401", "CreateTodoList", TodoListSystem.DOMAIN, RIVAL);
    }

    @Test
    @Order(4)
    void undeployTheViews(@ArquillianResource Deployer deployer) {
        deployer.undeploy(TodoListSystem.VIEWS);
    }

    @Test
    @Order(5)
    void takesCommandsWithoutTheViewsAndAnswersTheirQueriesAtOnce() throws Exception {
        // when
        Http.Reply created = post("/lists", "{\"name\":\"While away\"}", "alice");

        // then: the command was handled; a query fails fast (once the front read the routes again), not in 10 s
        assertThat(created.status()).isEqualTo(201);
        listId = (String) created.json().get("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/lists/" + listId).status() == 503);
        long start = System.nanoTime();
        Http.Reply query = get("/lists/" + listId);
        assertThat(query.status()).isEqualTo(503);
        assertThat(query.json()).containsEntry("error", "service-unavailable");
        assertThat((String) query.json().get("message")).contains("RECQ-01002", "FindTodoList");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(6)
    void redeployTheViews(@ArquillianResource Deployer deployer) {
        deployer.deploy(TodoListSystem.VIEWS);
    }

    @Test
    @Order(7)
    void catchesTheRedeployedViewsUp() {
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Http.Reply view = get("/lists/" + listId);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.json()).containsEntry("name", "While away").containsEntry("createdBy", "alice");
        });
    }

    @Test
    @Order(8)
    void undeployTheViewsAgain(@ArquillianResource Deployer deployer) {
        deployer.undeploy(TodoListSystem.VIEWS);
    }

    /**
     * @return each service of the catalog with its message entries, {@code "<role> <type>"}
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> services() throws Exception {
        Map<String, Object> catalog = get("/catalog").json();
        Map<String, List<String>> services = new java.util.TreeMap<>();
        for (Map<String, Object> service : (List<Map<String, Object>>) catalog.get("services")) {
            services.put((String) service.get("name"), ((List<Map<String, Object>>) service.get("messages"))
                    .stream().map(m -> m.get("role") + " " + m.get("payloadType")).toList());
        }
        return services;
    }
}
