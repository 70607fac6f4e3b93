#!/usr/bin/env bash
# Soak: 10 minutes (default) of mixed load with faults against real servers behind a fault proxy,
# printing errors, heap, RSS, fds and threads over time, then a verdict. Not run by CI.
#
#   scripts/soak.sh [--duration 10m] [--report-every 10s] [--fault-every 15s] [--callers 4]
#
# Exit status: 0 PASS, 1 FAIL, 2 bad arguments. Keep a record with: scripts/soak.sh | tee soak.log
# The driver lives in rpcpool-core's test sources (dev.rpcpool.soak), next to the FaultProxy it uses.
set -euo pipefail
cd "$(dirname "$0")/.."

# builds rpcpool-core's classes and test classes (no tests run) and writes the test classpath
mvn -B -q -pl rpcpool-core test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/soak.classpath >&2

# run from a copy of the classes, so a rebuild in this tree during the soak cannot change them
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
cp -r rpcpool-core/target/classes "$snapshot/classes"
cp -r rpcpool-core/target/test-classes "$snapshot/test-classes"

java -Xmx256m -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$snapshot/test-classes:$snapshot/classes:$(cat rpcpool-core/target/soak.classpath)" \
    dev.rpcpool.soak.SoakMain "$@"
