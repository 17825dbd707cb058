package io.hopfieldstream.evaluator.windows;

import io.hopfieldstream.evaluator.scoring.ReconstructionScore;
import io.hopfieldstream.evaluator.scoring.ScoreSample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last K reconstructions of one group, scored or not, oldest first.
 *
 * <p>Adding a reconstruction to a full window drops the oldest one. The metrics of the window are recomputed
 * from the samples it holds, so they never drift.
 */
public final class CountWindow {

    /** Largest K accepted, so one window stays below about 4 MB in its state store. */
    public static final int MAX_SIZE = 100_000;

    private static final byte FORMAT_VERSION = 1;

    private final Deque<ScoreSample> samples = new ArrayDeque<>();

    /**
     * Adds a reconstruction and drops the oldest ones beyond {@code size}.
     *
     * @param size K, 1..{@link #MAX_SIZE}
     */
    public void add(ScoreSample sample, int size) {
        validateSize(size);
        samples.addLast(sample);
        while (samples.size() > size) {
            samples.removeFirst();
        }
    }

    /** Returns the samples held, oldest first. */
    public List<ScoreSample> samples() {
        return new ArrayList<>(samples);
    }

    public int size() {
        return samples.size();
    }

    /** Returns the totals of the samples held. */
    public MetricsAccumulator totals() {
        MetricsAccumulator accumulator = new MetricsAccumulator();
        samples.forEach(accumulator::add);
        return accumulator;
    }

    static void validateSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("Invalid count window size " + size + ": expected 1.." + MAX_SIZE);
        }
    }

    /** Writes the samples in a versioned binary form that {@link #readFrom} reads back. */
    public void writeTo(DataOutput output) throws IOException {
        output.writeByte(FORMAT_VERSION);
        output.writeInt(samples.size());
        for (ScoreSample sample : samples) {
            output.writeLong(sample.retrievedAtMs());
            output.writeLong(sample.latencyMs());
            output.writeInt(sample.attentionSpread());
            ReconstructionScore score = sample.score();
            output.writeBoolean(score != null);
            if (score != null) {
                output.writeDouble(score.similarity());
                output.writeBoolean(score.correct());
                output.writeBoolean(score.exactMatch());
                output.writeDouble(score.psnrDb());
            }
        }
    }

    /**
     * Reads samples written by {@link #writeTo}.
     *
     * @throws IOException when the bytes are truncated or of an unknown version
     */
    public static CountWindow readFrom(DataInput input) throws IOException {
        byte version = input.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("Invalid count window: unknown format version " + version);
        }
        int size = input.readInt();
        if (size < 0 || size > MAX_SIZE) {
            throw new IOException("Invalid count window: " + size + " samples, expected 0.." + MAX_SIZE);
        }

        CountWindow window = new CountWindow();
        for (int i = 0; i < size; i++) {
            long retrievedAtMs = input.readLong();
            long latencyMs = input.readLong();
            int attentionSpread = input.readInt();
            ReconstructionScore score = null;
            if (input.readBoolean()) {
                score = new ReconstructionScore(input.readDouble(), input.readBoolean(), input.readBoolean(),
                        input.readDouble());
            }
            window.samples.addLast(new ScoreSample(retrievedAtMs, latencyMs, attentionSpread, score));
        }
        return window;
    }
}
