package io.hopfieldstream.retriever.retrieval;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.schemas.Topics;
import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the kernel's matrices from a memory snapshot and prepares probes to match them.
 *
 * <ul>
 *   <li>keys: pixel / 255, then the chosen {@link Normalization}, one pattern a row;</li>
 *   <li>values, also the mask keys: pixel / 255 - 0.5. The readout W V maps back to pixels as
 *       {@code 255 * readout + 127.5}, because each row of W sums to 1; centring the values on 0 keeps
 *       the float32 sums of the mask-aware Pearson scores well conditioned.</li>
 * </ul>
 */
final class SnapshotMatrices {

    private static final int PIXELS = Topics.PIXELS_PER_IMAGE;
    private static final float INVERSE_MAX_PIXEL = 1f / 255f;

    private SnapshotMatrices() {
    }

    /** Builds the memory of a non-empty snapshot; mask keys share the values' array when requested. */
    static KernelMemory build(MemorySnapshot snapshot, Normalization normalization, boolean withMaskKeys) {
        List<StoredPattern> patterns = snapshot.patterns();
        if ((long) patterns.size() * PIXELS > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Memory version " + snapshot.version() + " contains " + patterns.size()
                    + " patterns; at most " + Integer.MAX_VALUE / PIXELS + " fit one float32 matrix");
        }
        INDArray keys = Nd4j.create(DataType.FLOAT, patterns.size(), PIXELS);
        INDArray values = Nd4j.create(DataType.FLOAT, patterns.size(), PIXELS);
        FloatBuffer keyData = keys.data().asNioFloat();
        FloatBuffer valueData = values.data().asNioFloat();
        float[] row = new float[PIXELS];
        for (int i = 0; i < patterns.size(); i++) {
            StoredPattern pattern = patterns.get(i);
            byte[] pixels = pattern.pixels();
            if (pixels == null || pixels.length != PIXELS) {
                keys.close();
                values.close();
                throw new IllegalArgumentException("Stored pattern '" + pattern.patternId() + "' in row " + i + " has "
                        + (pixels == null ? "no pixels" : pixels.length + " pixel values") + ", expected " + PIXELS);
            }
            centredValues(pixels, row);
            valueData.put(i * PIXELS, row);
            keyData.put(i * PIXELS, key(pixels, normalization, row));
        }
        return new KernelMemory(keys, values, withMaskKeys ? values : null);
    }

    /** Returns the probe prepared like the keys: pixel / 255, then the normalisation. */
    static float[] key(byte[] pixels, Normalization normalization, float[] target) {
        for (int i = 0; i < PIXELS; i++) {
            target[i] = Byte.toUnsignedInt(pixels[i]) * INVERSE_MAX_PIXEL;
        }
        normalization.applyInPlace(target);
        return target;
    }

    /** Returns pixel / 255 - 0.5, the scale of the values and mask keys. */
    static float[] centredValues(byte[] pixels, float[] target) {
        for (int i = 0; i < PIXELS; i++) {
            target[i] = Byte.toUnsignedInt(pixels[i]) * INVERSE_MAX_PIXEL - 0.5f;
        }
        return target;
    }

    /**
     * Converts a readout row back to pixels: {@code 255 * value + 127.5}, rounded and clamped to 0..255.
     *
     * @throws IllegalStateException for a value that is not finite, which rounding would silently turn into 0
     */
    static byte[] pixels(float[] readout) {
        checkFinite(readout);
        byte[] pixels = new byte[readout.length];
        for (int i = 0; i < readout.length; i++) {
            // floor(255 v + 128) is Math.round(255 v + 127.5); the double product of a float is exact.
            double value = Math.min(255.0, Math.max(0.0, 255.0 * readout[i] + 128.0));
            pixels[i] = (byte) (int) value;
        }
        return pixels;
    }

    private static void checkFinite(float[] readout) {
        float probe = 0f;
        for (float value : readout) {
            probe += value * 0f;
        }
        if (Float.isFinite(probe)) {
            return;
        }
        for (int i = 0; i < readout.length; i++) {
            if (!Float.isFinite(readout[i])) {
                throw new IllegalStateException("Retrieval produced the non-finite value " + readout[i]
                        + " at pixel " + i + " of a reconstruction");
            }
        }
    }
}
