package io.recq.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.recq.crash.harness.CrashSettings;
import io.recq.crash.harness.TwoServers;

/**
 * Two services of one system on two WildFly servers sharing a standalone Artemis and PostgreSQL: commands sent on
 * one server are handled on the other, events cross through the store, and the second server keeps taking
 * requests while the first is killed ({@link TwoServers}). Its own ports ({@code crash.two.port.offset}, 600 for
 * server A and the broker, 650 for server B) and server copies, beside the other crash runs.
 */
class TwoServersIT {

    @Test
    void twoServicesOnTwoServersFormOneSystem() throws Exception {
        // given
        int offset = Integer.getInteger("crash.two.port.offset", 600);
        String base = System.getProperty("crash.base.dir");
        CrashSettings a = CrashSettings.fromSystemProperties(Map.of("crash.broker", CrashSettings.STANDALONE,
                "crash.port.offset", String.valueOf(offset), "crash.base.dir", base + "-two-a",
                "crash.broker.dir", System.getProperty("crash.broker.dir") + "-two"));
        CrashSettings b = CrashSettings.fromSystemProperties(Map.of("crash.broker", CrashSettings.STANDALONE,
                "crash.port.offset", String.valueOf(offset + 50), "crash.base.dir", base + "-two-b",
                "crash.broker.dir", System.getProperty("crash.broker.dir") + "-two"));

        // when
        TwoServers.Report report = new TwoServers(a, b).run();

        // then
        System.out.println(report.text());
        assertTrue(report.failures().isEmpty(), report.text());
    }
}
