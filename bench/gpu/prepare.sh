#!/usr/bin/env bash
# Prepares, on a CPU machine with this repository's Maven build, everything bench/gpu/run.sh needs
# on a GPU machine that has no network and maybe no Java:
#   jre/   a Java 17 runtime made with jlink (java.base, java.logging, jdk.unsupported)
#   lib/   the retriever and schemas jars, JavaCPP and its CUDA presets (linux-x86_64 JNI libraries
#          for cudart, cuBLAS and NVRTC only), slf4j-api and slf4j-simple
#   data/  the first IMAGES CIFAR-10 test images (raw .bin records) and the CPU reference results,
#          computed here with ND4J's CPU backend and a double-precision reference
# and checks that the three folders plus the scripts stay under 64 MiB.
#
# Environment: HOPFIELD_DATA (folder with cifar-10-binary.tar.gz, default ../shared/cifar-10 next to
# the repository), IMAGES (default 5000), REFERENCE_MEMORY (memory size of the check, default 5000).
set -euo pipefail

GPU_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$GPU_DIR/../.." && pwd)
DATA_DIR=${HOPFIELD_DATA:-$ROOT/../shared/cifar-10}
ARCHIVE=$DATA_DIR/cifar-10-binary.tar.gz
IMAGES=${IMAGES:-5000}
REFERENCE_MEMORY=${REFERENCE_MEMORY:-$IMAGES}
BUILD=target-gpu-bench
LIMIT_BYTES=$((64 * 1024 * 1024))

if [[ ! -f $ARCHIVE ]]; then
    echo "prepare.sh: CIFAR-10 archive not found at $ARCHIVE; set HOPFIELD_DATA to its folder" >&2
    exit 1
fi

echo "== Building the retriever (build folder $BUILD)"
cd "$ROOT"
mvn -o -q -Dbuild.dirname=$BUILD -pl retriever -am package -DskipTests
# With -am each module writes the file in turn; the retriever comes last in the reactor.
mvn -o -q -Dbuild.dirname=$BUILD -pl retriever -am dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/retriever/$BUILD/classpath.txt" >/dev/null
CLASSPATH_FILE=$ROOT/retriever/$BUILD/classpath.txt
RETRIEVER_JAR=$(ls "$ROOT"/retriever/$BUILD/retriever-*.jar | grep -v -e tests -e sources | head -1)
SCHEMAS_JAR=$(ls "$ROOT"/schemas/$BUILD/schemas-*.jar | grep -v -e tests -e sources | head -1)

echo "== lib/"
rm -rf "$GPU_DIR/lib" && mkdir -p "$GPU_DIR/lib"
cp "$RETRIEVER_JAR" "$SCHEMAS_JAR" "$GPU_DIR/lib/"
for jar in $(tr ':' '\n' < "$CLASSPATH_FILE"); do
    case $(basename "$jar") in
        javacpp-*.jar|slf4j-api-*.jar) cp "$jar" "$GPU_DIR/lib/" ;;
        cuda-*-linux-x86_64.jar) CUDA_NATIVES=$jar ;;
        cuda-*.jar) cp "$jar" "$GPU_DIR/lib/" ;;
    esac
done
SLF4J_VERSION=$(basename "$(ls "$GPU_DIR"/lib/slf4j-api-*.jar)" .jar | sed 's/slf4j-api-//')
mvn -o -q dependency:copy -Dartifact=org.slf4j:slf4j-simple:"$SLF4J_VERSION" -DoutputDirectory="$GPU_DIR/lib" \
    || mvn -q dependency:copy -Dartifact=org.slf4j:slf4j-simple:"$SLF4J_VERSION" -DoutputDirectory="$GPU_DIR/lib"

# The presets' natives jar holds JNI libraries for every CUDA library (cuDNN, cuFFT, NPP, ...);
# the backend loads only cudart (with the driver API), cuBLAS and NVRTC.
SLIM=$(mktemp -d)
(cd "$SLIM" && unzip -q "$CUDA_NATIVES" 'META-INF/*' \
    'org/bytedeco/cuda/linux-x86_64/libjnicudart.so' \
    'org/bytedeco/cuda/linux-x86_64/libjnicublas.so' \
    'org/bytedeco/cuda/linux-x86_64/libjninvrtc.so' \
    && jar --create --file "$GPU_DIR/lib/$(basename "$CUDA_NATIVES")" --manifest META-INF/MANIFEST.MF -C . org)
rm -rf "$SLIM"

echo "== data/ ($IMAGES test images, reference on a memory of $REFERENCE_MEMORY)"
rm -rf "$GPU_DIR/data" && mkdir -p "$GPU_DIR/data"
# head stops reading early, so tar ends on SIGPIPE; the size check below catches a short file.
(set +o pipefail; tar -xzOf "$ARCHIVE" cifar-10-batches-bin/test_batch.bin | head -c $((IMAGES * 3073)) \
    > "$GPU_DIR/data/test_images.bin")
if [[ $(stat -c %s "$GPU_DIR/data/test_images.bin") -ne $((IMAGES * 3073)) ]]; then
    echo "prepare.sh: could not extract $IMAGES test images from $ARCHIVE" >&2
    exit 1
fi
java -Xmx6g -cp "$ROOT/retriever/$BUILD/classes:$(cat "$CLASSPATH_FILE")" \
    io.hopfieldstream.retriever.cuda.bench.ReferenceWriter \
    "$GPU_DIR/data/test_images.bin" "$REFERENCE_MEMORY" "$GPU_DIR/data/reference.bin"

echo "== jre/"
rm -rf "$GPU_DIR/jre"
jlink --add-modules java.base,java.logging,jdk.unsupported --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$GPU_DIR/jre"

echo "== Size of what run.sh needs"
du -sh "$GPU_DIR/jre" "$GPU_DIR/lib" "$GPU_DIR/data"
TOTAL=$(du -sb "$GPU_DIR" | cut -f1)
echo "total: $((TOTAL / 1024 / 1024)) MiB ($TOTAL bytes) of $((LIMIT_BYTES / 1024 / 1024)) MiB"
if (( TOTAL > LIMIT_BYTES )); then
    echo "prepare.sh: bench/gpu is over 64 MiB; lower IMAGES" >&2
    exit 1
fi
