package io.hopfieldstream.launcher.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateSpecTest {

    @Test
    void absoluteRateResolvesToItself() {
        RateSpec rate = RateSpec.parse("450");

        assertThat(rate.relative()).isFalse();
        assertThat(rate.resolve(Double.NaN)).isEqualTo(450.0);
        assertThat(rate).hasToString("450");
    }

    @Test
    void relativeRateMultipliesKernelRate() {
        RateSpec rate = RateSpec.parse(" 1.2X ");

        assertThat(rate.relative()).isTrue();
        assertThat(rate.resolve(500.0)).isEqualTo(600.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rate).hasToString("1.2x");
    }

    @Test
    void maxIsUnlimited() {
        assertThat(RateSpec.parse("max")).isEqualTo(RateSpec.UNLIMITED);
        assertThat(RateSpec.UNLIMITED.resolve(Double.NaN)).isZero();
        assertThat(RateSpec.UNLIMITED).hasToString("max");
    }

    @Test
    void relativeRateWithoutKernelRaises() {
        RateSpec rate = RateSpec.parse("0.5x");

        assertThatThrownBy(() -> rate.resolve(Double.NaN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.5x");
    }

    @Test
    void invalidTextRaises() {
        assertThatThrownBy(() -> RateSpec.parse("fast")).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> RateSpec.parse("-3")).hasMessageContaining("'-3'");
        assertThatThrownBy(() -> RateSpec.parse("0")).hasMessageContaining("'0'").hasMessageContaining("max");
        assertThatThrownBy(() -> RateSpec.parse("0x")).hasMessageContaining("'0x'");
        assertThatThrownBy(() -> RateSpec.parse("NaN")).hasMessageContaining("'NaN'");
    }
}
