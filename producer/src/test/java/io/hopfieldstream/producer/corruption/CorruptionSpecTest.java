package io.hopfieldstream.producer.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.hopfieldstream.schemas.Corruption;

class CorruptionSpecTest {

    @ParameterizedTest
    @CsvSource({
            "gaussian:25,              gaussian:25,                       gaussian,                  25",
            "salt-and-pepper:0.1,      salt-and-pepper:0.1,               salt-and-pepper,           0.1",
            "lower-half,               lower-half,                        lower-half,                0.5",
            "upper-half,               upper-half,                        upper-half,                0.5",
            "centre-rectangle:0.25,    centre-rectangle:0.25,             centre-rectangle,          0.25",
            "center-rectangle:0.25,    centre-rectangle:0.25,             centre-rectangle,          0.25",
            "random-rectangle:0.25,    random-rectangle:0.25,             random-rectangle,          0.25",
            "dropout:0.5,              dropout:0.5,                       dropout,                   0.5",
            "none,                     none,                              none,                      0",
            "gaussian:25+lower-half,   gaussian:25+lower-half,            gaussian+lower-half,       25",
            "lower-half+gaussian:10,   lower-half+gaussian:10,            lower-half+gaussian,       0.5",
            "' Gaussian:25.0 + LOWER-HALF ', gaussian:25+lower-half,      gaussian+lower-half,       25",
            "dropout:0.50+salt-and-pepper:0.05, dropout:0.5+salt-and-pepper:0.05, dropout+salt-and-pepper, 0.5",
    })
    void parseSpec(String text, String spec, String kind, double level) {
        CorruptionSpec parsed = CorruptionSpec.parse(text);

        assertThat(parsed.spec()).isEqualTo(spec);
        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.level()).isEqualTo(level);
        assertThat(CorruptionSpec.parse(parsed.spec())).isEqualTo(parsed);
    }

    @Test
    void parseMaskFlag() {
        assertThat(CorruptionSpec.parse("gaussian:25").hasMask()).isFalse();
        assertThat(CorruptionSpec.parse("salt-and-pepper:0.2").hasMask()).isFalse();
        assertThat(CorruptionSpec.parse("none").hasMask()).isFalse();
        assertThat(CorruptionSpec.parse("gaussian:25+dropout:0.1").hasMask()).isTrue();
        assertThat(CorruptionSpec.parse("upper-half").hasMask()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                       | the spec is empty",
            "gaussian                 | step 'gaussian' needs a value, for example gaussian:25",
            "gaussian:                | step 'gaussian:' needs a value, for example gaussian:25",
            "dropout                  | step 'dropout' needs a value, for example dropout:0.25",
            "gaussian:abc             | SIGMA 'abc' of step 'gaussian:abc' is not a number",
            "gaussian:NaN             | SIGMA 'NaN' of step 'gaussian:NaN' is not a finite number",
            "gaussian:-1              | gaussian sigma must be within 0..255 pixel levels, got -1.0",
            "gaussian:300             | gaussian sigma must be within 0..255 pixel levels, got 300.0",
            "salt-and-pepper:1.5      | salt-and-pepper fraction must be within 0..1, got 1.5",
            "centre-rectangle:-0.1    | centre-rectangle fraction must be within 0..1, got -0.1",
            "lower-half:0.5           | step 'lower-half' takes no value, got 'lower-half:0.5'",
            "blur:3                   | unknown step 'blur'",
            "none+gaussian:5          | 'none' cannot be combined with other steps",
            "gaussian:25+             | empty step between '+' signs",
            "gaussian:25++lower-half  | empty step between '+' signs",
    })
    void parseRejectsBadSpec(String text, String problem) {
        assertThatThrownBy(() -> CorruptionSpec.parse(text))
                .isInstanceOf(CorruptionSpecException.class)
                .hasMessageStartingWith("Invalid corruption spec '" + text + "': " + problem + "; expected steps")
                .hasMessageContaining("for example gaussian:25+lower-half");
    }

    @Test
    void recordCarriesKindLevelSpecSeed() {
        Corruption record = CorruptionSpec.parse("gaussian:10+centre-rectangle:0.25").toRecord(1234L);

        assertThat(record.getKind()).isEqualTo("gaussian+centre-rectangle");
        assertThat(record.getLevel()).isEqualTo(10.0);
        assertThat(record.getSpec()).isEqualTo("gaussian:10+centre-rectangle:0.25");
        assertThat(record.getSeed()).isEqualTo(1234L);
    }

    @Test
    void noneKeepsImage() {
        byte[] pixels = new byte[3072];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }

        CorruptedImage image = CorruptionSpec.none().apply(pixels, 99L);

        assertThat(image.pixels()).isEqualTo(pixels).isNotSameAs(pixels);
        assertThat(image.knownMask()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 0", "0.25, 16, 16", "0.5, 16, 32", "0.1, 10, 10", "0.75, 24, 32", "1, 32, 32", "0.01, 3, 3"})
    void rectangleShapeForFraction(double fraction, int height, int width) {
        RectangleShape shape = RectangleShape.forAreaFraction(fraction);

        assertThat(shape.height()).isEqualTo(height);
        assertThat(shape.width()).isEqualTo(width);
    }

    @Test
    void rectangleShapeNearestArea() {
        for (int percent = 0; percent <= 100; percent++) {
            int target = (int) Math.round(percent / 100.0 * 1024);
            RectangleShape shape = RectangleShape.forAreaFraction(percent / 100.0);

            int maxMiss = percent <= 75 ? 4 : 16;
            assertThat(Math.abs(shape.area() - target)).as("area miss at %d%%", percent).isLessThanOrEqualTo(maxMiss);
            assertThat(shape.height()).as("height at %d%%", percent).isLessThanOrEqualTo(shape.width());
            assertThat(shape.width()).as("width at %d%%", percent).isLessThanOrEqualTo(Math.min(32, 2 * shape.height()));
        }
    }
}
