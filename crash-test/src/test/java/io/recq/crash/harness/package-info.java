/**
 * The crash test harness, plain Java over HTTP, JDBC and OS processes, all on 127.0.0.1: it prepares its own
 * WildFly server copy on a fresh PostgreSQL schema behind a TCP proxy, loads it with 16 clients while killing
 * it with SIGKILL, cuts the database off, keeps the command consumers away and poisons a command, then checks
 * the store and the read model ({@link io.recq.crash.harness.CrashTest}). {@code CrashIT} runs the short
 * version in the build; {@code crash-test/run.sh} the full one.
 */
package io.recq.crash.harness;
