package io.hopfieldstream.evaluator.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityMeasureTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void pearsonMatchesTwoPassFormula() {
        for (long seed = 1; seed <= 5; seed++) {
            byte[] first = Images.random(seed);
            byte[] second = Images.random(seed + 100);
            byte[] related = Images.affine(first, 0.5, 40);

            assertThat(SimilarityMeasure.PEARSON.similarity(first, second))
                    .isCloseTo(Images.pearson(first, second), within(TOLERANCE));
            assertThat(SimilarityMeasure.PEARSON.similarity(first, related))
                    .isCloseTo(Images.pearson(first, related), within(TOLERANCE));
        }
    }

    @Test
    void pearsonIgnoresBrightnessAndContrast() {
        byte[] original = Images.affine(Images.random(7), 0.49, 0);
        byte[] brighter = Images.affine(original, 1.0, 60);
        byte[] scaled = Images.affine(original, 2.0, 0);

        assertThat(SimilarityMeasure.PEARSON.similarity(original, brighter)).isEqualTo(1.0);
        assertThat(SimilarityMeasure.PEARSON.similarity(original, scaled)).isEqualTo(1.0);
    }

    @Test
    void pearsonOfNegativeImageIsMinusOne() {
        byte[] original = Images.random(3);
        byte[] negative = Images.affine(original, -1.0, 255);

        assertThat(SimilarityMeasure.PEARSON.similarity(original, negative)).isEqualTo(-1.0);
    }

    @Test
    void pearsonOfIdenticalImagesIsOne() {
        byte[] image = Images.random(11);

        assertThat(SimilarityMeasure.PEARSON.similarity(image, image.clone())).isEqualTo(1.0);
    }

    @Test
    void pearsonOfConstantImages() {
        assertThat(SimilarityMeasure.PEARSON.similarity(Images.constant(90), Images.constant(90))).isEqualTo(1.0);
        assertThat(SimilarityMeasure.PEARSON.similarity(Images.constant(90), Images.constant(91))).isEqualTo(0.0);
        assertThat(SimilarityMeasure.PEARSON.similarity(Images.constant(0), Images.random(1))).isEqualTo(0.0);
        assertThat(SimilarityMeasure.PEARSON.similarity(Images.random(1), Images.constant(255))).isEqualTo(0.0);
    }

    @Test
    void cosineMatchesDirectFormula() {
        for (long seed = 1; seed <= 5; seed++) {
            byte[] first = Images.random(seed);
            byte[] second = Images.random(seed + 100);

            assertThat(SimilarityMeasure.COSINE.similarity(first, second))
                    .isCloseTo(Images.cosine(first, second), within(TOLERANCE));
        }
    }

    @Test
    void cosineOfConstantImages() {
        assertThat(SimilarityMeasure.COSINE.similarity(Images.constant(0), Images.constant(0))).isEqualTo(1.0);
        assertThat(SimilarityMeasure.COSINE.similarity(Images.constant(0), Images.random(2))).isEqualTo(0.0);
        assertThat(SimilarityMeasure.COSINE.similarity(Images.constant(20), Images.constant(200))).isEqualTo(1.0);
    }

    @Test
    void similarityRejectsLengthMismatch() {
        assertThatThrownBy(() -> SimilarityMeasure.PEARSON.similarity(new byte[3], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 and 4");
    }

    @Test
    void fromIdParsesNames() {
        assertThat(SimilarityMeasure.fromId("Pearson")).isEqualTo(SimilarityMeasure.PEARSON);
        assertThat(SimilarityMeasure.fromId(" cosine ")).isEqualTo(SimilarityMeasure.COSINE);
        assertThatThrownBy(() -> SimilarityMeasure.fromId("euclid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pearson' or 'cosine'");
    }
}
