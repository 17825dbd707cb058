#!/usr/bin/env bash
# Profiles the retrieval step (JMH, one shape) with async-profiler in wall-clock mode and prints where
# the benchmark thread's time goes: the matrix products, the attention tracker's Java passes, probe
# preparation, the exponential and the rest, as shares of the thread's samples.
#
# Usage: bench/kernel-profile.sh [BATCH] [PATTERNS]   (default: 256 10000)
# async-profiler comes from Maven Central (tools.profiler:async-profiler, linux-x64), fetched into the
# local Maven repository on first use. Environment: BUILD_DIR (default target-bench), OUT (default
# runs/kernel-profile-<date>-<time>).
set -euo pipefail

# Idle matrix-product threads sleep at once instead of spinning, as the hopfield script sets them.
source "$(dirname "$0")/blas-env.sh"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-target-bench}
OUT=${OUT:-$ROOT/runs/kernel-profile-$(date +%Y%m%d-%H%M%S)}
BATCH=${1:-256}
PATTERNS=${2:-10000}
PROFILER_VERSION=4.2
PROFILER_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$PROFILER_VERSION/async-profiler-$PROFILER_VERSION-linux-x64.jar
CLASSPATH_FILE=$ROOT/retriever/$BUILD_DIR/bench.classpath
cd "$ROOT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [[ ! -f $PROFILER_JAR ]]; then
    echo "== Fetching async-profiler $PROFILER_VERSION from Maven Central" >&2
    mvn -q dependency:get -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64"
fi
unzip -o -q "$PROFILER_JAR" 'linux-x64/*' -d "$OUT/async-profiler"
LIBRARY=$(find "$OUT/async-profiler" -name libasyncProfiler.so | head -n 1)

echo "== Building the retriever's test classes (build folder $BUILD_DIR)" >&2
mvn -o -q -Dbuild.dirname="$BUILD_DIR" -pl retriever -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"

java -cp "retriever/$BUILD_DIR/test-classes:retriever/$BUILD_DIR/classes:$(cat "$CLASSPATH_FILE")" \
    org.openjdk.jmh.Main 'RetrievalStepBenchmark.retrievalStep' -p batch="$BATCH" -p patterns="$PATTERNS" \
    -wi 1 -i 4 -r 3s \
    -prof "async:libPath=$LIBRARY;event=wall;interval=1000000;threads=true;output=collapsed;dir=$OUT/profile" \
    > "$OUT/jmh.txt" 2>&1
grep -E 'retrievalStep +[0-9]' "$OUT/jmh.txt" >&2

COLLAPSED=$(find "$OUT/profile" -name 'collapsed-wall.csv' | head -n 1)
grep 'jmh-worker' "$COLLAPSED" > "$OUT/worker.collapsed"
awk '
    { samples = $NF; total += samples
      if ($0 ~ /sgemm_|Nd4j\.gemm/) group = "matrix products (OpenBLAS sgemm)"
      else if ($0 ~ /AttentionTracker/) group = "attention tracker (Java: maxima, shift, sums)"
      else if ($0 ~ /SnapshotMatrices\.key|Normalization/) group = "probe preparation (Java)"
      else if ($0 ~ /SnapshotMatrices\.(pixels|checkFinite)/) group = "readout to pixels (Java)"
      else if ($0 ~ /Transforms\.exp/) group = "exponential (ND4J)"
      else group = "other"
      by[group] += samples }
    END { for (g in by) printf "%6.1f%%  %s\n", 100 * by[g] / total, g }
' "$OUT/worker.collapsed" | sort -rn | tee "$OUT/summary.txt"
