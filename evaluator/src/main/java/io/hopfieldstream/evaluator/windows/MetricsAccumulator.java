package io.hopfieldstream.evaluator.windows;

import io.hopfieldstream.evaluator.scoring.ReconstructionScore;
import io.hopfieldstream.evaluator.scoring.ScoreSample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running totals of one window: the aggregate that hopping, count and cumulative windows share.
 *
 * <p>Counts, correct and exact-match counts, similarity, loss, PSNR and attention-spread sums cover the scored
 * reconstructions only. Unscored ones (no known truth) raise {@link #unscoredCount()}, and like scored ones they
 * add their latency and retrieval time, because both are independent of the truth.
 */
public final class MetricsAccumulator {

    private static final byte FORMAT_VERSION = 1;

    private long count;
    private long correctCount;
    private long exactMatchCount;
    private long unscoredCount;
    private double similaritySum;
    private double similarityLoss;
    private double psnrSum;
    private long attentionSpreadSum;
    private long firstRetrievedAtMs = Long.MAX_VALUE;
    private long lastRetrievedAtMs = Long.MIN_VALUE;
    private LatencyHistogram latencies = new LatencyHistogram();

    /** Adds one reconstruction and returns this accumulator. */
    public MetricsAccumulator add(ScoreSample sample) {
        ReconstructionScore score = sample.score();
        if (score == null) {
            unscoredCount++;
        } else {
            count++;
            correctCount += score.correct() ? 1 : 0;
            exactMatchCount += score.exactMatch() ? 1 : 0;
            similaritySum += score.similarity();
            similarityLoss += 1.0 - score.similarity();
            psnrSum += score.psnrDb();
            attentionSpreadSum += sample.attentionSpread();
        }

        latencies.record(sample.latencyMs());
        firstRetrievedAtMs = Math.min(firstRetrievedAtMs, sample.retrievedAtMs());
        lastRetrievedAtMs = Math.max(lastRetrievedAtMs, sample.retrievedAtMs());
        return this;
    }

    /** Returns the number of scored reconstructions. */
    public long count() {
        return count;
    }

    public long correctCount() {
        return correctCount;
    }

    public long exactMatchCount() {
        return exactMatchCount;
    }

    /** Returns the number of reconstructions without a known truth. */
    public long unscoredCount() {
        return unscoredCount;
    }

    /** Returns the number of reconstructions, scored or not. */
    public long totalCount() {
        return count + unscoredCount;
    }

    /** Returns correctCount / count, or 0 when nothing was scored. */
    public double accuracy() {
        return ratio(correctCount);
    }

    /** Returns the sum of (1 - similarity) over the scored reconstructions. */
    public double similarityLoss() {
        return similarityLoss;
    }

    public double meanSimilarity() {
        return count == 0 ? 0.0 : similaritySum / count;
    }

    public double exactMatchRate() {
        return ratio(exactMatchCount);
    }

    /** Returns the mean PSNR in decibels, or 0 when nothing was scored. */
    public double meanPsnr() {
        return count == 0 ? 0.0 : psnrSum / count;
    }

    public double meanAttentionSpread() {
        return count == 0 ? 0.0 : (double) attentionSpreadSum / count;
    }

    /** Returns the earliest retrieval time added, milliseconds since the Unix epoch, or 0 when empty. */
    public long firstRetrievedAtMs() {
        return totalCount() == 0 ? 0L : firstRetrievedAtMs;
    }

    /** Returns the latest retrieval time added, milliseconds since the Unix epoch, or 0 when empty. */
    public long lastRetrievedAtMs() {
        return totalCount() == 0 ? 0L : lastRetrievedAtMs;
    }

    /** Returns the nearest-rank latency percentile in milliseconds over all reconstructions added. */
    public long latencyPercentileMs(double percentile) {
        return latencies.percentile(percentile);
    }

    private double ratio(long part) {
        return count == 0 ? 0.0 : (double) part / count;
    }

    /** Writes the totals in a versioned binary form that {@link #readFrom} reads back. */
    public void writeTo(DataOutput output) throws IOException {
        output.writeByte(FORMAT_VERSION);
        output.writeLong(count);
        output.writeLong(correctCount);
        output.writeLong(exactMatchCount);
        output.writeLong(unscoredCount);
        output.writeDouble(similaritySum);
        output.writeDouble(similarityLoss);
        output.writeDouble(psnrSum);
        output.writeLong(attentionSpreadSum);
        output.writeLong(firstRetrievedAtMs);
        output.writeLong(lastRetrievedAtMs);
        latencies.writeTo(output);
    }

    /**
     * Reads totals written by {@link #writeTo}.
     *
     * @throws IOException when the bytes are truncated or of an unknown version
     */
    public static MetricsAccumulator readFrom(DataInput input) throws IOException {
        byte version = input.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("Invalid metrics aggregate: unknown format version " + version);
        }

        MetricsAccumulator accumulator = new MetricsAccumulator();
        accumulator.count = input.readLong();
        accumulator.correctCount = input.readLong();
        accumulator.exactMatchCount = input.readLong();
        accumulator.unscoredCount = input.readLong();
        accumulator.similaritySum = input.readDouble();
        accumulator.similarityLoss = input.readDouble();
        accumulator.psnrSum = input.readDouble();
        accumulator.attentionSpreadSum = input.readLong();
        accumulator.firstRetrievedAtMs = input.readLong();
        accumulator.lastRetrievedAtMs = input.readLong();
        accumulator.latencies = LatencyHistogram.readFrom(input);
        return accumulator;
    }
}
