package io.recq.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.recq.crash.harness.Cluster;
import io.recq.crash.harness.CrashSettings;

/**
 * The crash application and the example system (the TodoList) on several WildFly nodes sharing a standalone Artemis pair (primary and backup) and one
 * PostgreSQL schema, while nodes, brokers and the database fail ({@link Cluster}). {@code cluster.nodes} nodes
 * (2 in the build, 3 with {@code crash.mode=full}), the first at port offset {@code cluster.port.offset} (700),
 * each further one 50 above; each scale step measures {@code cluster.window.s} seconds;
 * every command goes through the broker ({@code cluster.local-dispatch=true} lets each node run its own
 * invokers' commands in its JVM, the default of {@code recq.command.local-dispatch}).
 */
class ClusterIT {

    @Test
    void aClusterOfNodesSurvivesNodeBrokerAndDatabaseFailures() throws Exception {
        // given
        CrashSettings base = CrashSettings.fromSystemProperties(Map.of("crash.broker", CrashSettings.STANDALONE));
        boolean full = "full".equals(base.mode());
        int nodes = Integer.getInteger("cluster.nodes", full ? 3 : 2);
        int offset = Integer.getInteger("cluster.port.offset", 700);
        Duration window = Duration.ofSeconds(Integer.getInteger("cluster.window.s", full ? 30 : 10));
        // every command through the broker pair, the path whose fail-over this proves: with local dispatch a
        // node runs the commands of its own invokers in its JVM and the broker carries only the saga's
        Map<String, String> properties = new HashMap<>();
        properties.put("recq.command.local-dispatch", System.getProperty("cluster.local-dispatch", "false"));

        // when
        String example = System.getProperty("cluster.example.dir");
        Cluster.Report report = new Cluster(base, nodes, offset, window, properties,
                example == null ? null : Path.of(example)).run();

        // then
        System.out.println(report.text());
        assertTrue(report.failures().isEmpty(), report.text());
    }
}
