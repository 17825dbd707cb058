package io.hopfieldstream.launcher.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemorySpecTest {

    @Test
    void parsesMixedAndOneClass() {
        MemorySpec mixed = MemorySpec.parse("test:mixed:1000");
        MemorySpec cats = MemorySpec.parse(" Train:CAT:5_000 ");

        assertThat(mixed.source()).isEqualTo(MemorySource.TEST);
        assertThat(mixed.singleClass()).isFalse();
        assertThat(mixed.size()).isEqualTo(1000);
        assertThat(cats.label()).isEqualTo(3);
        assertThat(cats.size()).isEqualTo(5000);
        assertThat(cats.text()).isEqualTo("train:cat:5000");
        assertThat(cats.describe()).isEqualTo("5,000 cat training images");
        assertThat(MemorySpec.parse(cats.text())).isEqualTo(cats);
    }

    @Test
    void labelNumberIsAClass() {
        assertThat(MemorySpec.parse("all:0:6000").classes()).isEqualTo("airplane");
    }

    @Test
    void sizeBeyondSourceIsRejected() {
        assertThatThrownBy(() -> MemorySpec.parse("test:mixed:10001"))
                .hasMessageContaining("expected 1..10000");
        assertThatThrownBy(() -> MemorySpec.parse("train:dog:5001"))
                .hasMessageContaining("expected 1..5000");
        assertThat(MemorySpec.parse("all:dog:6000").size()).isEqualTo(6000);
    }

    @Test
    void malformedSpecNamesTheSyntax() {
        assertThatThrownBy(() -> MemorySpec.parse("test:1000"))
                .hasMessageContaining("SOURCE:CLASSES:SIZE");
        assertThatThrownBy(() -> MemorySpec.parse("valid:mixed:10"))
                .hasMessageContaining("expected train, test or all");
        assertThatThrownBy(() -> MemorySpec.parse("test:unicorn:10"))
                .hasMessageContaining("Unknown CIFAR-10 class 'unicorn'");
    }
}
