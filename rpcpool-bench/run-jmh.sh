#!/usr/bin/env bash
# Builds the JMH jar, runs the in-process benchmarks with the GC profiler, and writes the result
# tables into docs/benchmarks.md (between its generated-tables markers).
#
#   rpcpool-bench/run-jmh.sh                       # the published run (about 12 minutes on 2 cores)
#   rpcpool-bench/run-jmh.sh 'PoolCycle.*threads1' # any JMH arguments replace the benchmark selection
#   JMH_OPTS="-f 1 -wi 1 -i 1" rpcpool-bench/run-jmh.sh   # a quick look (replaces the iteration options)
#
# The JSON result stays in rpcpool-bench/target/jmh-result.json; the log in rpcpool-bench/target/jmh.log.
set -euo pipefail
cd "$(dirname "$0")/.."

# Short but meaningful: one fork per configuration, 3 x 1 s warm-up, 5 x 1 s measurement.
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -w 1s -i 5 -r 1s"}
RESULT=rpcpool-bench/target/jmh-result.json
LOG=rpcpool-bench/target/jmh.log
DOC=${JMH_DOC:-docs/benchmarks.md}

mvn -B -q -pl rpcpool-bench -am package -DskipTests

# The machine may be shared: record how busy it was, to read the numbers with.
echo "run-jmh: $(date -u +%FT%TZ) load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" | tee "$LOG.load"
# shellcheck disable=SC2086  # JMH_OPTS is a list of options
java -jar rpcpool-bench/target/benchmarks.jar $JMH_OPTS -prof gc -rf json -rff "$RESULT" "$@" 2>&1 | tee "$LOG"

echo "run-jmh: $(date -u +%FT%TZ) load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG.load"

# Each table compares every contender with the usual choice: Commons Pool 2 for pools, jsonrpc for codecs.
java -cp rpcpool-bench/target/benchmarks.jar dev.rpcpool.bench.report.JmhMarkdown \
  "$RESULT" "$DOC" pool=commons-pool2 codec=jsonrpc
