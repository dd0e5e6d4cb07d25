package io.recq.example.todolist.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RECQ console against the TodoList system, with a probe service whose projector fails on a poisoned todo
 * until it is mended, and a slow projector deployed late, whose replay can be watched: first its REST API, every
 * operation with and without the admin role, then its pages in a real headless Chromium
 * ({@link ConsolePages}), which also take the README's screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final Duration EVENTUALLY = Duration.ofSeconds(30);
    static final String PROBE = "console-probe";
    static final String REPLAYER = "console-replayer";
    static final String POISON_CONSUMER = "Projector:PoisonProjector:v1:*";
    static final String SLOW_CONSUMER = "Projector:SlowProjector:v1:*";

    private static String listId;
    private static ConsolePages pages;

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

    @Deployment(name = PROBE, order = 5, testable = false)
    static WebArchive probe() {
        return TodoListSystem.withServiceLibraries(PROBE, PoisonProjector.class, ProbeSwitch.class,
                ProbeSwitch.Root.class, ProbeCommand.class, ProbeCommands.class)
                .addAsResource(new StringAsset("recq.command.max-deliveries=2\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Deployment(name = Console.NAME, order = 6, testable = false)
    static WebArchive console() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("recq-console.war",
                "../../recq-console/target/recq-console.war")));
    }

    /** Deployed late: its projector replays what is stored, slowly and in small batches, to be watched. */
    @Deployment(name = REPLAYER, managed = false, testable = false)
    static WebArchive replayer() {
        return TodoListSystem.withServiceLibraries(REPLAYER, SlowProjector.class)
                .addAsResource(new StringAsset("recq.event.batch-size=5\nrecq.event.replay-batch-size=5\n"), "META-INF/microprofile-config.properties");
    }

    @AfterAll
    static void closeBrowser() {
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    @Order(1)
    void showsTheSystemItsCatalogInstancesAndConsumers() throws Exception {
        listId = story("Console", "Milk", "poison one", "Bread");
        assertThat(Console.get("me", Console.ADMIN).object()).containsEntry("user", Console.ADMIN)
                .containsEntry("admin", true);
        assertThat(Console.get("me", Console.OPERATOR).object()).containsEntry("admin", false);

        // what a service sends to another reaches the catalog with its next heartbeat
        await().atMost(EVENTUALLY).untilAsserted(this::graphShowsTheStory);

        List<Map<String, Object>> added = Console.get("catalog?q=todoadded", Console.OPERATOR).array();
        assertThat(added).singleElement().satisfies(type -> {
            assertThat(type).containsEntry("type", "TodoAdded").containsEntry("kind", "event");
            assertThat(list(type.get("publishedBy"))).extracting(c -> c.get("component"))
                    .containsExactly("io.recq.example.todolist.domain.TodoListAggregate");
            assertThat(list(type.get("consumedBy"))).extracting(c -> c.get("componentKind")).contains("projector");
            assertThat(((Map<?, ?>) type.get("jsonSchema")).containsKey("properties")).isTrue();
        });
        assertThat(Console.get("catalog?q=TodoListView", Console.OPERATOR).array()).singleElement()
                .satisfies(view -> assertThat(view).containsEntry("kind", "view"))
                .satisfies(view -> assertThat(list(view.get("returnedBy"))).extracting(c -> c.get("componentKind"))
                        .containsExactly("projection"));
        assertThat(Console.get("catalog?q=projector", Console.OPERATOR).array()).extracting(t -> t.get("type"))
                .contains("TodoAdded", "TodoListCreated").doesNotContain("CreateTodoList");

        assertThat(Console.get("instances", Console.OPERATOR).array()).extracting(i -> i.get("service"))
                .contains("todolist", "todolist-domain", "todolist-views", "todolist-notifications", PROBE,
                        Console.NAME)
                .allSatisfy(s -> assertThat(s).isNotNull());
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(consumer("Projector:TodoListProjector:v1:*"))
                .containsEntry("state", "running").satisfies(ConsoleIT::caughtUp)
                .containsEntry("service", "todolist-views").containsEntry("kind", "projector")
                .satisfies(c -> assertThat(c.get("ownerNode")).isNotNull()));
    }

    @Test
    @Order(2)
    void browsesEventsByAggregateTypeTimeAndCorrelation() throws Exception {
        List<Map<String, Object>> history = list(Console.get("aggregates/" + listId, Console.OPERATOR).object()
                .get("events"));
        assertThat(history).extracting(e -> e.get("type")).startsWith("TodoListCreated", "TodoAdded", "TodoAdded",
                "TodoAdded", "TodoChecked");
        List<Integer> versions = new ArrayList<>();
        history.forEach(e -> versions.add(((Number) e.get("aggregateVersion")).intValue()));
        assertThat(versions).isSorted().startsWith(1, 2, 3);
        assertThat(((Map<?, ?>) history.get(1).get("payload")).get("text")).isEqualTo("Milk");

        Map<String, Object> page = Console.get("events?type=TodoAdded&max=2", Console.OPERATOR).object();
        List<Map<String, Object>> first = list(page.get("events"));
        assertThat(first).hasSize(2).extracting(e -> e.get("type")).containsOnly("TodoAdded");
        long newest = number(first.get(0).get("sequence"));
        assertThat(newest).isGreaterThan(number(first.get(1).get("sequence")));
        long next = number(page.get("next"));
        List<Map<String, Object>> second = list(Console.get("events?type=TodoAdded&max=2&before=" + next,
                Console.OPERATOR).object().get("events"));
        assertThat(second).isNotEmpty().allSatisfy(e -> assertThat(number(e.get("sequence"))).isLessThan(next));

        Map<String, Object> created = history.get(0);
        String at = (String) created.get("storedAt");
        assertThat(list(Console.get("events?aggregateId=" + listId + "&from=" + at + "&max=100", Console.OPERATOR)
                .object().get("events"))).extracting(e -> e.get("sequence")).contains(created.get("sequence"));
        assertThat(list(Console.get("events?aggregateId=" + listId + "&to=" + at, Console.OPERATOR).object()
                .get("events"))).isEmpty();
        long sequence = number(created.get("sequence"));
        assertThat(list(Console.get("events?fromSequence=" + sequence + "&toSequence=" + sequence,
                Console.OPERATOR).object().get("events"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("aggregateId", listId));
        assertThat(Console.get("events?from=yesterday", Console.OPERATOR).status()).isEqualTo(400);

        // the last check completes the list: the observer's command and the notification belong to its chain
        Map<String, Object> lastCheck = history.stream().filter(e -> e.get("type").equals("TodoChecked"))
                .reduce((a, b) -> b).orElseThrow();
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Map<String, Object> chain = Console.get("events/" + number(lastCheck.get("sequence")) + "/chain",
                    Console.OPERATOR).object();
            assertThat(chain.get("correlationId")).isEqualTo(((Map<?, ?>) lastCheck.get("metadata"))
                    .get("recq-correlation-id"));
            assertThat(list(chain.get("events"))).extracting(e -> e.get("type"))
                    .startsWith("TodoChecked").contains("NotificationSent");
        });
        assertThat(Console.get("events/999999999", Console.OPERATOR).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void retriesAndDeletesDeadEventsOnlyForAdmins() throws Exception {
        Map<String, Object> dead = awaitDeadEvent("poison one");
        long id = number(dead.get("id"));
        assertThat(dead).containsEntry("eventType", "TodoAdded")
                .containsEntry("errorClass", IllegalStateException.class.getName());
        assertThat((String) dead.get("handler")).contains("PoisonProjector#on(TodoAdded)");

        // read by everyone with a role, operated only by admins; nobody without a user
        assertThat(Console.get("dead-events", null).status()).isEqualTo(401);
        assertThat(Console.get("graph", "intruder").status()).isEqualTo(401);
        assertThat(Console.post("dead-events/" + id + "/retry", "", Console.OPERATOR).status()).isEqualTo(403);
        assertThat(Console.delete("dead-events/" + id, Console.OPERATOR).status()).isEqualTo(403);
        assertThat(Console.post("dead-events/delete", "{\"ids\":[" + id + "]}", Console.OPERATOR).status())
                .isEqualTo(403);
        assertThat(Console.post("dead-events/retry", "{\"ids\":[" + id + "]}", Console.OPERATOR).status())
                .isEqualTo(403);
        assertThat(Console.get("dead-events/" + id, Console.OPERATOR).status()).isEqualTo(200);

        // the console does not run the projector: the probe service retries it when asked, still failing
        Console.Reply failed = Console.post("dead-events/" + id + "/retry", "", Console.ADMIN);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.object()).containsEntry("outcome", "failed");
        assertThat(number(((Map<?, ?>) failed.object().get("entry")).get("attempts")))
                .isEqualTo(number(dead.get("attempts")) + 1);

        // an admin's browser, sent there by another site's page, cannot be made to retry it
        Console.Reply crossSite = Console.crossSitePost("dead-events/" + id + "/retry", Console.ADMIN);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat((String) crossSite.object().get("message")).contains("X-Requested-By");

        // mended, the retry handles it and the entry is gone
        probe("fix");
        Console.Reply handled = Console.post("dead-events/" + id + "/retry", "", Console.ADMIN);
        assertThat(handled.object()).containsEntry("outcome", "handled").containsEntry("entry", null);
        assertThat(Console.get("dead-events/" + id, Console.ADMIN).status()).isEqualTo(404);
        assertThat(Console.post("dead-events/" + id + "/retry", "", Console.ADMIN).status()).isEqualTo(404);

        // bulk: broken again, two poisoned todos, deleted at once
        probe("break");
        String other = story("Console bulk", "poison two", "poison three");
        Map<String, Object> two = awaitDeadEvent("poison two");
        Map<String, Object> three = awaitDeadEvent("poison three");
        Console.Reply deleted = Console.post("dead-events/delete", "{\"ids\":[" + two.get("id") + ","
                + three.get("id") + "]}", Console.ADMIN);
        assertThat(number(deleted.object().get("deleted"))).isEqualTo(2);
        assertThat(Console.get("dead-events?consumer=" + POISON_CONSUMER, Console.ADMIN).array()).isEmpty();
        assertThat(other).isNotNull();
    }

    @Test
    @Order(4)
    void retriesAndDeletesTheDeadCommandsOfEveryServiceOnlyForAdmins() throws Exception {
        probe("command/fragile-1");
        probe("command/fragile-2");
        Map<String, Object> one = awaitDeadCommand("fragile-1");
        Map<String, Object> two = awaitDeadCommand("fragile-2");
        assertThat(one).containsEntry("service", PROBE).containsEntry("commandType", "ProbeCommand");
        assertThat((String) one.get("reason")).isNotBlank();
        String path = "dead-commands/" + PROBE + "/" + one.get("messageId");
        assertThat(Console.get(path, Console.OPERATOR).object()).containsEntry("messageId", one.get("messageId"));

        assertThat(Console.post(path + "/retry", "", Console.OPERATOR).status()).isEqualTo(403);
        assertThat(Console.delete(path, Console.OPERATOR).status()).isEqualTo(403);
        String both = "{\"items\":[{\"service\":\"" + PROBE + "\",\"messageId\":\"" + one.get("messageId") + "\"}]}";
        assertThat(Console.post("dead-commands/retry", both, Console.OPERATOR).status()).isEqualTo(403);
        assertThat(Console.post("dead-commands/delete", both, Console.OPERATOR).status()).isEqualTo(403);
        assertThat(Console.get("dead-commands", null).status()).isEqualTo(401);

        // mended: the retried command reaches the probe service again and is handled once
        probe("commands/fix");
        Console.Reply retried = Console.post(path + "/retry", "", Console.ADMIN);
        assertThat(retried.status()).isEqualTo(200);
        await().atMost(EVENTUALLY).until(() -> probeNumber("commands") == 1);
        assertThat(Console.get(path, Console.OPERATOR).status()).isEqualTo(404);

        Console.Reply deleted = Console.post("dead-commands/delete", "{\"items\":[{\"service\":\"" + PROBE
                + "\",\"messageId\":\"" + two.get("messageId") + "\"}]}", Console.ADMIN);
        assertThat(number(deleted.object().get("deleted"))).isEqualTo(1);
        assertThat(Console.get("dead-commands?service=" + PROBE, Console.OPERATOR).array()).isEmpty();
        assertThat(probeNumber("commands")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void replaysAProjectorFromAChosenEventOnlyForAdmins() throws Exception {
        probe("fix");
        String replay = "consumers/replay";
        String body = "{\"consumer\":\"" + POISON_CONSUMER + "\",\"fromSequence\":1}";
        assertThat(Console.post(replay, body, Console.OPERATOR).status()).isEqualTo(403);
        String saga = list(Console.get("consumers", Console.OPERATOR).object().get("consumers")).stream()
                .map(c -> (String) c.get("id")).filter(c -> c.startsWith("Saga:")).findFirst().orElseThrow();
        Console.Reply refused = Console.post(replay, "{\"consumer\":\"" + saga + "\",\"fromSequence\":1}",
                Console.ADMIN);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.object()).containsEntry("code", "RECQ-01303");
        assertThat(Console.post(replay, "{\"consumer\":\"" + POISON_CONSUMER + "\",\"fromSequence\":0}",
                Console.ADMIN).status()).isEqualTo(400);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(consumer(POISON_CONSUMER)).satisfies(ConsoleIT::caughtUp));
        long handledBefore = probeCount();

        Console.Reply replayed = Console.post(replay, body, Console.ADMIN);

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(number(replayed.object().get("previousPosition"))).isPositive();
        // every TodoAdded handled once more (the poisoned ones too, mended by now)
        long again = list(Console.get("events?type=TodoAdded&max=500", Console.OPERATOR).object().get("events"))
                .size();
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(probeCount()).isGreaterThanOrEqualTo(handledBefore + again);
            assertThat(consumer(POISON_CONSUMER)).satisfies(ConsoleIT::caughtUp).containsEntry("state", "running");
        });
    }

    @Test
    @Order(6)
    void showsAndOperatesTheSystemInABrowser(@ArquillianResource Deployer deployer) throws Exception {
        pages = ConsolePages.open(Console.root());
        pages.graphShowsEveryServiceAndTheStory();
        pages.layoutIsReadableForFiftyComponents();
        pages.catalogAndInstancesAndEvents(listId);

        // a poison event, seen by an operator without operations and by an admin who retries it once mended
        probe("break");
        story("Console browser", "poison four");
        long id = number(awaitDeadEvent("poison four").get("id"));
        pages.operatorSeesNoRetry(id);
        assertThat(Console.post("dead-events/" + id + "/retry", "", Console.OPERATOR).status()).isEqualTo(403);
        probe("fix");
        pages.adminRetries(id);
        assertThat(Console.get("dead-events/" + id, Console.ADMIN).status()).isEqualTo(404);

        // a replay: enough events that the slow projector is seen on its way
        for (int i = 0; i < 30; i++) {
            story("Replay " + i, "a", "b", "c");
        }
        deployer.deploy(REPLAYER);
        pages.consumersShowTheReplay(SLOW_CONSUMER);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(consumer(SLOW_CONSUMER))
                .containsEntry("state", "running").satisfies(ConsoleIT::caughtUp));
        deployer.undeploy(REPLAYER);
    }

    private void graphShowsTheStory() throws Exception {
        Map<String, Object> graph = Console.get("graph", Console.OPERATOR).object();
        List<Map<String, Object>> nodes = list(graph.get("nodes"));
        assertThat(nodes).extracting(n -> n.get("id")).contains("service:todolist", "service:todolist-domain",
                "service:todolist-views", "service:todolist-notifications", "service:" + PROBE);
        String aggregate = id(nodes, "TodoListAggregate", "aggregate");
        String projector = id(nodes, "TodoListProjector", "projector");
        String projection = id(nodes, "TodoListProjection", "projection");
        String saga = id(nodes, "ArchiveSaga", "saga");
        String observer = id(nodes, "AllCheckedObserver", "observer");
        String notifications = id(nodes, "NotificationService", "service");
        assertThat(aggregate).startsWith("component:todolist-domain:");
        List<Map<String, Object>> edges = list(graph.get("edges"));
        assertThat(edges).extracting(e -> e.get("from") + " -" + e.get("type") + "/" + e.get("kind") + "-> "
                + e.get("to")).contains(
                        "service:todolist -CreateTodoList/command-> " + aggregate,
                        "service:todolist -FindTodoList/query-> " + projection,
                        aggregate + " -TodoAdded/event-> " + projector,
                        aggregate + " -TodoAdded/event-> " + id(nodes, "PoisonProjector", "projector"),
                        aggregate + " -TodoChecked/event-> " + observer,
                        aggregate + " -TodoChecked/event-> " + saga,
                        "service:todolist-notifications -SendNotification/command-> " + notifications);
    }

    /**
     * Creates a list with todos through the front and checks them all.
     *
     * @return the list's id
     */
    static String story(String name, String... todos) throws Exception {
        Http.Reply created = Http.post("/lists", "{\"name\":\"" + name + "\"}", "alice");
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.json().get("id");
        List<String> todoIds = new ArrayList<>();
        for (String text : todos) {
            Http.Reply added = Http.post("/lists/" + id + "/todos", "{\"text\":\"" + text + "\"}", "alice");
            assertThat(added.status()).isEqualTo(201);
            todoIds.add((String) added.json().get("id"));
        }
        for (String todo : todoIds) {
            assertThat(Http.post("/lists/" + id + "/todos/" + todo + "/check", "", "alice").status()).isEqualTo(204);
        }
        // and reads it, a query to the views
        await().atMost(EVENTUALLY).until(() -> Http.get("/lists/" + id).status() == 200);
        return id;
    }

    static Map<String, Object> awaitDeadEvent(String text) {
        return await().atMost(EVENTUALLY).until(() -> {
            for (Map<String, Object> entry : Console.get("dead-events?consumer=" + POISON_CONSUMER,
                    Console.OPERATOR).array()) {
                Map<String, Object> detail = Console.get("dead-events/" + entry.get("id"), Console.OPERATOR).object();
                Map<?, ?> payload = (Map<?, ?>) ((Map<?, ?>) detail.get("event")).get("payload");
                if (text.equals(payload.get("text"))) {
                    return entry;
                }
            }
            return null;
        }, e -> e != null);
    }

    static Map<String, Object> awaitDeadCommand(String marker) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> Console.get("dead-commands", Console.OPERATOR)
                .array().stream().filter(e -> e.get("payload") instanceof Map<?, ?> payload
                        && marker.equals(payload.get("marker"))).findFirst().orElse(null), e -> e != null);
    }

    static Map<String, Object> consumer(String id) throws Exception {
        return list(Console.get("consumers", Console.OPERATOR).object().get("consumers")).stream()
                .filter(c -> id.equals(c.get("id"))).findFirst().orElseThrow(() -> new AssertionError("no " + id));
    }

    private static void probe(String what) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + (8080 + Integer.getInteger("recq.port.offset", 0)) + "/" + PROBE + "/probe/" + what))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    private static long probeCount() throws Exception {
        return probeNumber("handled");
    }

    private static long probeNumber(String what) throws Exception {
        return Long.parseLong(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + (8080 + Integer.getInteger("recq.port.offset", 0)) + "/"
                        + PROBE + "/probe/" + what)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body().trim());
    }

    private static String id(List<Map<String, Object>> nodes, String label, String kind) {
        return nodes.stream().filter(n -> label.equals(n.get("label")) && kind.equals(n.get("kind")))
                .map(n -> (String) n.get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + label + " in " + nodes));
    }

    static void caughtUp(Map<String, Object> consumer) {
        assertThat(number(consumer.get("lag"))).as("lag of %s", consumer.get("id")).isZero();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
