package io.hopfieldstream.evaluator.testing;

import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Builders of test records with 3072-pixel images. */
public final class Records {

    public static final int PIXELS = 3072;

    private Records() {
    }

    /** Returns a stored pattern with the given pixels. */
    public static MemoryPattern pattern(String patternId, byte[] pixels) {
        return MemoryPattern.newBuilder()
                .setPatternId(patternId)
                .setLabel(3)
                .setSplit("test")
                .setSourceIndex(42)
                .setPixels(ByteBuffer.wrap(pixels))
                .build();
    }

    /** Returns a builder of a reconstruction with every field set; callers override what a test varies. */
    public static Reconstruction.Builder reconstruction(String experimentId, String runId, String probeId) {
        return Reconstruction.newBuilder()
                .setExperimentId(experimentId)
                .setRunId(runId)
                .setProbeId(probeId)
                .setTruthPatternId("p1")
                .setLabel(3)
                .setRetrievedPatternId("p1")
                .setRetrievedWeight(0.99)
                .setAttentionSpread(1)
                .setIterations(1)
                .setConverged(true)
                .setPixels(ByteBuffer.wrap(new byte[PIXELS]))
                .setCorruption(corruption("gaussian", 25.0))
                .setProbeCreatedAtMs(1_000L)
                .setRetrievedAtMs(1_010L);
    }

    public static Corruption corruption(String kind, double level) {
        return Corruption.newBuilder()
                .setKind(kind)
                .setLevel(level)
                .setSpec(kind + ":" + level)
                .setSeed(7L)
                .build();
    }

    /**
     * Returns a base image and an image whose Pearson correlation with it is known exactly: the first half of the
     * base is a pattern of +1 and -1 deviations, the second half of -1 and +1.
     */
    public static byte[] base() {
        byte[] pixels = new byte[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            pixels[i] = (byte) (i % 2 == 0 ? 101 : 99);
        }
        return pixels;
    }

    /**
     * Returns an image whose Pearson correlation with {@link #base()} is exactly {@code 1 - 2 * flipped / 3072}:
     * the first {@code flipped} pixels swap their deviation from the mean, the others keep it.
     *
     * @param flipped an even number of pixels, 0..3072
     */
    public static byte[] withCorrelation(int flipped) {
        if (flipped % 2 != 0) {
            throw new IllegalArgumentException("flipped must be even so the mean stays 100");
        }
        byte[] pixels = base();
        for (int i = 0; i < flipped; i++) {
            pixels[i] = (byte) (i % 2 == 0 ? 99 : 101);
        }
        return pixels;
    }

    public static byte[] constant(int value) {
        byte[] pixels = new byte[PIXELS];
        Arrays.fill(pixels, (byte) value);
        return pixels;
    }
}
