#!/bin/sh
# Runs the full crash test (crash-test/README.md): 16 clients, at least 10,000 keyed and 2,000 unkeyed
# deposits, 20 SIGKILLs, a 20 s database outage, a poison command and a saga command kept two minutes from
# its consumers, on the local PostgreSQL (127.0.0.1:5432, database test, user postgres). Prints the figures
# and the checks that failed.
#
#   crash-test/run.sh [-short] [-cluster] [maven arguments...]
#
# -short runs what CI runs. -cluster runs the cluster test instead (ClusterIT: 3 WildFly nodes on a standalone
# Artemis primary and backup and PostgreSQL; with -short the 2 nodes CI runs; -Dcluster.nodes=4 for more). Maven arguments are passed on, e.g. -Dcrash.kills=30 -Dcrash.keyed=20000
# -Dcrash.seed=42 -Dcrash.keep-schema=true, or another port offset -Dcrash.port.offset=600.
# -Dcrash.broker=standalone runs it on a standalone ActiveMQ Artemis (port 61616 + offset) that is killed with
# SIGKILL under load too (-Dcrash.broker-kills=5 in the full version).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mode=full
test=CrashIT
while [ $# -gt 0 ]; do
    case "$1" in
        -short) mode=short ;;
        -cluster) test=ClusterIT ;;
        *) break ;;
    esac
    shift
done
modules=crash-test
if [ "$test" = ClusterIT ]; then
    modules=crash-test,example-ear/todolist-ear # the example system, deployed on every node
fi
cd "$here/.."
exec mvn -B verify -pl "$modules" -am -DskipUTs -Dit.test="$test" -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dcrash.mode="$mode" "$@"
