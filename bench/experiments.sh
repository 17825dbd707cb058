#!/usr/bin/env bash
# Regenerates the experiment report docs/experiments.md and its figures in docs/experiments/ by running
# the default sweep of `hopfield experiment` on the embedded Kafka broker. The sweep uses every core of
# the machine while it runs (about 10 to 20 minutes on 2 cores); run nothing else meanwhile.
#
# Usage: bench/experiments.sh [EXTRA OPTIONS FOR hopfield experiment...]
#   for example: bench/experiments.sh --sweep my-sweep.yaml --output runs/my --report runs/my/report.md
# Environment:
#   BUILD_DIR     build folder name in each module (default target-experiment)
#   RUN_DIR       folder of the embedded broker's data and the console log
#                 (default runs/experiments-<date>-<time>); `hopfield replay --kafka-dir RUN_DIR/kafka`
#                 replays the recorded experiments later
#   JAVA_OPTS     JVM options (default -Xmx4g)
#   HOPFIELD_DATA the CIFAR-10 archive or folder, as for the hopfield command
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-target-experiment}
RUN_DIR=${RUN_DIR:-$ROOT/runs/experiments-$(date +%Y%m%d-%H%M%S)}
JAVA_OPTS=${JAVA_OPTS:--Xmx4g}
cd "$ROOT"
mkdir -p "$RUN_DIR"

echo "== Building the launcher (build folder $BUILD_DIR)" >&2
mvn -o -q -Dbuild.dirname="$BUILD_DIR" -pl launcher -am package -DskipTests
JAR=$(ls "launcher/$BUILD_DIR"/launcher-*.jar | head -n 1)

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "== Running the default sweep; progress below, service logs in $RUN_DIR/experiment.log" >&2
# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose.
java $JAVA_OPTS -Djava.awt.headless=true \
    -cp "$JAR:launcher/$BUILD_DIR/lib/*" io.hopfieldstream.launcher.Hopfield experiment \
    --kafka-dir "$RUN_DIR/kafka" \
    --output docs/experiments \
    --report docs/experiments.md \
    --report-command "bench/experiments.sh" \
    "$@" 2> "$RUN_DIR/experiment.log"
