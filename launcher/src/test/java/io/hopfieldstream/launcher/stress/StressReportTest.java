package io.hopfieldstream.launcher.stress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StressReportTest {

    private static final LatencySummary LATENCY = new LatencySummary(100, 120, 180, 200, 250, 300, 130.0);
    private static final LatencySummary NO_LATENCY = new LatencySummary(0, 0, 0, 0, 0, 0, 0.0);

    @Test
    void producerOnlyHeaderLeavesOutRetrieval() {
        String summary = summaryOf("producer-only", 0);

        String header = headerOf(summary);
        assertTrue(header.contains("Stress run exp-1 (producer-only): embedded broker, gaussian:25"), header);
        assertFalse(header.contains("batches of"), header);
        assertFalse(header.contains("memory of"), header);
        assertFalse(header.contains("retriever(s)"), header);
        assertTrue(summary.contains("Producer: 5000.0 probes/s"), summary);
    }

    @Test
    void phaseWithoutReconstructionsShowsNoLatency() {
        StressResult.PhaseResult phase = new StressResult.PhaseResult(0, "fixed", "fixed", 5000, 0, 20, 5000, 0,
                5000, 0, -1, -1, NO_LATENCY, NO_LATENCY, null, null, 1.2, Map.of(), 0, 0, 0);

        String summary = summaryOf("producer-only", 0, phase);

        String row = summary.lines().filter(line -> line.startsWith("fixed")).findFirst().orElse("");
        assertTrue(row.matches("fixed\\s+5000/s\\s+5000\\.0\\s+0\\.0\\s+-\\s+-\\s+-\\s+-\\s*"), row);
    }

    @Test
    void rampHeaderNamesMemoryBatchAndRetrievers() {
        String summary = summaryOf("ramp", 1);

        String header = headerOf(summary);
        assertTrue(header.contains("memory of 1000, batches of 256,"), header);
        assertTrue(header.contains(" 1 retriever(s),"), header);
        assertTrue(header.contains("4 partitions"), header);
        assertTrue(summary.contains("Sustained: 5000.0 images/s"), summary);
    }

    @Test
    void fixedPhaseDrainingBacklogIsFlagged() {
        StressResult.PhaseResult phase = new StressResult.PhaseResult(1, "fixed", "fixed", 1000, 2, 10, 886.5, 1034.2,
                886.5, 1034.2, 0, 0, LATENCY, LATENCY, null, null, 1.9, Map.of(), 40, 0.9, 0.1);

        String summary = summaryOf("fixed", 1, phase);

        assertTrue(summary.contains("Phase fixed reconstructed 1034.2/s but acknowledged only 886.5/s"), summary);
    }

    @Test
    void fixedPhaseKeepingPaceIsNotFlagged() {
        StressResult.PhaseResult phase = new StressResult.PhaseResult(1, "fixed", "fixed", 1000, 2, 10, 1000, 1010,
                1000, 1010, 0, 0, LATENCY, LATENCY, null, null, 1.9, Map.of(), 40, 0.9, 0.1);

        String summary = summaryOf("fixed", 1, phase);

        assertFalse(summary.contains("drained a backlog"), summary);
    }

    private static String headerOf(String summary) {
        return summary.lines().filter(line -> line.startsWith("Stress run")).findFirst().orElse("");
    }

    private static String summaryOf(String mode, int retrievers) {
        StressResult.PhaseResult phase = new StressResult.PhaseResult(0, "step-1", "step", 5000, 0, 20, 5000, 5000,
                5000, 5000, 0, 0, LATENCY, LATENCY, Boolean.TRUE, "kept up", 1.8, Map.of(), 100, 0.8, 0.2);
        return summaryOf(mode, retrievers, phase);
    }

    private static String summaryOf(String mode, int retrievers, StressResult.PhaseResult phase) {
        StressResult.RunInfo run = new StressResult.RunInfo("exp-1", "2026-12-05T00:00:00Z", "embedded", mode, 1000,
                256, 50, 32.0, List.of("gaussian:25"), 4, retrievers, "retriever-group", 2, "17", 0.5, 1.5,
                "corrupted pass");
        StressResult.Totals totals = new StressResult.Totals(100_000, 100_000, 0, 0, Map.of(), 100_000, 0, Map.of(), 0,
                0, 100_000, 100_000, 0, 0, List.of());
        StressResult.Summary summary = new StressResult.Summary(5000, Double.NaN, 5000, "step-1", LATENCY, Double.NaN,
                LATENCY, 15.0);
        StressResult result = new StressResult(run, null, List.of(phase), List.of(), totals, summary);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StressReport.printSummary(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
