package io.hopfieldstream.retriever.bench;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One retrieval step of B probes against N stored images (d = 3072), beside ND4J's float32 matrix
 * products of the same shapes: {@code B x d} times the transposed {@code N x d} keys, then {@code B x N}
 * times the {@code N x d} values. Keys and values are two matrices, as in the step, so neither side
 * reads the second product's matrix from a cache the first one warmed. Both do {@code 4 B N d} floating-point operations; {@link KernelBenchmark} turns the
 * times into images/s and GFLOP/s.
 *
 * <p>The step runs through {@link Nd4jCpuBackend#retrieve} with the default settings (one iteration,
 * centred unit-length patterns, chunks of at most 16,384 patterns), so it includes preparing the probes and
 * rounding the reconstructions. Stored images are random pixels, and each probe is a stored image
 * with Gaussian noise of 25 grey levels, so the attention peaks on one pattern as it does for real
 * probes. The cost of a step does not depend on the image content, except that a row whose attention
 * spreads over more than chunkSize patterns needs one more pass over the memory for its exact
 * attention spread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The benchmark classpath contains the logback-test.xml of two modules; Logback warns about that and
// prints its whole status on every fork unless a no-op status listener takes the messages.
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=12g",
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class RetrievalStepBenchmark {

    static final int DIMENSION = Topics.PIXELS_PER_IMAGE;

    /** The backend with its prepared memory and one batch of probes. */
    @State(Scope.Thread)
    public static class RetrievalState {

        @Param({"1", "64", "256"})
        int batch;

        @Param({"1000", "10000", "50000"})
        int patterns;

        Nd4jCpuBackend backend;
        MemorySnapshot memory;
        ProbeBatch probes;

        @Setup(Level.Trial)
        public void prepare() {
            Random random = new Random(1);
            List<StoredPattern> stored = new ArrayList<>(patterns);
            for (int i = 0; i < patterns; i++) {
                stored.add(new StoredPattern("pattern-" + i, i % 10, randomPixels(random)));
            }
            memory = new MemorySnapshot(1, stored);
            List<byte[]> pixels = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                pixels.add(noisyCopy(stored.get(random.nextInt(patterns)).pixels(), random));
            }
            probes = new ProbeBatch(pixels, Arrays.asList(new byte[batch][]));
            backend = new Nd4jCpuBackend(RetrievalSettings.defaults());
            backend.retrieve(memory, probes);
        }

        @TearDown(Level.Trial)
        public void close() {
            backend.close();
        }
    }

    /** Float32 matrices of the same shapes for the plain matrix-product rate. */
    @State(Scope.Thread)
    public static class ProductState {

        @Param({"1", "64", "256"})
        int batch;

        @Param({"1000", "10000", "50000"})
        int patterns;

        INDArray queries;
        INDArray keys;
        INDArray values;
        INDArray scores;
        INDArray output;

        @Setup(Level.Trial)
        public void prepare() {
            Nd4j.getRandom().setSeed(1);
            queries = Nd4j.rand(DataType.FLOAT, batch, DIMENSION);
            keys = Nd4j.rand(DataType.FLOAT, patterns, DIMENSION);
            values = Nd4j.rand(DataType.FLOAT, patterns, DIMENSION);
            scores = Nd4j.create(DataType.FLOAT, batch, patterns);
            output = Nd4j.create(DataType.FLOAT, batch, DIMENSION);
        }

        @TearDown(Level.Trial)
        public void close() {
            queries.close();
            keys.close();
            values.close();
            scores.close();
            output.close();
        }
    }

    @Benchmark
    public List<RetrievalResult> retrievalStep(RetrievalState state) {
        return state.backend.retrieve(state.memory, state.probes);
    }

    @Benchmark
    public INDArray matrixProducts(ProductState state) {
        Nd4j.gemm(state.queries, state.keys, state.scores, false, true, 1.0, 0.0);
        return Nd4j.gemm(state.scores, state.values, state.output, false, false, 1.0, 0.0);
    }

    private static byte[] noisyCopy(byte[] pixels, Random random) {
        byte[] copy = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            long value = Math.round(Byte.toUnsignedInt(pixels[i]) + 25 * random.nextGaussian());
            copy[i] = (byte) Math.max(0, Math.min(255, value));
        }
        return copy;
    }

    private static byte[] randomPixels(Random random) {
        byte[] pixels = new byte[DIMENSION];
        random.nextBytes(pixels);
        return pixels;
    }
}
