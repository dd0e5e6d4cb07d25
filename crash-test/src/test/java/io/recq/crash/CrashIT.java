package io.recq.crash;

import org.junit.jupiter.api.Test;

import io.recq.crash.harness.CrashSettings;
import io.recq.crash.harness.CrashTest;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test in the build: the short version (at least 3 kills, a smaller load, the database outage, the
 * late saga command with the full two minutes, the poison) unless {@code crash.mode=full}
 * ({@code crash-test/run.sh}). Needs PostgreSQL on 127.0.0.1:5432 and fails with a clear message without it.
 */
class CrashIT {

    @Test
    void commandsTakeEffectExactlyOnceWhateverFails() throws Exception {
        // given: the settings of the build (crash.* system properties set by the module's POM)
        CrashTest testSubject = new CrashTest(CrashSettings.fromSystemProperties());

        // when
        CrashTest.Report report = testSubject.run();

        // then
        System.out.println(report.text());
        assertTrue(report.failures().isEmpty(), report.text());
    }
}
