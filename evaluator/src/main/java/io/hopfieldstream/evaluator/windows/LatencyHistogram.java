package io.hopfieldstream.evaluator.windows;

import org.HdrHistogram.Histogram;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Latencies of a window in milliseconds, with nearest-rank percentiles.
 *
 * <p>The p-th percentile is the smallest recorded value such that at least p percent of the values are at or
 * below it. Up to {@link #EXACT_LIMIT} values are kept as they are, so small windows get exact percentiles. Past
 * that the values move into an HdrHistogram with 3 significant digits, whose size grows with the range of the
 * values but not with their count. It is exact below 2048 ms and within 0.1% above.
 */
public final class LatencyHistogram {

    /** Most values kept exactly before the histogram switches to HdrHistogram buckets. */
    public static final int EXACT_LIMIT = 256;

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final byte FORMAT_EXACT = 1;
    private static final byte FORMAT_HDR = 2;

    private long[] exactValues = new long[8];
    private int exactCount;
    private Histogram buckets;

    /**
     * Adds one latency.
     *
     * @param latencyMs milliseconds, negative values count as 0
     */
    public void record(long latencyMs) {
        long value = Math.max(0L, latencyMs);
        if (buckets != null) {
            buckets.recordValue(value);
            return;
        }
        if (exactCount == EXACT_LIMIT) {
            moveToBuckets();
            buckets.recordValue(value);
            return;
        }
        if (exactCount == exactValues.length) {
            exactValues = Arrays.copyOf(exactValues, Math.min(EXACT_LIMIT, exactCount * 2));
        }
        exactValues[exactCount++] = value;
    }

    /** Returns the number of latencies recorded. */
    public long count() {
        return buckets != null ? buckets.getTotalCount() : exactCount;
    }

    /** Returns whether every recorded value is kept as it is. */
    public boolean isExact() {
        return buckets == null;
    }

    /**
     * Returns the nearest-rank percentile in milliseconds, or 0 when nothing was recorded.
     *
     * @param percentile 0..100
     */
    public long percentile(double percentile) {
        if (!(percentile >= 0.0 && percentile <= 100.0)) {
            throw new IllegalArgumentException("Invalid percentile " + percentile + ": expected 0..100");
        }
        if (count() == 0) {
            return 0L;
        }
        if (buckets != null) {
            return buckets.getValueAtPercentile(percentile);
        }

        long[] sorted = Arrays.copyOf(exactValues, exactCount);
        Arrays.sort(sorted);
        int rank = nearestRank(percentile, exactCount);
        return sorted[rank - 1];
    }

    /** Returns the 1-based rank of the nearest-rank percentile among {@code count} values. */
    static int nearestRank(double percentile, long count) {
        // nextDown keeps an exact product such as 0.95 * 20 from rounding up to the rank above.
        double position = Math.nextDown(percentile) / 100.0 * count;
        return (int) Math.max(1L, Math.min(count, (long) Math.ceil(position)));
    }

    /** Writes the histogram in a compact binary form that {@link #readFrom} reads back. */
    public void writeTo(DataOutput output) throws IOException {
        if (buckets == null) {
            output.writeByte(FORMAT_EXACT);
            output.writeShort(exactCount);
            for (int i = 0; i < exactCount; i++) {
                output.writeLong(exactValues[i]);
            }
            return;
        }
        // The plain encoding already writes counts as variable-length integers with runs of zeros collapsed, so
        // it stays small without the cost of Deflate on every window update.
        ByteBuffer buffer = ByteBuffer.allocate(buckets.getNeededByteBufferCapacity());
        int length = buckets.encodeIntoByteBuffer(buffer);
        output.writeByte(FORMAT_HDR);
        output.writeInt(length);
        output.write(buffer.array(), 0, length);
    }

    /**
     * Reads a histogram written by {@link #writeTo}.
     *
     * @throws IOException when the bytes are truncated or of an unknown format
     */
    public static LatencyHistogram readFrom(DataInput input) throws IOException {
        LatencyHistogram histogram = new LatencyHistogram();
        byte format = input.readByte();
        if (format == FORMAT_EXACT) {
            int count = input.readUnsignedShort();
            if (count > EXACT_LIMIT) {
                throw new IOException("Invalid latency histogram: " + count + " exact values, at most "
                        + EXACT_LIMIT + " allowed");
            }
            histogram.exactValues = new long[Math.max(8, count)];
            for (int i = 0; i < count; i++) {
                histogram.exactValues[i] = input.readLong();
            }
            histogram.exactCount = count;
            return histogram;
        }
        if (format == FORMAT_HDR) {
            byte[] encoded = new byte[input.readInt()];
            input.readFully(encoded);
            try {
                histogram.buckets = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), 0);
                histogram.buckets.setAutoResize(true);
            } catch (RuntimeException e) {
                throw new IOException("Invalid latency histogram: " + e.getMessage(), e);
            }
            return histogram;
        }
        throw new IOException("Invalid latency histogram: unknown format " + format);
    }

    private void moveToBuckets() {
        buckets = new Histogram(SIGNIFICANT_DIGITS);
        for (int i = 0; i < exactCount; i++) {
            buckets.recordValue(exactValues[i]);
        }
        exactValues = null;
        exactCount = 0;
    }
}
