#!/usr/bin/env bash
# End-to-end benchmark: servers and clients as separate processes on loopback, every configuration
# run once per round in the same order (A B C ... A B C ...), then dev.rpcpool.bench.e2e.E2eReport
# writes the medians to docs/benchmarks-e2e.md and the charts to docs/img/.
#
#   rpcpool-bench/run-e2e.sh                  # the published run: 3 rounds x 3 s (about an hour)
#   rpcpool-bench/run-e2e.sh --quick          # smoke check: 1 round, c16 only, 1 s runs, report in target/
#   rpcpool-bench/run-e2e.sh --rounds 5 --duration 5s --warmup 8s --no-build
#   rpcpool-bench/run-e2e.sh --only 'rpcpool-async go,go-shared go'   # a subset, report in target/
#   rpcpool-bench/run-e2e.sh --concurrency '1 16'                     # some concurrencies, report in target/
#   rpcpool-bench/run-e2e.sh --pin            # every client on CPU 0, every server on CPU 1 (taskset)
#
# Each client is a new process, so the JVM clients get a longer unmeasured warm-up (--warmup, for
# the JIT) than the Go ones (--go-warmup); the Java servers get one unrecorded pass first.
#
# Contenders, each against Arith.Multiply (16 bytes of arguments) and Echo.Bytes (1 KiB) at
# concurrency 1, 16 and 64 (closed loop: each caller waits for its reply):
#   rpcpool-multiplexed, rpcpool-exclusive, rpcpool-dial   rpcpool bench -> Go net/rpc server
#   rpcpool-async, rpcpool-exclusive-async                 rpcpool bench --async (multiplexed, exclusive) -> Go server
#   rpcpool-spin                                           rpcpool bench --sync-wait spin (multiplexed) -> Go server
#   rpcpool-vthreads, rpcpool-exclusive-vthreads           rpcpool bench --virtual-threads (multiplexed, exclusive)
#                                                          -> Go server: blocking callers on virtual threads, in
#                                                          a Java 21+ JVM ($RPCPOOL_NEWER_JAVA_HOME, else the
#                                                          first under /usr/lib/jvm; left out if there is none)
#   go-tutorial, go-shared                                 Go's net/rpc client (gobench) -> Go server
#   go-lockstep                                            gobench -mode lockstep -> Go server: each caller
#                                                          writes and reads its own connection, no reader
#                                                          goroutine: the most a client that does not
#                                                          pipeline gets from the server
#   java-lockstep                                          JavaLockstepClient -> Go server: the same in Java,
#                                                          each caller on its own blocking socket with
#                                                          rpcpool's gob codec (no pool, no Netty): what
#                                                          the JVM gets when no thread hands a call to another
#   rpcpool-multiplexed, rpcpool-async, go-tutorial, go-shared   the same clients -> rpcpool serve (Java)
#   rpcpool-async, go-shared                               -> rpcpool serve --direct (methods on the I/O thread)
#   grpc-java                                              GrpcBenchClient -> GrpcBenchServer
#   raw-echo                                               rawecho: plain TCP echo, the ceiling
# Results: one JSON line per run in rpcpool-bench/target/e2e/results.jsonl (kept for re-reporting).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ROUNDS=3
DURATION=3s
WARMUP=15s
GO_WARMUP=1s
BUILD=1
QUICK=0
PIN=0
MAX_CONNECTIONS=8
DOC=
IMG=
ONLY=
SOME_CONCURRENCIES=
COMMAND="rpcpool-bench/run-e2e.sh $*"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --go-warmup) GO_WARMUP=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --quick) QUICK=1; ROUNDS=1; DURATION=1s; WARMUP=2s; shift ;;
    --doc) DOC=$2; shift 2 ;;
    --img) IMG=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --concurrency) SOME_CONCURRENCIES=$2; shift 2 ;;
    --pin) PIN=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "run-e2e: unknown option $1" >&2; usage 2 >&2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then CONCURRENCIES=(16); else CONCURRENCIES=(1 16 64); fi
# --pin: clients and servers on separate cores, as on separate machines (Go then runs with
# GOMAXPROCS=1 and the JVMs see one processor each side).
SERVER_CPU=() CLIENT_CPU=() PINNING=
if [ "$PIN" = 1 ]; then
  command -v taskset >/dev/null || { echo "run-e2e: --pin needs taskset (Debian: util-linux)" >&2; exit 2; }
  [ "$(nproc)" -ge 2 ] || { echo "run-e2e: --pin needs 2 cores, this machine has $(nproc)" >&2; exit 2; }
  SERVER_CPU=(taskset -c 1) CLIENT_CPU=(taskset -c 0) PINNING="; clients pinned to CPU 0, servers to CPU 1"
fi
if [ -n "$SOME_CONCURRENCIES" ]; then
  read -r -a CONCURRENCIES <<<"$SOME_CONCURRENCIES"
  for c in "${CONCURRENCIES[@]}"; do
    case "$c" in
      ''|*[!0-9]*|0) echo "run-e2e: --concurrency takes whole numbers of callers above 0, like '1 16'; got '$c'" >&2; exit 2 ;;
    esac
  done
fi
# A smoke check must not overwrite the published results: --quick reports into target/ unless told.
# So must a partial run: some contenders (--only), some concurrencies (--concurrency), or pinned.
PARTIAL=0
{ [ -n "$ONLY" ] || [ -n "$SOME_CONCURRENCIES" ] || [ "$PIN" = 1 ]; } && PARTIAL=1
if [ "$QUICK" = 1 ]; then QUICK_OUT=rpcpool-bench/target/e2e/quick
elif [ "$PARTIAL" = 1 ]; then QUICK_OUT=rpcpool-bench/target/e2e/partial
else QUICK_OUT=docs; fi
DOC=${DOC:-$QUICK_OUT/benchmarks-e2e.md}
IMG=${IMG:-$QUICK_OUT/img}
WORKLOADS=(multiply echo1k)

OUT=rpcpool-bench/target/e2e
BIN=$OUT/bin
RESULTS=$OUT/results.jsonl
[ "$QUICK" = 1 ] && RESULTS=$OUT/results-quick.jsonl
[ "$QUICK" = 0 ] && [ "$PARTIAL" = 1 ] && RESULTS=$OUT/results-partial.jsonl
CLI_JAR=rpcpool-cli/target/rpcpool.jar
BENCH_JAR=rpcpool-bench/target/benchmarks.jar
mkdir -p "$BIN" "$OUT/logs"
: >"$RESULTS"

# ---- build ---------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  echo "run-e2e: building the CLI and benchmark jars and the Go programs..." >&2
  mvn -B -q -pl rpcpool-cli,rpcpool-bench -am package -DskipTests
fi
(cd interop/go && for p in goserver gobench rawecho; do go build -o "$ROOT/$BIN/$p" "./$p"; done)
for f in "$CLI_JAR" "$BENCH_JAR"; do
  [ -f "$f" ] || { echo "run-e2e: $f is missing; run without --no-build" >&2; exit 1; }
done

# A JVM for the virtual-thread contenders (Java 21+): the library and the CLI are built for Java 17
# and run unchanged on it; every other JVM client runs on the default java.
NEWER_JAVA=
newer_java_homes=()
[ -n "${RPCPOOL_NEWER_JAVA_HOME:-}" ] && newer_java_homes+=("$RPCPOOL_NEWER_JAVA_HOME")
newer_java_homes+=(/usr/lib/jvm/*)
for home in "${newer_java_homes[@]}"; do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
  if [ -n "$v" ] && [ "$v" -ge 21 ] && [ -x "$home/bin/java" ]; then NEWER_JAVA=$home/bin/java; break; fi
done
if [ -n "$NEWER_JAVA" ]; then
  NEWER_JAVA_VERSION=$("$NEWER_JAVA" -version 2>&1 | head -1)
  echo "run-e2e: virtual-thread contenders run on $NEWER_JAVA ($NEWER_JAVA_VERSION)" >&2
fi

# ---- servers -------------------------------------------------------------------------------------
# Every server reads a FIFO that only this script holds open for writing (fd 3): when the script
# ends, however it ends, the servers see end of file and exit. The trap also kills them by pid.
LIFELINE=$OUT/lifeline
rm -f "$LIFELINE"; mkfifo "$LIFELINE"
exec 3<>"$LIFELINE"
PIDS=()
cleanup() {
  exec 3>&- || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$LIFELINE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME CMD... : runs a server with the lifeline as stdin, waits until it prints its address
# (all servers listen on port 0, so the kernel picks a free port), and sets ADDR to host:port.
start() {
  local name=$1; shift
  # a shell function (serve_rpcpool) pins its own java process
  declare -F "$1" >/dev/null || set -- "${SERVER_CPU[@]}" "$@"
  "$@" <"$LIFELINE" 3>&- >"$OUT/logs/$name.out" 2>"$OUT/logs/$name.err" &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 300); do
    ADDR=$(grep -oE '(LISTENING|on) 127\.0\.0\.1:[0-9]+' "$OUT/logs/$name.out" | head -1 | awk '{print $2}' || true)
    if [ -n "$ADDR" ]; then echo "run-e2e: $name listening on $ADDR" >&2; return; fi
    kill -0 "$pid" 2>/dev/null || { echo "run-e2e: $name died:" >&2; cat "$OUT/logs/$name.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "run-e2e: $name did not start listening in 30 s" >&2; exit 1
}

# rpcpool serve waits for a signal, not for end of file: a small shell watches the lifeline for it.
# serve_rpcpool [--direct]
serve_rpcpool() {
  "${SERVER_CPU[@]}" java -jar "$CLI_JAR" serve --addr 127.0.0.1:0 "$@" &
  local p=$!
  trap 'kill $p' TERM
  cat >/dev/null
  kill "$p"; wait "$p" || true
}

start goserver "$BIN/goserver" -addr 127.0.0.1:0;                 GO_ADDR=$ADDR
start rpcpool-serve serve_rpcpool;                                JAVA_ADDR=$ADDR
start rpcpool-serve-direct serve_rpcpool --direct;                JAVA_DIRECT_ADDR=$ADDR
start grpc-server java -cp "$BENCH_JAR" dev.rpcpool.bench.e2e.GrpcBenchServer 127.0.0.1:0; GRPC_ADDR=$ADDR
start rawecho "$BIN/rawecho" -serve -addr 127.0.0.1:0;            RAW_ADDR=$ADDR

# ---- contenders ----------------------------------------------------------------------------------
# Each line: contender, server, and the client command (workload options are added by run_one).
CONTENDERS=(
  "rpcpool-multiplexed go"
  "rpcpool-exclusive go"
  "rpcpool-async go"
  "rpcpool-exclusive-async go"
  "rpcpool-spin go"
  "rpcpool-vthreads go"
  "rpcpool-exclusive-vthreads go"
  "rpcpool-dial go"
  "go-tutorial go"
  "go-shared go"
  "go-lockstep go"
  "java-lockstep go"
  "rpcpool-multiplexed java"
  "rpcpool-async java"
  "go-tutorial java"
  "go-shared java"
  "rpcpool-async java-direct"
  "go-shared java-direct"
  "grpc-java grpc"
  "raw-echo rawecho"
)
# --only 'CONTENDER SERVER,...': keep those entries, in the order above; refuse unknown ones.
if [ -z "$NEWER_JAVA" ]; then
  if [[ "$ONLY" == *vthreads* ]]; then
    echo "run-e2e: --only names a virtual-thread contender, and no Java 21+ JVM was found (set RPCPOOL_NEWER_JAVA_HOME)" >&2
    exit 2
  fi
  echo "run-e2e: no Java 21+ JVM found (set RPCPOOL_NEWER_JAVA_HOME): the virtual-thread contenders are left out" >&2
  kept=()
  for entry in "${CONTENDERS[@]}"; do [[ "$entry" == *vthreads* ]] || kept+=("$entry"); done
  CONTENDERS=("${kept[@]}")
fi
if [ -n "$ONLY" ]; then
  IFS=, read -r -a wanted <<<"$ONLY"
  for w in "${wanted[@]}"; do
    found=0
    for entry in "${CONTENDERS[@]}"; do [ "$entry" = "$w" ] && found=1; done
    if [ "$found" = 0 ]; then
      echo "run-e2e: --only: no contender '$w'; choose from:" >&2
      printf "  %s\n" "${CONTENDERS[@]}" >&2
      exit 2
    fi
  done
  kept=()
  for entry in "${CONTENDERS[@]}"; do
    for w in "${wanted[@]}"; do [ "$entry" = "$w" ] && kept+=("$entry"); done
  done
  CONTENDERS=("${kept[@]}")
fi

# client_cmd CONTENDER SERVER WORKLOAD C : prints nothing, sets CMD (an array) for one run.
client_cmd() {
  local contender=$1 server=$2 workload=$3 c=$4 addr
  case "$server" in go) addr=$GO_ADDR ;; java) addr=$JAVA_ADDR ;; java-direct) addr=$JAVA_DIRECT_ADDR ;; grpc) addr=$GRPC_ADDR ;; rawecho) addr=$RAW_ADDR ;; esac
  local method=Arith.Multiply rpcargs=('{"A":7,"B":8}') rawbytes=16
  if [ "$workload" = echo1k ]; then method=Echo.Bytes rpcargs=(--payload 1024) rawbytes=1024; fi
  case "$contender" in
    rpcpool-*)
      # rpcpool-async: --concurrency chains of callAsync on a multiplexed pool, callbacks on the I/O thread
      # rpcpool-exclusive-async: the same chains on an exclusive pool (a connection per call in flight)
      # rpcpool-spin: blocking callers on a multiplexed pool, every waiting caller polls (SyncWait.SPIN)
      # rpcpool-[exclusive-]vthreads: blocking callers on virtual threads, in the Java 21+ JVM
      local mode=${contender#rpcpool-} extra=() jvm=java
      if [ "$mode" = async ]; then mode=multiplexed extra=(--async); fi
      if [ "$mode" = exclusive-async ]; then mode=exclusive extra=(--async); fi
      if [ "$mode" = spin ]; then mode=multiplexed extra=(--sync-wait spin); fi
      if [[ "$mode" == *vthreads ]]; then
        jvm=$NEWER_JAVA extra=(--virtual-threads)
        if [ "$mode" = vthreads ]; then mode=multiplexed; else mode=${mode%-vthreads}; fi
      fi
      # an exclusive connection carries one call at a time, so an exclusive pool gets a connection per
      # caller (as many as the tutorial's pool opens); fewer would measure callers waiting for the cap
      local cap=$MAX_CONNECTIONS
      if [ "$mode" = exclusive ] && [ "$c" -gt "$cap" ]; then cap=$c; fi
      CMD=("$jvm" -jar "$CLI_JAR" bench --addr "$addr" --mode "$mode" "${extra[@]}" --concurrency "$c"
           --duration "$DURATION" --warmup "$WARMUP" --max-connections "$cap" --json)
      if [ "$workload" = echo1k ]; then CMD+=(--payload 1024 Echo.Bytes); else CMD+=(Arith.Multiply '{"A":7,"B":8}'); fi ;;
    go-*)
      CMD=("$BIN/gobench" -addr "$addr" -mode "${contender#go-}" -concurrency "$c" -duration "$DURATION"
           -warmup "$GO_WARMUP" -max-connections "$MAX_CONNECTIONS" -method "$method" -payload 1024) ;;
    java-lockstep)
      CMD=(java -cp "$BENCH_JAR" dev.rpcpool.bench.e2e.JavaLockstepClient --addr "$addr" --method "$method"
           --payload 1024 --concurrency "$c" --duration "$DURATION" --warmup "$WARMUP") ;;
    grpc-java)
      CMD=(java -cp "$BENCH_JAR" dev.rpcpool.bench.e2e.GrpcBenchClient --addr "$addr" --method "$method"
           --payload 1024 --concurrency "$c" --duration "$DURATION" --warmup "$WARMUP") ;;
    raw-echo)
      # rawecho cannot pipeline (one round trip in flight per connection), so it gets one connection
      # per caller: the same number of round trips in flight as the RPC clients.
      CMD=("$BIN/rawecho" -addr "$addr" -connections "$c" -concurrency "$c" -payload "$rawbytes"
           -duration "$DURATION" -warmup "$GO_WARMUP") ;;
  esac
}

total=$(( ROUNDS * ${#WORKLOADS[@]} * ${#CONCURRENCIES[@]} * ${#CONTENDERS[@]} ))
n=0
started=$(date +%s)
# The Java servers' JIT warms up once, before anything is recorded (the Go programs need no warm-up).
for workload in "${WORKLOADS[@]}"; do
  for entry in "rpcpool-multiplexed java" "rpcpool-async java-direct" "grpc-java grpc"; do
    read -r contender server <<<"$entry"
    # no selected run calls it: skip (a loop, not `printf | grep -q`, which pipefail could fail on SIGPIPE)
    used=0
    for selected in "${CONTENDERS[@]}"; do [[ "$selected" == *" $server" ]] && used=1; done
    [ "$used" = 1 ] || continue
    echo "run-e2e: warming up the $server server with $contender, $workload (not recorded)" >&2
    client_cmd "$contender" "$server" "$workload" 16
    "${CLIENT_CPU[@]}" "${CMD[@]}" >/dev/null 2>"$OUT/logs/warmup.err" </dev/null || { echo "run-e2e: warm-up failed:" >&2; tail -3 "$OUT/logs/warmup.err" >&2; exit 1; }
  done
done

echo "run-e2e: $total runs of ${DURATION} (after ${WARMUP} warm-up for JVM clients, ${GO_WARMUP} for Go ones); load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
for round in $(seq 1 "$ROUNDS"); do
  for workload in "${WORKLOADS[@]}"; do
    for c in "${CONCURRENCIES[@]}"; do
      for entry in "${CONTENDERS[@]}"; do
        read -r contender server <<<"$entry"
        n=$((n + 1))
        label="$contender -> $server"
        [ "$workload" = multiply ] && wl="Arith.Multiply" || wl="Echo 1 KiB"
        printf 'run-e2e: [%d/%d] round %d/%d · %-30s · %-14s · c%-2d … ' "$n" "$total" "$round" "$ROUNDS" "$label" "$wl" "$c" >&2
        client_cmd "$contender" "$server" "$workload" "$c"
        log="$OUT/logs/run-$n.err"
        if json=$("${CLIENT_CPU[@]}" "${CMD[@]}" 2>"$log" </dev/null) && [ "${json:0:1}" = "{" ]; then
          load=$(cut -d' ' -f1 /proc/loadavg)
          printf '{"round":%d,"contender":"%s","server":"%s","workload":"%s","concurrency":%d,"load1":%s,%s\n' \
            "$round" "$contender" "$server" "$workload" "$c" "$load" "${json:1}" >>"$RESULTS"
          qps=$(grep -oE '"qps":[0-9.]+' <<<"$json" | cut -d: -f2)
          p99=$(grep -oE '"p99_us":[0-9]+' <<<"$json" | cut -d: -f2)
          errs=$(grep -oE '"errors":[0-9]+' <<<"$json" | cut -d: -f2)
          printf '%10.0f calls/s  p99 %6d us  errors %s  (load %s)\n' "$qps" "$p99" "$errs" "$load" >&2
        else
          echo "FAILED (see $log)" >&2
          tail -3 "$log" >&2 || true
        fi
      done
    done
  done
done
echo "run-e2e: runs done in $(( $(date +%s) - started )) s; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# ---- report --------------------------------------------------------------------------------------
java -cp "$BENCH_JAR" dev.rpcpool.bench.e2e.E2eReport \
  --results "$RESULTS" --doc "$DOC" --img "$IMG" --command "$COMMAND" \
  --go-version "$(go version | awk '{print $3}')" --settings "$ROUNDS rounds; each run ${DURATION} measured after an unmeasured warm-up of ${WARMUP} (JVM clients) or ${GO_WARMUP} (Go clients); pools capped at $MAX_CONNECTIONS connections, exclusive ones at one per caller when there are more callers$PINNING${NEWER_JAVA:+; virtual-thread contenders on $NEWER_JAVA_VERSION}"
echo "run-e2e: wrote $DOC and charts in $IMG (raw results: $RESULTS)" >&2
