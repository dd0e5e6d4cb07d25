/**
 * The benchmark's client: deploys the benchmark application into the build's WildFly, starts each phase over
 * REST, and prints the table of medians. Run only by the {@code bench} profile ({@code benchmarks/run.sh}).
 */
package io.recq.bench;
