#!/usr/bin/env bash
# End-to-end benchmark of the pipeline with `hopfield stress` on the embedded broker: the producer
# alone, then a ramp that finds the highest sustainable rate followed by a hold phase at 70% of it,
# for each memory size. Prints the machine and a Markdown table per scenario from each run's
# stress.json; each run's folder also holds stress.png and the full console output.
#
# Usage: bench/stress.sh [SCENARIO...]
#   scenarios: producer   producer alone, unlimited rate, every probe corrupted as it is sent, 5 s warm-up
#                         + 30 s
#              n1000      N = 1,000, B = 256: ramp from 0.1x to 1.5x of the kernel rate in 0.1x
#                         steps of 20 s, then 60 s at 0.7 x the highest sustainable rate
#              n10000     N = 10,000, B = 256: the same ramp from 0.2x, with a latency bound of
#                         2.5 s (about 12 kernel batch times) in place of the default 5 batch times
#              (default: producer n1000 n10000, about 30 minutes at most)
# Environment:
#   BUILD_DIR     build folder name in each module (default target-bench)
#   OUT           results folder (default runs/bench-stress-<date>-<time>)
#   JAVA_OPTS     JVM options (default -Xmx4g)
#   OMP_WAIT_POLICY, OPENBLAS_THREAD_TIMEOUT   how idle matrix-product threads wait (default PASSIVE and 4)
#   PROFILE=1     record each run with Java Flight Recorder and print the top sampled frames
#   STRESS_ARGS   extra options for every `hopfield stress` run that the scenario does not set itself,
#                 for example "--partitions 3" or "--retrievers 2"
#   HOPFIELD_DATA the CIFAR-10 archive or folder, as for the hopfield command
# Other CPU load on the machine lowers every figure; the script prints the load average before each
# run, and each stress.json records it at the start and end.
set -euo pipefail

# Idle matrix-product threads sleep at once instead of spinning, as the hopfield script sets them.
source "$(dirname "$0")/blas-env.sh"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-target-bench}
OUT=${OUT:-$ROOT/runs/bench-stress-$(date +%Y%m%d-%H%M%S)}
JAVA_OPTS=${JAVA_OPTS:--Xmx4g}
SCENARIOS=("$@")
if [[ ${#SCENARIOS[@]} -eq 0 ]]; then
    SCENARIOS=(producer n1000 n10000)
fi
for scenario in "${SCENARIOS[@]}"; do
    case $scenario in
        producer|n1000|n10000) ;;
        *)
            echo "bench/stress.sh: unknown scenario '$scenario'; expected producer, n1000 or n10000" >&2
            exit 2 ;;
    esac
done
cd "$ROOT"
mkdir -p "$OUT"

echo "== Building the launcher (build folder $BUILD_DIR)" >&2
mvn -o -q -Dbuild.dirname="$BUILD_DIR" -pl launcher -am package -DskipTests
JAR=$(ls "launcher/$BUILD_DIR"/launcher-*.jar | head -n 1)

machine() {
    echo "## Machine"
    echo
    echo '```'
    lscpu | grep -E '^(Model name|CPU\(s\)|Thread\(s\) per core|Core\(s\) per socket|Socket\(s\)|L2 cache|L3 cache)'
    free -g | head -2
    java -version 2>&1 | head -2
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo '```'
    echo
}

# Runs one `hopfield stress` into $OUT/$1 with the remaining arguments.
stress() {
    local name=$1
    shift
    local dir=$OUT/$name
    local jvm=($JAVA_OPTS)
    mkdir -p "$dir"
    if [[ "${PROFILE:-0}" == "1" ]]; then
        jvm+=("-XX:StartFlightRecording=filename=$dir/profile.jfr,settings=profile,dumponexit=true")
    fi
    # shellcheck disable=SC2086 # STRESS_ARGS holds several options on purpose.
    local command=(java "${jvm[@]}" -cp "$JAR:launcher/$BUILD_DIR/lib/*" io.hopfieldstream.launcher.Hopfield
        stress --output "$dir" --experiment "bench-$name-$(date +%H%M%S)" "$@" ${STRESS_ARGS:-})
    echo "== $name: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    echo "== ${command[*]}" >&2
    printf '%s\n' "${command[*]}" > "$dir/command.txt"
    "${command[@]}" 2>&1 | tee "$dir/console.txt" >&2
    if [[ "${PROFILE:-0}" == "1" ]]; then
        top_frames "$dir/profile.jfr" > "$dir/profile-top.txt"
        cat "$dir/profile-top.txt" >&2
    fi
}

# Summarises a JFR recording: Java execution samples by thread and by top frame. Runs in a subshell
# without pipefail, because head closing its input early is expected here.
top_frames() (
    set +o pipefail
    local recording=$1
    local samples
    samples=$(mktemp)
    jfr print --events jdk.ExecutionSample "$recording" > "$samples"
    echo "Execution samples by thread (top 15):"
    grep -E '^\s+sampledThread = ' "$samples" | sed -E 's/^\s+sampledThread = "([^"]*)".*/\1/' \
        | sed -E 's/-[0-9]+$/-N/' | sort | uniq -c | sort -rn | head -15
    echo "Execution samples by top frame (top 25):"
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print }' "$samples" \
        | sort | uniq -c | sort -rn | head -25
    rm -f "$samples"
)

# Prints a Markdown table row for each phase of a run, the CPU use by part, and the run's summary line.
table() {
    local json=$1
    jq -r '
      "| phase | offered/s | sent/s | reconstructed/s | lag at end | p50 ms | p95 ms | p99 ms | p99.9 ms | cores | computing | writing | verdict |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
      (.phases[] | "| \(.name) | \(.offeredRate | floor) | \(.sentPerSecond * 10 | floor / 10) | \(.reconstructedPerSecond * 10 | floor / 10) | \(.lagAtEnd) | \(.latency.p50) | \(.latency.p95) | \(.latency.p99) | \(.latency.p999) | \(.processCores * 100 | floor / 100) | \(.computeShare * 100 | floor)% | \(.writeShare * 100 | floor)% | \(.verdict // "") |")
    ' "$json"
    echo
    echo "CPU cores by part (a Java thread with the native code it calls; native threads = BLAS workers, GC, JIT):"
    echo
    jq -r '.phases[] | "- \(.name): " + ([.cpuCores | to_entries[] | select(.value >= 0.01) | "\(.key) \(.value * 100 | floor / 100)"] | join(", "))' "$json"
    echo
    jq -r '
      def round1: if type == "number" then (. * 10 | floor / 10) else "n/a" end;
      "Kernel alone: \(.kernel.imagesPerSecond | round1) images/s, \(.kernel.batchMillis | round1) ms a batch. " +
      "Sustained: \(.summary.sustainedImagesPerSecond | round1) images/s" +
      (if (.summary.kernelShare | type) == "number" then " = \(.summary.kernelShare * 1000 | floor / 10)% of the kernel" else "" end) +
      (if (.summary.sustainableRate | type) == "number" then "; highest sustainable offered rate \(.summary.sustainableRate | floor)/s" else "" end) +
      ". Latency of \(.summary.latencyPhase // "-"): p50 \(.summary.latency.p50) ms, p95 \(.summary.latency.p95) ms, p99 \(.summary.latency.p99) ms, p99.9 \(.summary.latency.p999) ms" +
      (if (.summary.p99InBatchTimes | type) == "number" then " (p99 = \(.summary.p99InBatchTimes * 100 | floor / 100) batch times)" else "" end) +
      ". Producer: \(.summary.producerMegabytesPerSecond * 100 | floor / 100) MB/s, ack p99 \(.summary.producerAckLatency.p99) ms. " +
      "Totals: \(.totals.sent) sent, \(.totals.reconstructed) reconstructed, \(.totals.deadLettered) dead-lettered, \(.totals.inFlight) in flight, \(.totals.sendFailed) failed sends. " +
      "Load average \(.run.loadAverageStart | round1) at start, \(.run.loadAverageEnd | round1) at end."
    ' "$json"
}

machine | tee "$OUT/machine.md"
for scenario in "${SCENARIOS[@]}"; do
    case $scenario in
        producer)
            stress producer --producer-only --corrupt-each-probe --memory-size 1000 --warmup 5s --duration 30s ;;
        n1000)
            stress n1000 --memory-size 1000 --batch-size 256 --ramp --ramp-start 0.1x --ramp-step 0.1x \
                --ramp-max 1.5x --step-duration 20s --hold-fraction 0.7 --duration 60s ;;
        n10000)
            stress n10000 --memory-size 10000 --batch-size 256 --ramp --ramp-start 0.2x --ramp-step 0.1x \
                --ramp-max 1.5x --step-duration 20s --max-p99 2.5s --hold-fraction 0.7 --duration 60s ;;
    esac
done

echo
echo "## Results ($OUT)"
for scenario in "${SCENARIOS[@]}"; do
    echo
    echo "### $scenario"
    echo
    echo "\`$(cat "$OUT/$scenario/command.txt")\`"
    echo
    table "$OUT/$scenario/stress.json"
done | tee "$OUT/results.md"
