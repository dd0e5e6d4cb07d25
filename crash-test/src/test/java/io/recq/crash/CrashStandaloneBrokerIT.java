package io.recq.crash;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.recq.crash.harness.CrashSettings;
import io.recq.crash.harness.CrashTest;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test in the build with a standalone broker: a separate ActiveMQ Artemis process that RECQ reaches
 * through a remote pooled connection factory, killed with SIGKILL under load ({@code crash.broker-kills}, 2 in
 * the short version) besides the server's kills, the database outage and the poison, with every check. It runs
 * on its own ports ({@code crash.standalone.port.offset}, 550) and server copy, so that it never meets the
 * embedded run ({@link CrashIT}). The short version leaves the late saga command to {@link CrashIT}.
 */
class CrashStandaloneBrokerIT {

    @Test
    void commandsTakeEffectExactlyOnceWhenTheStandaloneBrokerDies() throws Exception {
        // given: the settings of the build, on the standalone broker and its own ports
        int offset = Integer.getInteger("crash.standalone.port.offset", 550);
        Map<String, String> standalone = new HashMap<>(Map.of(
                "crash.broker", CrashSettings.STANDALONE,
                "crash.port.offset", String.valueOf(offset),
                "crash.proxy.port", System.getProperty("crash.standalone.proxy.port", String.valueOf(15432 + offset))));
        if (System.getProperty("crash.base.dir") != null) {
            standalone.put("crash.base.dir", System.getProperty("crash.base.dir") + "-standalone-broker");
        }
        CrashTest testSubject = new CrashTest(CrashSettings.fromSystemProperties(standalone));

        // when
        CrashTest.Report report = testSubject.run();

        // then
        System.out.println(report.text());
        assertTrue(report.failures().isEmpty(), report.text());
    }
}
