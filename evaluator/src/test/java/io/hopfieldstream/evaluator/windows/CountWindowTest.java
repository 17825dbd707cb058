package io.hopfieldstream.evaluator.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.evaluator.scoring.ReconstructionScore;
import io.hopfieldstream.evaluator.scoring.ScoreSample;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class CountWindowTest {

    @Test
    void fullWindowDropsOldest() {
        CountWindow window = new CountWindow();
        for (int i = 1; i <= 5; i++) {
            window.add(sample(i * 100L, 0.25 * (i - 1), i % 2 == 0), 3);
        }

        assertThat(window.size()).isEqualTo(3);
        assertThat(window.samples()).extracting(ScoreSample::retrievedAtMs).containsExactly(300L, 400L, 500L);

        MetricsAccumulator totals = window.totals();
        assertThat(totals.count()).isEqualTo(3L);
        assertThat(totals.similarityLoss()).isEqualTo(0.5 + 0.25 + 0.0);
        assertThat(totals.meanSimilarity()).isEqualTo(0.75);
        assertThat(totals.exactMatchCount()).isEqualTo(1L);
        assertThat(totals.firstRetrievedAtMs()).isEqualTo(300L);
        assertThat(totals.lastRetrievedAtMs()).isEqualTo(500L);
    }

    @Test
    void unscoredSamplesTakeSlots() {
        CountWindow window = new CountWindow();
        window.add(sample(1L, 1.0, true), 2);
        window.add(new ScoreSample(2L, 5L, 1, null), 2);
        window.add(new ScoreSample(3L, 5L, 1, null), 2);

        MetricsAccumulator totals = window.totals();
        assertThat(totals.count()).isZero();
        assertThat(totals.unscoredCount()).isEqualTo(2L);
        assertThat(totals.accuracy()).isZero();
    }

    @Test
    void smallerSizeTrimsOnNextAdd() {
        CountWindow window = new CountWindow();
        for (int i = 0; i < 10; i++) {
            window.add(sample(i, 1.0, true), 10);
        }
        window.add(sample(10, 1.0, true), 4);

        assertThat(window.samples()).extracting(ScoreSample::retrievedAtMs).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void windowRoundTrips() throws IOException {
        CountWindow window = new CountWindow();
        window.add(sample(1L, 0.5, false), 5);
        window.add(new ScoreSample(2L, 9L, 4, null), 5);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        window.writeTo(new DataOutputStream(bytes));
        CountWindow copy = CountWindow.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(copy.samples()).isEqualTo(window.samples());
    }

    @Test
    void sizeOutOfRangeIsRejected() {
        assertThatThrownBy(() -> new CountWindow().add(sample(1L, 1.0, true), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..100000");
    }

    private static ScoreSample sample(long retrievedAtMs, double similarity, boolean exact) {
        return new ScoreSample(retrievedAtMs, 10L, 1,
                new ReconstructionScore(similarity, similarity >= 0.95, exact, 30.0));
    }
}
