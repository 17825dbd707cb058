package io.hopfieldstream.schemas.serde;

import java.nio.ByteBuffer;
import java.util.Random;

import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.WindowMetrics;

/** Records with every field set to a distinct value, for round-trip and evolution tests. */
final class SampleRecords {

    private SampleRecords() {
    }

    static ByteBuffer pixels(long seed) {
        byte[] pixels = new byte[Topics.PIXELS_PER_IMAGE];
        new Random(seed).nextBytes(pixels);
        return ByteBuffer.wrap(pixels);
    }

    static Corruption corruption() {
        return Corruption.newBuilder()
                .setKind("gaussian+centre-rectangle")
                .setLevel(25.0)
                .setSpec("gaussian:25+centre-rectangle:0.25")
                .setSeed(-8_123_456_789L)
                .build();
    }

    static MemoryPattern memoryPattern() {
        return MemoryPattern.newBuilder()
                .setPatternId("test-00042")
                .setLabel(7)
                .setSplit("test")
                .setSourceIndex(42)
                .setPixels(pixels(1))
                .build();
    }

    static Probe probe() {
        byte[] mask = new byte[Topics.PIXELS_PER_IMAGE];
        for (int i = 0; i < mask.length; i += 3) {
            mask[i] = 1;
        }
        return Probe.newBuilder()
                .setExperimentId("exp-1")
                .setProbeId("exp-1-000123")
                .setProbeIndex(123)
                .setTruthPatternId("test-00042")
                .setLabel(7)
                .setCorruption(corruption())
                .setKnownMask(ByteBuffer.wrap(mask))
                .setPixels(pixels(2))
                .setCreatedAtMs(1_764_000_000_123L)
                .build();
    }

    static Probe probeWithoutTruthOrMask() {
        return Probe.newBuilder(probe()).setTruthPatternId(null).setKnownMask(null).build();
    }

    static Reconstruction reconstruction() {
        return Reconstruction.newBuilder()
                .setExperimentId("exp-1")
                .setRunId("run-beta8")
                .setProbeId("exp-1-000123")
                .setTruthPatternId("test-00042")
                .setLabel(7)
                .setRetrievedPatternId("test-00042")
                .setRetrievedWeight(0.987)
                .setAttentionSpread(3)
                .setIterations(2)
                .setConverged(true)
                .setPixels(pixels(3))
                .setCorruption(corruption())
                .setProbeCreatedAtMs(1_764_000_000_123L)
                .setRetrievedAtMs(1_764_000_000_456L)
                .build();
    }

    static WindowMetrics windowMetrics() {
        return WindowMetrics.newBuilder()
                .setExperimentId("exp-1")
                .setRunId("run-beta8")
                .setCorruptionKind("gaussian")
                .setCorruptionLevel(25.0)
                .setWindowType("hopping")
                .setWindowStartMs(1_764_000_000_000L)
                .setWindowEndMs(1_764_000_010_000L)
                .setCount(200)
                .setCorrectCount(190)
                .setAccuracy(0.95)
                .setSimilarityLoss(4.5)
                .setMeanSimilarity(0.9775)
                .setExactMatchRate(0.9)
                .setMeanPsnr(31.5)
                .setLatencyP50Ms(12.0)
                .setLatencyP95Ms(30.0)
                .setLatencyP99Ms(48.5)
                .setUnscoredCount(5)
                .setMeanAttentionSpread(1.25)
                .setThreshold(0.9)
                .setSimilarity("cosine")
                .setEmittedAtMs(1_764_000_010_050L)
                .build();
    }
}
