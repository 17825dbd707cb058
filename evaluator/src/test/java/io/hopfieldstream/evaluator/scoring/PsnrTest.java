package io.hopfieldstream.evaluator.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PsnrTest {

    @Test
    void psnrMatchesDirectFormula() {
        byte[] first = Images.random(1);
        byte[] second = Images.random(2);

        assertThat(Psnr.decibels(first, second)).isCloseTo(Images.psnr(first, second), within(1e-12));
    }

    @Test
    void psnrOfIdenticalImagesIsCapped() {
        byte[] image = Images.random(5);

        assertThat(Psnr.decibels(image, image.clone())).isEqualTo(Psnr.MAX_DB);
        assertThat(Psnr.decibels(Images.constant(0), Images.constant(0))).isEqualTo(Psnr.MAX_DB);
    }

    @Test
    void psnrOfOnePixelOffByOne() {
        byte[] original = Images.constant(100);
        byte[] reconstruction = original.clone();
        reconstruction[17] = 101;

        double expected = 10 * Math.log10(255.0 * 255.0 * 3072);
        assertThat(Psnr.decibels(original, reconstruction)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(83.0, within(0.01));
    }

    @Test
    void psnrOfBlackAgainstWhiteIsZero() {
        assertThat(Psnr.decibels(Images.constant(0), Images.constant(255))).isEqualTo(0.0);
    }

    @Test
    void psnrOfUniformErrorOfTen() {
        double expected = 10 * Math.log10(255.0 * 255.0 / 100.0);

        assertThat(Psnr.decibels(Images.constant(50), Images.constant(60))).isCloseTo(expected, within(1e-12));
    }
}
