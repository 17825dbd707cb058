package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hopfieldstream.retriever.cuda.bench.ReferenceRetrieval;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cuda backend's kernels, compiled with g++ against a CPU emulation of the CUDA features they
 * use (src/test/cuda), checked against double-precision computations. Skips without g++.
 */
class RetrievalKernelsOnCpuTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path KERNELS = MODULE.resolve(
            "src/main/resources/io/hopfieldstream/retriever/cuda/" + RetrievalKernels.SOURCE);
    private static final Path DRIVER = MODULE.resolve("src/test/cuda/kernels_on_cpu.cpp");

    @TempDir
    static Path work;
    private static Path driver;

    @BeforeAll
    static void compileDriver() throws Exception {
        assumeTrue(onPath("g++"), "g++ is not installed, so the kernels cannot be compiled for the CPU");
        driver = work.resolve("kernels_on_cpu");
        Process compile = new ProcessBuilder("g++", "-std=c++20", "-O1", "-pthread",
                "-DKERNELS_FILE=\"" + KERNELS + "\"", "-o", driver.toString(), DRIVER.toString())
                .redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes());
        assertThat(compile.waitFor(120, TimeUnit.SECONDS)).as("g++ finished").isTrue();
        assertThat(compile.exitValue()).as("g++ output: %s", output).isZero();
    }

    @Test
    void softmaxMatchesDouble() throws Exception {
        Random random = new Random(3);
        int rows = 4;
        int columns = 777;
        float[] scores = new float[rows * columns];
        for (int i = 0; i < scores.length; i++) {
            float spread = new float[] {0.5f, 5f, 40f, 400f}[i / columns];
            scores[i] = (float) (random.nextGaussian() * spread);
        }

        SoftmaxOutput output = softmax(rows, columns, scores, null, 1, 0f);

        for (int r = 0; r < rows; r++) {
            double[] expected = doubleSoftmax(scores, r, columns);
            int best = argmax(expected);
            for (int c = 0; c < columns; c++) {
                assertThat((double) output.weights[r * columns + c]).as("weight %d of row %d", c, r)
                        .isCloseTo(expected[c], within(1e-6 + 1e-5 * expected[c]));
            }
            assertThat(output.argmax[r]).as("argmax of row %d", r).isEqualTo(best);
            assertThat((double) output.argmaxWeight[r]).as("argmax weight of row %d", r)
                    .isCloseTo(expected[best], within(1e-6));
            assertThat(output.spread[r]).as("spread of row %d", r).isEqualTo(ReferenceRetrieval.spread(expected));
            assertThat(output.iterations[r]).isEqualTo(1);
            assertThat(output.converged[r]).isZero();
        }
        assertThat(output.stillActive).isEqualTo(rows);
    }

    @Test
    void softmaxTakesFirstOfTiedMaxima() throws Exception {
        float[] scores = new float[300];
        scores[17] = 5f;
        scores[230] = 5f;

        SoftmaxOutput output = softmax(1, 300, scores, null, 1, 0f);

        assertThat(output.argmax[0]).isEqualTo(17);
    }

    @Test
    void spreadCountsWeightsToNinetyPercent() throws Exception {
        int columns = 50_000;
        float[] flat = new float[columns];
        float[] twoPeaks = new float[columns];
        Arrays.fill(twoPeaks, -1e4f);
        twoPeaks[3] = 0f;
        twoPeaks[49_999] = 0f;
        float[] oneHot = new float[columns];
        oneHot[123] = 1e4f;
        float[] scores = new float[3 * columns];
        System.arraycopy(flat, 0, scores, 0, columns);
        System.arraycopy(twoPeaks, 0, scores, columns, columns);
        System.arraycopy(oneHot, 0, scores, 2 * columns, columns);

        SoftmaxOutput output = softmax(3, columns, scores, null, 1, 0f);

        assertThat(output.spread[0]).as("flat row").isEqualTo(45_000);
        assertThat(output.spread[1]).as("two equal peaks").isEqualTo(2);
        assertThat(output.spread[2]).as("one-hot row").isEqualTo(1);
    }

    @Test
    void secondStepConvergesWithinTolerance() throws Exception {
        int columns = 500;
        float[] scores = new float[2 * columns];
        Random random = new Random(5);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) random.nextGaussian();
        }
        SoftmaxOutput first = softmax(2, columns, scores, null, 1, 0f);
        float[] previous = first.weights.clone();
        previous[columns + 10] += 0.01f;

        SoftmaxOutput second = softmax(2, columns, scores, previous, 2, 1e-3f);

        assertThat(second.converged[0]).as("unchanged row").isEqualTo(1);
        assertThat(second.done[0]).isEqualTo(1);
        assertThat(second.converged[1]).as("row changed by 0.01").isZero();
        assertThat((double) second.change[1]).isCloseTo(0.01, within(1e-6));
        assertThat(second.iterations[1]).isEqualTo(2);
        assertThat(second.stillActive).isEqualTo(1);
    }

    @Test
    void normalizeMatchesReference() throws Exception {
        Random random = new Random(7);
        byte[] pixels = new byte[3 * 3072];
        random.nextBytes(pixels);
        Arrays.fill(pixels, 2 * 3072, 3 * 3072, (byte) 90);
        for (Normalization normalization : Normalization.values()) {
            ByteBuffer in = buffer(12 + pixels.length);
            in.putInt(3).putInt(3072).putInt(DeviceMemoryBank.normalizationMode(normalization)).put(pixels);

            ByteBuffer out = run("normalize", in);

            for (int r = 0; r < 3; r++) {
                double[] expected = ReferenceRetrieval.normalize(Arrays.copyOfRange(pixels, r * 3072, (r + 1) * 3072),
                        normalization);
                for (int c = 0; c < 3072; c++) {
                    assertThat((double) out.getFloat()).as("%s row %d value %d", normalization, r, c)
                            .isCloseTo(expected[c], within(1e-6));
                }
            }
        }
    }

    @Test
    void maskedScoresMatchReference() throws Exception {
        Random random = new Random(11);
        List<StoredPattern> patterns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] pixels = new byte[3072];
            random.nextBytes(pixels);
            patterns.add(new StoredPattern("p" + i, 0, pixels));
        }
        patterns.add(new StoredPattern("flat", 0, filled((byte) 77)));
        RetrievalSettings settings = new RetrievalSettings(128, 1, 0, Normalization.CENTER_UNIT, true, 8192);
        ReferenceRetrieval reference = new ReferenceRetrieval(new MemorySnapshot(1, patterns), settings);
        byte[][] probes = {patterns.get(2).pixels().clone(), patterns.get(5).pixels().clone(), filled((byte) 10)};
        byte[][] masks = new byte[3][3072];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3072; c++) {
                masks[r][c] = (byte) (random.nextInt(3) == 0 ? 0 : 1);
                if (masks[r][c] == 0) {
                    probes[r][c] = 0;
                }
            }
        }

        ByteBuffer in = buffer(20 + 2 * 3 * 3072 + 7 * 3072 * 4);
        in.putInt(3).putInt(3072).putInt(7).putFloat(128f).putFloat((float) ReferenceRetrieval.MIN_MASKED_SPREAD);
        for (byte[] probe : probes) {
            in.put(probe);
        }
        for (byte[] mask : masks) {
            in.put(mask);
        }
        for (StoredPattern pattern : patterns) {
            for (byte pixel : pattern.pixels()) {
                in.putFloat((pixel & 0xff) / 255f);
            }
        }

        ByteBuffer out = run("masked", in);

        // Scores range over +-128 here. The flat pattern's true covariance is 0, and float32 leaves
        // about 1e-5 of the centred probe's sum, which the floored spread and beta scale to about 0.01.
        for (int r = 0; r < 3; r++) {
            double[] expected = reference.firstStepScores(probes[r], masks[r]);
            for (int p = 0; p < 7; p++) {
                assertThat((double) out.getFloat()).as("score of probe %d, pattern %d", r, p)
                        .isCloseTo(expected[p], within(0.05));
            }
        }
    }

    @Test
    void roundPixelsRoundsHalfUpAndClamps() throws Exception {
        float[] values = {12.5f / 255, 12.49f / 255, 254.6f / 255, -3f / 255, 300f / 255, 0f};
        ByteBuffer in = buffer(8 + 4 * values.length);
        in.putInt(values.length).putFloat(255f);
        for (float value : values) {
            in.putFloat(value);
        }

        ByteBuffer out = run("round", in);

        int[] expected = {13, 12, 255, 0, 255, 0};
        for (int expectedPixel : expected) {
            assertThat(Byte.toUnsignedInt(out.get())).isEqualTo(expectedPixel);
        }
    }

    @Test
    void bfloat16RoundsToNearestEven() throws Exception {
        float[] values = {1.0f, 1.00390625f, 1.01171875f, -2.5f, 3.1415927f};
        ByteBuffer in = buffer(4 + 4 * values.length);
        in.putInt(values.length);
        for (float value : values) {
            in.putFloat(value);
        }

        ByteBuffer out = run("bfloat16", in);

        // 1 + 2^-8 is a tie and rounds to even (1.0); 1 + 3 * 2^-8 rounds up to 1 + 2^-6.
        int[] expected = {0x3f80, 0x3f80, 0x3f82, 0xc020, 0x4049};
        for (int bits : expected) {
            assertThat(Short.toUnsignedInt(out.getShort())).isEqualTo(bits);
        }
    }

    private record SoftmaxOutput(float[] weights, int[] argmax, float[] argmaxWeight, int[] iterations,
                                 int[] converged, float[] change, int[] done, int[] spread, int stillActive) {
    }

    private static SoftmaxOutput softmax(int rows, int columns, float[] scores, float[] previous, int step,
                                         float tolerance) throws Exception {
        int values = rows * columns;
        ByteBuffer in = buffer(24 + 4 * values * (previous == null ? 1 : 2));
        in.putInt(rows).putInt(columns).putInt(previous == null ? 0 : 1).putInt(step).putFloat(tolerance)
                .putFloat(CudaBackend.SPREAD_MASS);
        for (float score : scores) {
            in.putFloat(score);
        }
        if (previous != null) {
            for (float weight : previous) {
                in.putFloat(weight);
            }
        }
        ByteBuffer out = run("softmax", in);
        float[] weights = floats(out, values);
        int[] argmax = ints(out, rows);
        float[] argmaxWeight = floats(out, rows);
        int[] iterations = ints(out, rows);
        int[] converged = ints(out, rows);
        float[] change = floats(out, rows);
        int[] done = ints(out, rows);
        int[] spread = ints(out, rows);
        return new SoftmaxOutput(weights, argmax, argmaxWeight, iterations, converged, change, done, spread,
                out.getInt());
    }

    private static ByteBuffer run(String mode, ByteBuffer input) throws IOException, InterruptedException {
        Path in = Files.createTempFile(work, mode, ".in");
        Path out = Files.createTempFile(work, mode, ".out");
        Files.write(in, Arrays.copyOf(input.array(), input.position()));
        Process process = new ProcessBuilder(driver.toString(), mode, in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", mode).isTrue();
        assertThat(process.exitValue()).as("%s output: %s", mode, output).isZero();
        return ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] floats(ByteBuffer buffer, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }

    private static int[] ints(ByteBuffer buffer, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.getInt();
        }
        return values;
    }

    private static double[] doubleSoftmax(float[] scores, int row, int columns) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < columns; c++) {
            max = Math.max(max, scores[row * columns + c]);
        }
        double sum = 0;
        double[] weights = new double[columns];
        for (int c = 0; c < columns; c++) {
            weights[c] = Math.exp(scores[row * columns + c] - max);
            sum += weights[c];
        }
        for (int c = 0; c < columns; c++) {
            weights[c] /= sum;
        }
        return weights;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static byte[] filled(byte value) {
        byte[] pixels = new byte[3072];
        Arrays.fill(pixels, value);
        return pixels;
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
