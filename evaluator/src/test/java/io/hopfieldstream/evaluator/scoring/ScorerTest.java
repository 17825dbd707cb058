package io.hopfieldstream.evaluator.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hopfieldstream.evaluator.testing.Records;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class ScorerTest {

    private final Scorer scorer = new Scorer(SimilarityMeasure.PEARSON, 0.95);
    private final MemoryPattern original = Records.pattern("p1", Records.base());

    @Test
    void scoreOfCorrectExactMatch() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-1")
                .setPixels(ByteBuffer.wrap(Records.withCorrelation(48)))
                .setAttentionSpread(2)
                .build();

        ScoredReconstruction scored = scorer.score(reconstruction, original);

        assertThat(scored.isScored()).isTrue();
        assertThat(scored.score().similarity()).isEqualTo(0.96875);
        assertThat(scored.score().correct()).isTrue();
        assertThat(scored.score().exactMatch()).isTrue();
        assertThat(scored.score().psnrDb()).isCloseTo(10 * Math.log10(65025.0 * 3072 / (4 * 48)), within(1e-12));
        assertThat(scored.latencyMs()).isEqualTo(10L);
        assertThat(scored.attentionSpread()).isEqualTo(2);
        assertThat(scored.corruptionKind()).isEqualTo("gaussian");
        assertThat(scored.corruptionLevel()).isEqualTo(25.0);
    }

    @Test
    void scoreBelowThresholdWithOtherPattern() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-2")
                .setPixels(ByteBuffer.wrap(Records.withCorrelation(96)))
                .setRetrievedPatternId("p9")
                .build();

        ReconstructionScore score = scorer.score(reconstruction, original).score();

        assertThat(score.similarity()).isEqualTo(0.9375);
        assertThat(score.correct()).isFalse();
        assertThat(score.exactMatch()).isFalse();
    }

    @Test
    void scoreAtThresholdIsCorrect() {
        Scorer atThreshold = new Scorer(SimilarityMeasure.PEARSON, 0.96875);
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-3")
                .setPixels(ByteBuffer.wrap(Records.withCorrelation(48)))
                .build();

        assertThat(atThreshold.score(reconstruction, original).score().correct()).isTrue();
    }

    @Test
    void scoreWithoutTruthIsUnscored() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-4")
                .setTruthPatternId(null)
                .build();

        ScoredReconstruction scored = scorer.score(reconstruction, null);

        assertThat(scored.isScored()).isFalse();
        assertThat(scored.latencyMs()).isEqualTo(10L);
    }

    @Test
    void scoreOfUnknownTruthIsRejected() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-5")
                .setTruthPatternId("missing")
                .build();

        assertThatThrownBy(() -> scorer.score(reconstruction, null))
                .isInstanceOf(RejectedReconstructionException.class)
                .hasMessageContaining("'missing'")
                .extracting(e -> ((RejectedReconstructionException) e).reason())
                .isEqualTo(RejectionReason.UNKNOWN_TRUTH_PATTERN);
    }

    @Test
    void scoreOfWrongPixelCountIsRejected() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-6")
                .setPixels(ByteBuffer.wrap(new byte[100]))
                .build();

        assertThatThrownBy(() -> scorer.score(reconstruction, original))
                .isInstanceOf(RejectedReconstructionException.class)
                .hasMessageContaining("100 pixel values")
                .extracting(e -> ((RejectedReconstructionException) e).reason())
                .isEqualTo(RejectionReason.INVALID_PIXEL_COUNT);
    }

    @Test
    void scoreAgainstInvalidStoredPatternIsRejected() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-7").build();
        MemoryPattern broken = Records.pattern("p1", new byte[10]);

        assertThatThrownBy(() -> scorer.score(reconstruction, broken))
                .isInstanceOf(RejectedReconstructionException.class)
                .extracting(e -> ((RejectedReconstructionException) e).reason())
                .isEqualTo(RejectionReason.INVALID_STORED_PATTERN);
    }

    @Test
    void latencyIsClampedAtZero() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-8")
                .setProbeCreatedAtMs(5_000L)
                .setRetrievedAtMs(4_000L)
                .build();

        assertThat(Scorer.latencyMs(reconstruction)).isZero();
    }

    @Test
    void scorerKeepsPixelBufferReadable() {
        Reconstruction reconstruction = Records.reconstruction("e", "r", "probe-9").build();

        scorer.score(reconstruction, original);

        assertThat(reconstruction.getPixels().remaining()).isEqualTo(Records.PIXELS);
    }

    @Test
    void scorerRejectsInvalidThreshold() {
        assertThatThrownBy(() -> new Scorer(SimilarityMeasure.PEARSON, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1..1");
        assertThatThrownBy(() -> new Scorer(SimilarityMeasure.PEARSON, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
