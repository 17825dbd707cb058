#!/usr/bin/env bash
# Benchmarks the retriever's retrieval step (JMH) for B in {1, 64, 256} probes and N in {1,000;
# 10,000; 50,000} stored images, beside ND4J's float32 matrix products of the same shapes, and
# prints a Markdown table: step time, images/s, GFLOP/s (4 x B x N x 3072 operations a step) and
# the step's share of the matrix-product rate.
#
# Usage: bench/kernel.sh [--rounds R] [JMH options]
#   bench/kernel.sh                                    every shape, 1 fork, 1 warm-up and 3 measured
#                                                      iterations of 2 s each (about 5 minutes)
#   bench/kernel.sh -p batch=256 -p patterns=10000     one shape
#   bench/kernel.sh -p batch=64 -p patterns=1000 -wi 1 -i 1 -w 1s -r 1s     a quick smoke run
#   bench/kernel.sh --rounds 3                         every shape in 3 rounds; each round runs one fork
#                                                      of the products right before one of the step, and
#                                                      the share is taken per round (about 12 minutes)
# The defaults come from the benchmark's annotations; options given here override them. Runs
# offline against the local Maven repository.
# Environment: BUILD_DIR (build folder name in each module, default target-bench); OMP_WAIT_POLICY and
# OPENBLAS_THREAD_TIMEOUT (how idle matrix-product threads wait, default PASSIVE and 4).
# Other CPU load on the machine lowers every figure; run it on an otherwise idle machine.
set -euo pipefail

# Idle matrix-product threads sleep at once instead of spinning, as the hopfield script sets them.
source "$(dirname "$0")/blas-env.sh"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-target-bench}
CLASSPATH_FILE=$ROOT/retriever/$BUILD_DIR/bench.classpath
cd "$ROOT"

echo "== Building the retriever's test classes (build folder $BUILD_DIR)" >&2
mvn -o -q -Dbuild.dirname="$BUILD_DIR" -pl retriever -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"

echo "== Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)" >&2
java -cp "retriever/$BUILD_DIR/test-classes:retriever/$BUILD_DIR/classes:$(cat "$CLASSPATH_FILE")" \
    io.hopfieldstream.retriever.bench.KernelBenchmark "$@"
