#!/usr/bin/env bash
# GPU check and benchmark of the retriever's cuda backend, for a Linux x86_64 machine with an NVIDIA
# GPU, its driver and CUDA 13 libraries (libcudart.so.13, libcublas.so.13, libcublasLt.so.13,
# libnvrtc.so.13), no network needed. Run bench/gpu/prepare.sh first on the build machine and send
# bench/gpu along. Prints the GPU, driver and CUDA library versions, checks the GPU against the CPU
# reference on real CIFAR-10, then times the retrieval step for N in {10,000; 50,000} and
# B in {256; 1,024; 4,096} beside cuBLAS SGEMM on the same shapes.
#
# Usage: bench/gpu/run.sh [SIZES] [BATCHES]   (comma-separated; defaults 10000,50000 and 256,1024,4096)
# Exit status: 0 when the FLOAT32 check passed, 1 when it failed, 3 when something is missing.
set -uo pipefail

GPU_DIR=$(cd "$(dirname "$0")" && pwd)
for part in lib data/test_images.bin data/reference.bin; do
    if [[ ! -e $GPU_DIR/$part ]]; then
        echo "run.sh: $GPU_DIR/$part is missing; run bench/gpu/prepare.sh on the build machine first" >&2
        exit 3
    fi
done

echo "== GPU and driver"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv \
    || echo "nvidia-smi not found or failed"

# Finds a directory holding each CUDA library the JavaCPP presets link, and puts it on the library path.
echo "== CUDA libraries"
CANDIDATES=(/usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/local/cuda-13*/lib64
    /usr/local/cuda-13*/targets/x86_64-linux/lib /usr/lib/x86_64-linux-gnu)
for python in python3 /opt/torch/.venv/bin/python3; do
    if command -v "$python" >/dev/null 2>&1; then
        SITE=$("$python" -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null || true)
        for dir in $SITE; do
            CANDIDATES+=("$dir"/nvidia/cu13/lib "$dir"/nvidia/*/lib)
        done
    fi
done
LIBRARY_DIRS=""
for library in libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libnvrtc.so.13; do
    found=""
    for dir in "${CANDIDATES[@]}"; do
        if [[ -e $dir/$library ]]; then
            found=$dir/$library
            break
        fi
    done
    if [[ -z $found ]]; then
        found=$(ldconfig -p 2>/dev/null | awk -v name="$library" '$1 == name {print $NF; exit}')
    fi
    if [[ -z $found ]]; then
        echo "$library: NOT FOUND (the cuda backend will report it missing)"
        continue
    fi
    echo "$library: $(readlink -f "$found")"
    case ":$LIBRARY_DIRS:" in
        *":$(dirname "$found"):"*) ;;
        *) LIBRARY_DIRS=$LIBRARY_DIRS:$(dirname "$found") ;;
    esac
done
export LD_LIBRARY_PATH=${LIBRARY_DIRS#:}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

if [[ -x $GPU_DIR/jre/bin/java ]]; then
    JAVA=$GPU_DIR/jre/bin/java
elif command -v java >/dev/null 2>&1; then
    JAVA=java
else
    echo "run.sh: no Java: bench/gpu/jre is missing and java is not on the PATH" >&2
    exit 3
fi
echo "== Java: $("$JAVA" -version 2>&1 | head -1)"

# 7 minutes 50 seconds at most, so the whole run stays under 8 minutes.
timeout 470 "$JAVA" -Xmx16g -Dorg.bytedeco.javacpp.cachedir="${TMPDIR:-/tmp}/hopfield-javacpp" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -cp "$GPU_DIR/lib/*" io.hopfieldstream.retriever.cuda.bench.GpuBench \
    "$GPU_DIR/data/test_images.bin" "$GPU_DIR/data/reference.bin" "$@"
