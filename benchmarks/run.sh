#!/bin/sh
# Runs the RECQ benchmark against the hand-written Jakarta EE baseline and prints the table.
#
#   benchmarks/run.sh h2|postgresql [-jfr|-telemetry] [maven arguments...]
#
# Builds the RECQ modules (their tests are skipped), starts the build's WildFly with the benchmark
# application, measures, and writes benchmarks/target/bench-results/results-<db>.md (and .json).
# -jfr also records the server with Java Flight Recorder into benchmarks/target/bench-<db>.jfr.
# -telemetry runs TelemetryBenchmark instead: RECQ's commands/s with OpenTelemetry off and on
# (benchmarks/target/bench-results/telemetry-<db>.md).
# Maven arguments are passed on, e.g. -Dbench.runs=5 -Dbench.measure.ms=10000, or a port offset
# -Drecq.port.offset=700 -Drecq.management.port=10690 when another server runs on the default ports.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
db=${1:-}
case "$db" in
    h2|postgresql) shift ;;
    *) echo "usage: $0 h2|postgresql [-jfr] [maven arguments...]" >&2; exit 2 ;;
esac
# H2 in memory keeps every row in the server's heap: at today's rates three runs store more than 1 GiB
heap=1g
if [ "$db" = h2 ]; then
    heap=2g
fi
jvm=""
test=RecqVsBaselineBenchmark
if [ "${1:-}" = "-telemetry" ]; then
    shift
    test=TelemetryBenchmark
fi
if [ "${1:-}" = "-jfr" ]; then
    shift
    jvm="-XX:StartFlightRecording=filename=$here/target/bench-$db.jfr,settings=profile,dumponexit=true"
fi
cd "$here/.."
exec mvn -B -P bench -pl benchmarks -am verify \
    -DskipUTs -Dit.test="$test" -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.db="$db" "-Dbench.server.jvm.args=$jvm" "-Dbench.server.heap=$heap" "$@"
