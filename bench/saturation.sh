#!/usr/bin/env bash
# Measures what the pipeline reconstructs per second when probes arrive faster than it can keep up
# (N = 1,000 stored images, 8,000 probes/s offered), under five setups, to show what each pipeline
# change is worth:
#   spinning        idle matrix-product threads spin (OMP_WAIT_POLICY and OPENBLAS_THREAD_TIMEOUT
#                   unset) and every probe is corrupted as it is sent
#   sleeping        idle matrix-product threads sleep (PASSIVE, 4), every probe corrupted as sent
#   pass            sleeping threads, and the probes copied from one corrupted pass (the default)
#   pass-b1024      as pass, with batches of 1,024 probes: four times fewer transactions per probe
#   uncompressed    as pass, with compression.type=none for every client (probes default to lz4)
# Each run takes about a minute; the script prints one line per setup from its stress.json.
#
# Usage: bench/saturation.sh [SETUP...]   (default: all five)
# Environment: BUILD_DIR (default target-bench), OUT (default runs/saturation-<date>-<time>),
#   JAVA_OPTS (default -Xmx4g), HOPFIELD_DATA (the CIFAR-10 archive or folder).
# Other CPU load on the machine lowers every figure; run it on an otherwise idle machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-target-bench}
OUT=${OUT:-$ROOT/runs/saturation-$(date +%Y%m%d-%H%M%S)}
JAVA_OPTS=${JAVA_OPTS:--Xmx4g}
SETUPS=("$@")
if [[ ${#SETUPS[@]} -eq 0 ]]; then
    SETUPS=(spinning sleeping pass pass-b1024 uncompressed)
fi
cd "$ROOT"
mkdir -p "$OUT"

echo "== Building the launcher (build folder $BUILD_DIR)" >&2
mvn -o -q -Dbuild.dirname="$BUILD_DIR" -pl launcher -am package -DskipTests
JAR=$(ls "launcher/$BUILD_DIR"/launcher-*.jar | head -n 1)

# Runs one setup: $1 = name, $2 = "spin" or "sleep", the rest = extra stress options.
run() {
    local name=$1 threads=$2
    shift 2
    local dir=$OUT/$name
    mkdir -p "$dir"
    local environment=(env -u OMP_WAIT_POLICY -u OPENBLAS_THREAD_TIMEOUT)
    if [[ $threads == sleep ]]; then
        environment+=(OMP_WAIT_POLICY=PASSIVE OPENBLAS_THREAD_TIMEOUT=4)
    fi
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose.
    local command=(java $JAVA_OPTS -cp "$JAR:launcher/$BUILD_DIR/lib/*" io.hopfieldstream.launcher.Hopfield stress
        --output "$dir" --experiment "saturation-$name-$(date +%H%M%S)" --memory-size 1000 --rate 8000
        --warmup 5s --duration 20s --kernel-time 5s "$@")
    echo "== $name: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    printf '%s\n' "${environment[*]} ${command[*]}" > "$dir/command.txt"
    "${environment[@]}" "${command[@]}" > "$dir/console.txt" 2>&1
    jq -r --arg name "$name" '
      (.phases[] | select(.name == "fixed")) as $fixed |
      "| \($name) | \(.kernel.batchSize) | \(.kernel.imagesPerSecond | floor) | \($fixed.sentPerSecond | floor) | \($fixed.reconstructedPerSecond | floor) | \($fixed.reconstructedPerSecond / .kernel.imagesPerSecond * 100 | floor)% | \($fixed.processCores * 100 | floor / 100) | " +
      ([$fixed.cpuCores | to_entries[] | select(.value >= 0.01) | "\(.key) \(.value * 100 | floor / 100)"] | join(", ")) + " |"
    ' "$dir/stress.json"
}

{
    echo "| setup | B | kernel images/s | sent/s | reconstructed/s | of the kernel | cores | cores by part |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    for setup in "${SETUPS[@]}"; do
        case $setup in
            spinning) run spinning spin --batch-size 256 --corrupt-each-probe ;;
            sleeping) run sleeping sleep --batch-size 256 --corrupt-each-probe ;;
            pass) run pass sleep --batch-size 256 ;;
            pass-b1024) run pass-b1024 sleep --batch-size 1024 ;;
            uncompressed) run uncompressed sleep --batch-size 256 -X compression.type=none ;;
            *)
                echo "bench/saturation.sh: unknown setup '$setup'; expected spinning, sleeping, pass, pass-b1024" \
                    "or uncompressed" >&2
                exit 2 ;;
        esac
    done
} | tee "$OUT/results.md"
