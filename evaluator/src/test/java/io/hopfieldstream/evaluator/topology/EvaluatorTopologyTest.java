package io.hopfieldstream.evaluator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.evaluator.scoring.ReconstructionChecks;
import io.hopfieldstream.evaluator.testing.Records;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.deadletter.DeadLetterHeaders;
import io.hopfieldstream.schemas.serde.RecordSerdes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real topology with reconstructions whose Pearson similarities to the stored pattern are exact
 * binary fractions (1, 0.96875, 0.9375, 0.5), so every expected value below is computed by hand.
 */
class EvaluatorTopologyTest {

    private static final String GROUP = "exp/r1/gaussian:25";

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = startFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2);
    }

    /** Starts the topology with the stored patterns p1 and p2, whose similarity is 0. */
    private static TopologyFixture startFixture(Path directory, String processingGuarantee) {
        TopologyFixture started = new TopologyFixture(settings(), directory, processingGuarantee);
        started.patterns.pipeInput("p1", Records.pattern("p1", Records.base()));
        started.patterns.pipeInput("p2", Records.pattern("p2", Records.withCorrelation(1536)));
        return started;
    }

    private static TopologySettings settings() {
        return TopologySettings.defaults()
                .withWindows(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withCountWindowSize(3);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void hoppingWindowsHaveExactTotals() {
        pipeFourReconstructions("exp", "r1", "gaussian", 25.0);

        Map<String, WindowMetrics> latest = fixture.latestMetrics();

        WindowMetrics first = latest.get(GROUP + "/hopping/0");
        assertThat(first.getWindowType()).isEqualTo("hopping");
        assertThat(first.getWindowStartMs()).isZero();
        assertThat(first.getWindowEndMs()).isEqualTo(10_000L);
        assertThat(first.getCount()).isEqualTo(4L);
        assertThat(first.getCorrectCount()).isEqualTo(2L);
        assertThat(first.getAccuracy()).isEqualTo(0.5);
        assertThat(first.getSimilarityLoss()).isEqualTo(0.59375);
        assertThat(first.getMeanSimilarity()).isEqualTo(0.8515625);
        assertThat(first.getExactMatchRate()).isEqualTo(0.75);
        assertThat(first.getLatencyP50Ms()).isEqualTo(20.0);
        assertThat(first.getLatencyP95Ms()).isEqualTo(40.0);
        assertThat(first.getLatencyP99Ms()).isEqualTo(40.0);
        assertThat(first.getThreshold()).isEqualTo(0.95);
        assertThat(first.getSimilarity()).isEqualTo("pearson");
        assertThat(first.getEmittedAtMs()).isEqualTo(TopologyFixture.WALL_CLOCK.toEpochMilli());

        WindowMetrics second = latest.get(GROUP + "/hopping/5000");
        assertThat(second.getWindowStartMs()).isEqualTo(5_000L);
        assertThat(second.getWindowEndMs()).isEqualTo(15_000L);
        assertThat(second.getCount()).isEqualTo(2L);
        assertThat(second.getCorrectCount()).isZero();
        assertThat(second.getAccuracy()).isZero();
        assertThat(second.getSimilarityLoss()).isEqualTo(0.5625);
        assertThat(second.getExactMatchRate()).isEqualTo(0.5);

        assertThat(latest).doesNotContainKey(GROUP + "/hopping/-5000");
    }

    @Test
    void cumulativeTotalsCoverTheRun() {
        pipeFourReconstructions("exp", "r1", "gaussian", 25.0);

        WindowMetrics cumulative = fixture.latestMetrics().get(GROUP + "/cumulative");

        assertThat(cumulative.getWindowType()).isEqualTo("cumulative");
        assertThat(cumulative.getExperimentId()).isEqualTo("exp");
        assertThat(cumulative.getRunId()).isEqualTo("r1");
        assertThat(cumulative.getCorruptionKind()).isEqualTo("gaussian");
        assertThat(cumulative.getCorruptionLevel()).isEqualTo(25.0);
        assertThat(cumulative.getWindowStartMs()).isEqualTo(1_000L);
        assertThat(cumulative.getWindowEndMs()).isEqualTo(7_000L);
        assertThat(cumulative.getCount()).isEqualTo(4L);
        assertThat(cumulative.getCorrectCount()).isEqualTo(2L);
        assertThat(cumulative.getAccuracy()).isEqualTo(0.5);
        assertThat(cumulative.getSimilarityLoss()).isEqualTo(0.59375);
        assertThat(cumulative.getExactMatchRate()).isEqualTo(0.75);
        assertThat(cumulative.getMeanPsnr()).isEqualTo(meanPsnr(0, 48, 96, 768));
        assertThat(cumulative.getMeanAttentionSpread()).isEqualTo(1.0);
    }

    @Test
    void countWindowDropsOldest() {
        pipeFourReconstructions("exp", "r1", "gaussian", 25.0);

        WindowMetrics counted = fixture.latestMetrics().get(GROUP + "/count");

        assertThat(counted.getWindowType()).isEqualTo("count");
        assertThat(counted.getCount()).isEqualTo(3L);
        assertThat(counted.getCorrectCount()).isEqualTo(1L);
        assertThat(counted.getAccuracy()).isEqualTo(1.0 / 3.0);
        assertThat(counted.getSimilarityLoss()).isEqualTo(0.59375);
        assertThat(counted.getExactMatchRate()).isEqualTo(2.0 / 3.0);
        assertThat(counted.getWindowStartMs()).isEqualTo(3_000L);
        assertThat(counted.getWindowEndMs()).isEqualTo(7_000L);
        assertThat(counted.getLatencyP50Ms()).isEqualTo(30.0);
    }

    @Test
    void everyUpdateIsEmitted() {
        fixture.pipe(reconstruction("exp", "r1", "a", 1_000L, 0, "p1"));

        WindowMetrics afterFirst = fixture.latestMetrics().get(GROUP + "/cumulative");
        assertThat(afterFirst.getCount()).isEqualTo(1L);
        assertThat(afterFirst.getAccuracy()).isEqualTo(1.0);

        fixture.pipe(reconstruction("exp", "r1", "b", 2_000L, 768, "p1"));

        Map<String, WindowMetrics> latest = fixture.latestMetrics();
        assertThat(latest.get(GROUP + "/cumulative").getCount()).isEqualTo(2L);
        assertThat(latest.get(GROUP + "/hopping/0").getCount()).isEqualTo(2L);
        assertThat(latest.get(GROUP + "/count").getCount()).isEqualTo(2L);
    }

    @Test
    void runsAndCorruptionsStayApart() {
        pipeFourReconstructions("exp", "r1", "gaussian", 25.0);
        fixture.pipe(reconstruction("exp", "r2", "x1", 2_000L, 768, "p1"));
        fixture.pipe(withCorruption(reconstruction("exp", "r1", "x2", 2_500L, 96, "p1"), "lower-half", 0.25));
        fixture.pipe(withCorruption(reconstruction("exp", "r1", "x3", 2_600L, 0, "p1"), "lower-half", 0.25));

        Map<String, WindowMetrics> latest = fixture.latestMetrics();

        assertThat(latest.get(GROUP + "/cumulative").getCount()).isEqualTo(4L);
        WindowMetrics otherRun = latest.get("exp/r2/gaussian:25/cumulative");
        assertThat(otherRun.getCount()).isEqualTo(1L);
        assertThat(otherRun.getAccuracy()).isZero();
        assertThat(otherRun.getSimilarityLoss()).isEqualTo(0.5);
        WindowMetrics otherCorruption = latest.get("exp/r1/lower-half:0.25/cumulative");
        assertThat(otherCorruption.getCorruptionKind()).isEqualTo("lower-half");
        assertThat(otherCorruption.getCorruptionLevel()).isEqualTo(0.25);
        assertThat(otherCorruption.getCount()).isEqualTo(2L);
        assertThat(otherCorruption.getCorrectCount()).isEqualTo(1L);
        assertThat(otherCorruption.getSimilarityLoss()).isEqualTo(0.0625);
    }

    @Test
    void reconstructionWithoutTruthIsUnscored() {
        fixture.pipe(reconstruction("exp", "r1", "a", 1_000L, 0, "p1"));
        fixture.pipe(Reconstruction.newBuilder(reconstruction("exp", "r1", "b", 1_500L, 0, "p1"))
                .setTruthPatternId(null)
                .build());

        WindowMetrics cumulative = fixture.latestMetrics().get(GROUP + "/cumulative");

        assertThat(cumulative.getCount()).isEqualTo(1L);
        assertThat(cumulative.getUnscoredCount()).isEqualTo(1L);
        assertThat(cumulative.getAccuracy()).isEqualTo(1.0);
        assertThat(cumulative.getWindowEndMs()).isEqualTo(1_500L);
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void lateRecordsAreCountedAndKeptInCumulative() {
        pipeFourReconstructions("exp", "r1", "gaussian", 25.0);
        fixture.pipe(reconstruction("exp", "r1", "now", 20_000L, 0, "p1"));
        fixture.latestMetrics();

        fixture.pipe(reconstruction("exp", "r1", "late", 6_500L, 0, "p1"));
        fixture.pipe(reconstruction("exp", "r1", "partly-late", 12_000L, 0, "p1"));

        Map<String, WindowMetrics> latest = fixture.latestMetrics();
        assertThat(latest).doesNotContainKeys(GROUP + "/hopping/0", GROUP + "/hopping/5000");
        assertThat(latest.get(GROUP + "/hopping/10000").getCount()).isEqualTo(1L);
        assertThat(latest.get(GROUP + "/hopping/10000").getWindowEndMs()).isEqualTo(20_000L);
        assertThat(latest.get(GROUP + "/cumulative").getCount()).isEqualTo(7L);
        assertThat(latest.get(GROUP + "/count").getCount()).isEqualTo(3L);

        KeyValueStore<String, Long> late = fixture.driver.getKeyValueStore(EvaluatorTopology.LATE_RECORDS_STORE);
        assertThat(late.get(GROUP)).isEqualTo(2L);
    }

    @Test
    void recordWithinGraceStillCounts() {
        pipeFourReconstructions("exp", "r1", "gaussian", 25.0);
        fixture.pipe(reconstruction("exp", "r1", "now", 11_000L, 0, "p1"));
        fixture.latestMetrics();

        fixture.pipe(reconstruction("exp", "r1", "in-grace", 9_000L, 0, "p1"));

        assertThat(fixture.latestMetrics().get(GROUP + "/hopping/0").getCount()).isEqualTo(5L);
        KeyValueStore<String, Long> late = fixture.driver.getKeyValueStore(EvaluatorTopology.LATE_RECORDS_STORE);
        assertThat(late.get(GROUP)).isNull();
    }

    /**
     * Runs at least once: under exactly-once, the test driver clears the open transaction that contains a dead letter
     * sent while a record is decoded. The integration test checks that path on a real broker.
     */
    @Test
    void undecodableRecordGoesToDeadLetter() {
        fixture.close();
        fixture = startFixture(stateDir.resolve("at-least-once"), StreamsConfig.AT_LEAST_ONCE);
        byte[] garbage = "not an avro record".getBytes(StandardCharsets.UTF_8);
        fixture.rawReconstructions.pipeInput("bad-probe".getBytes(StandardCharsets.UTF_8), garbage);
        fixture.pipe(reconstruction("exp", "r1", "good", 1_000L, 0, "p1"));

        var deadLetters = fixture.deadLetters.readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        var deadLetter = deadLetters.get(0);
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("bad-probe");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("BAD_HEADER");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");

        assertThat(fixture.rejections.total()).isEqualTo(1L);
        assertThat(fixture.latestMetrics().get(GROUP + "/cumulative").getCount()).isEqualTo(1L);
    }

    @Test
    void unknownTruthGoesToDeadLetter() {
        Reconstruction unknown = Reconstruction.newBuilder(reconstruction("exp", "r1", "u", 1_000L, 0, "p1"))
                .setTruthPatternId("p404")
                .build();
        byte[] encoded = RecordSerdes.reconstruction().serializer().serialize("t", unknown);

        fixture.pipe(unknown);
        fixture.pipe(reconstruction("exp", "r1", "good", 1_100L, 0, "p1"));

        var deadLetters = fixture.deadLetters.readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        var deadLetter = deadLetters.get(0);
        assertThat(deadLetter.value()).isEqualTo(encoded);
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_TRUTH_PATTERN");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.MESSAGE)).contains("'p404'");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.SERVICE)).isEqualTo("evaluator");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("images.reconstructed");
        assertThat(header(deadLetter.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");

        assertThat(fixture.latestMetrics().get(GROUP + "/cumulative").getCount()).isEqualTo(1L);
    }

    @Test
    void tombstoneGoesToDeadLetter() {
        fixture.reconstructions.pipeInput("gone", null);

        var deadLetters = fixture.deadLetters.readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        assertThat(header(deadLetters.get(0).headers(), DeadLetterHeaders.REASON)).isEqualTo("MISSING_VALUE");
    }

    @Test
    void wrongPixelCountGoesToDeadLetter() {
        Reconstruction small = Reconstruction.newBuilder(reconstruction("exp", "r1", "s", 1_000L, 0, "p1"))
                .setPixels(ByteBuffer.wrap(new byte[12]))
                .build();

        fixture.pipe(small);

        var deadLetters = fixture.deadLetters.readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        assertThat(header(deadLetters.get(0).headers(), DeadLetterHeaders.REASON)).isEqualTo("INVALID_PIXEL_COUNT");
    }

    @Test
    void removedPatternMakesTruthUnknown() {
        fixture.patterns.pipeInput("p1", null);

        fixture.pipe(reconstruction("exp", "r1", "a", 1_000L, 0, "p2"));

        var deadLetters = fixture.deadLetters.readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        assertThat(header(deadLetters.get(0).headers(), DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_TRUTH_PATTERN");
    }

    @Test
    void impossibleValuesGoToDeadLetter() {
        long now = TopologyFixture.WALL_CLOCK.toEpochMilli();
        long skew = ReconstructionChecks.MAX_CLOCK_SKEW.toMillis();
        long future = ReconstructionChecks.MAX_FUTURE.toMillis();
        Map<String, Reconstruction> bad = new LinkedHashMap<>();
        bad.put("zero-created", timed("zero-created", 0L, 1_000L));
        bad.put("negative-created", timed("negative-created", -5L, 1_000L));
        bad.put("retrieved-before-created", timed("retrieved-before-created", 20_000L, 20_000L - skew - 1));
        bad.put("retrieved-in-future", timed("retrieved-in-future", now, now + future + 1));
        bad.put("nan-weight", weighted("nan-weight", Double.NaN));
        bad.put("infinite-weight", weighted("infinite-weight", Double.POSITIVE_INFINITY));
        bad.put("negative-weight", weighted("negative-weight", -0.01));
        bad.put("weight-above-one", weighted("weight-above-one", 1.01));
        bad.put("unknown-retrieved", reconstruction("exp", "r1", "unknown-retrieved", 1_000L, 0, "p404"));
        bad.put("empty-experiment", Reconstruction.newBuilder(reconstruction("exp", "r1", "empty-experiment",
                1_000L, 0, "p1")).setExperimentId("").build());
        bad.put("blank-run", Reconstruction.newBuilder(reconstruction("exp", "r1", "blank-run", 1_000L, 0, "p1"))
                .setRunId(" ").build());
        Map<String, String> expectedReasons = Map.ofEntries(
                Map.entry("zero-created", "INVALID_TIMESTAMP"),
                Map.entry("negative-created", "INVALID_TIMESTAMP"),
                Map.entry("retrieved-before-created", "INVALID_TIMESTAMP"),
                Map.entry("retrieved-in-future", "INVALID_TIMESTAMP"),
                Map.entry("nan-weight", "INVALID_RETRIEVED_WEIGHT"),
                Map.entry("infinite-weight", "INVALID_RETRIEVED_WEIGHT"),
                Map.entry("negative-weight", "INVALID_RETRIEVED_WEIGHT"),
                Map.entry("weight-above-one", "INVALID_RETRIEVED_WEIGHT"),
                Map.entry("unknown-retrieved", "UNKNOWN_RETRIEVED_PATTERN"),
                Map.entry("empty-experiment", "MISSING_ID"),
                Map.entry("blank-run", "MISSING_ID"));

        bad.values().forEach(fixture::pipe);
        fixture.pipe(reconstruction("exp", "r1", "good", 1_000L, 0, "p1"));

        var deadLetters = fixture.deadLetters.readRecordsToList();
        assertThat(deadLetters).hasSize(bad.size());
        for (var deadLetter : deadLetters) {
            String probeId = new String(deadLetter.key(), StandardCharsets.UTF_8);
            assertThat(header(deadLetter.headers(), DeadLetterHeaders.REASON)).as("reason of %s", probeId)
                    .isEqualTo(expectedReasons.get(probeId));
            assertThat(header(deadLetter.headers(), DeadLetterHeaders.MESSAGE)).as("message of %s", probeId)
                    .contains("'" + probeId + "'");
        }
        assertThat(fixture.latestMetrics().get(GROUP + "/cumulative").getCount()).isEqualTo(1L);
    }

    @Test
    void boundaryValuesAreScored() {
        long now = TopologyFixture.WALL_CLOCK.toEpochMilli();
        long skew = ReconstructionChecks.MAX_CLOCK_SKEW.toMillis();
        long future = ReconstructionChecks.MAX_FUTURE.toMillis();

        fixture.pipe(timed("skewed", 20_000L, 20_000L - skew));
        fixture.pipe(weighted("zero-weight", 0.0));
        fixture.pipe(weighted("full-weight", 1.0));
        fixture.pipe(Reconstruction.newBuilder(reconstruction("exp", "r1", "no-retrieved", 1_000L, 0, "p1"))
                .setRetrievedPatternId(null)
                .build());
        fixture.pipe(timed("near-future", now, now + future));

        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.latestMetrics().get(GROUP + "/cumulative").getCount()).isEqualTo(5L);
    }

    private static Reconstruction timed(String probeId, long probeCreatedAtMs, long retrievedAtMs) {
        return Reconstruction.newBuilder(reconstruction("exp", "r1", probeId, 1_000L, 0, "p1"))
                .setProbeCreatedAtMs(probeCreatedAtMs)
                .setRetrievedAtMs(retrievedAtMs)
                .build();
    }

    private static Reconstruction weighted(String probeId, double retrievedWeight) {
        return Reconstruction.newBuilder(reconstruction("exp", "r1", probeId, 1_000L, 0, "p1"))
                .setRetrievedWeight(retrievedWeight)
                .build();
    }

    /** Pipes reconstructions with similarities 1, 0.96875, 0.9375 and 0.5 and latencies 10 to 40 ms. */
    private void pipeFourReconstructions(String experimentId, String runId, String kind, double level) {
        fixture.pipe(withCorruption(reconstruction(experimentId, runId, "a", 1_000L, 0, "p1"), kind, level));
        fixture.pipe(withCorruption(reconstruction(experimentId, runId, "b", 3_000L, 48, "p1"), kind, level));
        fixture.pipe(withCorruption(reconstruction(experimentId, runId, "c", 6_000L, 96, "p2"), kind, level));
        fixture.pipe(withCorruption(reconstruction(experimentId, runId, "d", 7_000L, 768, "p1"), kind, level));
    }

    /**
     * Returns a reconstruction of p1 whose similarity is {@code 1 - flipped / 1536}, retrieved at the given time
     * with a latency of {@code retrievedAtMs / 100} ms.
     */
    private static Reconstruction reconstruction(String experimentId, String runId, String probeId,
            long retrievedAtMs, int flipped, String retrievedPatternId) {
        return Records.reconstruction(experimentId, runId, probeId)
                .setPixels(ByteBuffer.wrap(Records.withCorrelation(flipped)))
                .setRetrievedPatternId(retrievedPatternId)
                .setRetrievedAtMs(retrievedAtMs)
                .setProbeCreatedAtMs(retrievedAtMs - latencyFor(retrievedAtMs))
                .build();
    }

    private static long latencyFor(long retrievedAtMs) {
        if (retrievedAtMs == 1_000L) {
            return 10L;
        }
        if (retrievedAtMs == 3_000L) {
            return 20L;
        }
        if (retrievedAtMs == 6_000L) {
            return 30L;
        }
        if (retrievedAtMs == 7_000L) {
            return 40L;
        }
        return 5L;
    }

    private static Reconstruction withCorruption(Reconstruction reconstruction, String kind, double level) {
        return Reconstruction.newBuilder(reconstruction).setCorruption(Records.corruption(kind, level)).build();
    }

    private static double meanPsnr(int... flipped) {
        double sum = 0;
        for (int count : flipped) {
            sum += count == 0 ? 100.0 : 10 * Math.log10(65025.0 * 3072 / (4.0 * count));
        }
        return sum / flipped.length;
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
