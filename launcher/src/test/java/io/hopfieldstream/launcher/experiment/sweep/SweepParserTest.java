package io.hopfieldstream.launcher.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.retriever.retrieval.Normalization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepParserTest {

    private static final String SMALL = """
            name: small
            title: A small sweep
            seed: 7
            base:
              memory: test:mixed:500
              corruption: gaussian:25
              beta: 16
              probes: 50
            series:
              - name: noise
                title: Noise
                vary:
                  corruption: [gaussian:10, gaussian:50]
                  maskAware: [false, true]
                metrics: [accuracy, similarityLoss]
              - name: listed
                title: Listed
                set: {normalization: center}
                points:
                  - {beta: 8}
                  - {beta: 64, fill: known-mean, corruption: lower-half}
            replays:
              - name: again
                title: Again
                series: listed
                point: 2
                runs: [{beta: 128}, {iterations: 3}]
            """;

    @Test
    void parsesBaseSeriesAndReplays() {
        SweepDefinition sweep = SweepParser.parse(SMALL, "test");

        assertThat(sweep.name()).isEqualTo("small");
        assertThat(sweep.seed()).isEqualTo(7);
        assertThat(sweep.base().memory()).isEqualTo(MemorySpec.parse("test:mixed:500"));
        assertThat(sweep.base().beta()).isEqualTo(16.0);
        assertThat(sweep.base().probes()).isEqualTo(50);
        assertThat(sweep.base().iterations()).as("unset values keep the defaults").isEqualTo(1);
        assertThat(sweep.base().normalization()).isEqualTo(Normalization.CENTER_UNIT);

        SeriesDefinition noise = sweep.series("noise");
        assertThat(noise.vary()).containsExactly(
                Map.entry(Dimension.CORRUPTION, List.of("gaussian:10", "gaussian:50")),
                Map.entry(Dimension.MASK_AWARE, List.of(false, true)));
        assertThat(noise.metrics()).containsExactly(Metric.ACCURACY, Metric.SIMILARITY_LOSS);
        assertThat(noise.plot()).isEqualTo("noise");

        SeriesDefinition listed = sweep.series("listed");
        assertThat(listed.points()).hasSize(2);
        assertThat(listed.points().get(1)).containsEntry(Dimension.FILL, ProbeFill.KNOWN_MEAN);
        assertThat(listed.set()).containsEntry(Dimension.NORMALIZATION, Normalization.CENTER);
        assertThat(listed.metrics()).as("a listed series draws no chart unless asked").isEmpty();

        assertThat(sweep.replays()).hasSize(1);
        assertThat(sweep.replays().get(0).point()).isEqualTo(2);
        assertThat(sweep.replays().get(0).runs()).containsExactly(Map.of(Dimension.BETA, 128.0),
                Map.of(Dimension.ITERATIONS, 3));
        assertThat(sweep.source()).isEqualTo(SMALL);
    }

    @Test
    void defaultSweepParses() {
        SweepDefinition sweep = SweepParser.readResource("/experiments/default-sweep.yaml");

        assertThat(sweep.name()).isEqualTo("default");
        assertThat(sweep.series()).extracting(SeriesDefinition::name).contains("small-memory", "size-mixed",
                "noise", "masks", "beta", "reference");
        assertThat(sweep.replays()).hasSize(1);
    }

    @Test
    void unknownKeyNamesItsPlace() {
        String yaml = SMALL.replace("    metrics: [accuracy, similarityLoss]", "    metric: [accuracy]");

        assertThatThrownBy(() -> SweepParser.parse(yaml, "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("file.yaml")
                .hasMessageContaining("series[1] 'noise'")
                .hasMessageContaining("unknown key 'metric'");
    }

    @Test
    void unknownSettingIsRejected() {
        String yaml = SMALL.replace("beta: 16", "betta: 16");

        assertThatThrownBy(() -> SweepParser.parse(yaml, "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("base")
                .hasMessageContaining("unknown setting 'betta'");
    }

    @Test
    void invalidValueNamesItsPosition() {
        String yaml = SMALL.replace("[gaussian:10, gaussian:50]", "[gaussian:10, gaussain:50]");

        assertThatThrownBy(() -> SweepParser.parse(yaml, "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("vary > corruption[2]")
                .hasMessageContaining("unknown step 'gaussain'");
    }

    @Test
    void invalidBaseSettingIsRejected() {
        String yaml = SMALL.replace("beta: 16", "beta: -1");

        assertThatThrownBy(() -> SweepParser.parse(yaml, "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("Invalid beta -1.0");
    }

    @Test
    void threeVariedSettingsAreRejected() {
        String yaml = SMALL.replace("      maskAware: [false, true]", "      maskAware: [false, true]\n      beta: [1, 2]");

        assertThatThrownBy(() -> SweepParser.parse(yaml, "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("at most 2");
    }

    @Test
    void replayOfMemoryIsRejected() {
        String yaml = SMALL.replace("runs: [{beta: 128}, {iterations: 3}]", "runs: [{memorySize: 100}]");

        assertThatThrownBy(() -> SweepParser.parse(yaml, "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("changes memorySize");
    }

    @Test
    void replayOfUnknownSeriesIsRejected() {
        String yaml = SMALL.replace("series: listed", "series: missing");

        assertThatThrownBy(() -> SweepParser.parse(yaml, "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("names series 'missing'");
    }

    @Test
    void malformedYamlIsReported() {
        assertThatThrownBy(() -> SweepParser.parse("name: [unclosed", "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("Invalid YAML in file.yaml");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> SweepParser.parse("name: a\nname: b\nseries: []", "file.yaml"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("Invalid YAML");
    }
}
