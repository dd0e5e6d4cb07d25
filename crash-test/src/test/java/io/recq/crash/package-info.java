/**
 * The crash test as a Failsafe integration test ({@link io.recq.crash.CrashIT}); the harness is in
 * {@code io.recq.crash.harness}.
 */
package io.recq.crash;
