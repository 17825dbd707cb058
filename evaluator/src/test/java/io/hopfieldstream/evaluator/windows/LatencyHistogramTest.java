package io.hopfieldstream.evaluator.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfSmallSampleAreNearestRank() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long latency : new long[] {40, 10, 30, 20}) {
            histogram.record(latency);
        }

        assertThat(histogram.percentile(50)).isEqualTo(20L);
        assertThat(histogram.percentile(95)).isEqualTo(40L);
        assertThat(histogram.percentile(25)).isEqualTo(10L);
        assertThat(histogram.percentile(26)).isEqualTo(20L);
        assertThat(histogram.percentile(100)).isEqualTo(40L);
    }

    @Test
    void percentileAtExactRankBoundary() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long latency = 1; latency <= 20; latency++) {
            histogram.record(latency);
        }

        assertThat(histogram.percentile(95)).isEqualTo(19L);
        assertThat(histogram.percentile(99)).isEqualTo(20L);
        assertThat(histogram.percentile(50)).isEqualTo(10L);
    }

    @Test
    void emptyHistogramReturnsZero() {
        assertThat(new LatencyHistogram().percentile(99)).isZero();
    }

    @Test
    void negativeLatencyCountsAsZero() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-5);

        assertThat(histogram.percentile(50)).isZero();
    }

    @Test
    void largeSampleSwitchesToBuckets() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long latency = 1; latency <= 1000; latency++) {
            histogram.record(latency);
        }

        assertThat(histogram.isExact()).isFalse();
        assertThat(histogram.count()).isEqualTo(1000L);
        assertThat(histogram.percentile(50)).isEqualTo(500L);
        assertThat(histogram.percentile(99)).isEqualTo(990L);
    }

    @Test
    void bucketsStayWithinOneThousandth() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long latency = 1; latency <= 1000; latency++) {
            histogram.record(latency * 100);
        }

        assertThat((double) histogram.percentile(50)).isCloseTo(50_000.0, within(50.0));
    }

    @Test
    void exactFormRoundTrips() throws IOException {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(7);
        histogram.record(3);

        LatencyHistogram copy = roundTrip(histogram);

        assertThat(copy.isExact()).isTrue();
        assertThat(copy.count()).isEqualTo(2L);
        assertThat(copy.percentile(50)).isEqualTo(3L);
        assertThat(copy.percentile(100)).isEqualTo(7L);
    }

    @Test
    void bucketFormRoundTrips() throws IOException {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long latency = 1; latency <= 300; latency++) {
            histogram.record(latency);
        }

        LatencyHistogram copy = roundTrip(histogram);
        copy.record(100_000);

        assertThat(copy.isExact()).isFalse();
        assertThat(copy.count()).isEqualTo(301L);
        assertThat(copy.percentile(50)).isEqualTo(151L);
    }

    private static LatencyHistogram roundTrip(LatencyHistogram histogram) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        histogram.writeTo(new DataOutputStream(bytes));
        return LatencyHistogram.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
