package io.hopfieldstream.launcher.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepExpansionTest {

    private static SweepPlan expand(String seriesYaml) {
        String yaml = """
                name: expansion
                seed: 3
                base:
                  memory: test:mixed:1000
                  corruption: gaussian:25
                  probes: 200
                series:
                """ + seriesYaml;
        return SweepExpansion.expand(SweepParser.parse(yaml, "test"), "expansion-1");
    }

    @Test
    void oneDimensionGivesOnePointPerValue() {
        SweepPlan plan = expand("""
                  - name: beta
                    vary: {beta: [8, 32, 128]}
                """);

        assertThat(plan.points()).hasSize(3);
        assertThat(plan.points()).extracting(point -> point.settings().beta()).containsExactly(8.0, 32.0, 128.0);
        assertThat(plan.points()).extracting(SweepPoint::experimentId)
                .containsExactly("expansion-1-p001", "expansion-1-p002", "expansion-1-p003");
        assertThat(plan.series().get(0).entries()).extracting(SeriesEntry::line).containsOnly("");
        assertThat(plan.series().get(0).entries()).extracting(SeriesEntry::x).containsExactly(8.0, 32.0, 128.0);
    }

    @Test
    void twoDimensionsGiveEveryCombination() {
        SweepPlan plan = expand("""
                  - name: grid
                    vary:
                      memorySize: [100, 500]
                      corruption: [gaussian:10, gaussian:50]
                """);

        assertThat(plan.points()).hasSize(4);
        assertThat(plan.series().get(0).entries()).extracting(SeriesEntry::line)
                .containsExactly("gaussian:10", "gaussian:10", "gaussian:50", "gaussian:50");
        assertThat(plan.points()).extracting(point -> point.settings().memory().text())
                .containsExactly("test:mixed:100", "test:mixed:500", "test:mixed:100", "test:mixed:500");
    }

    @Test
    void probesNeverExceedMemorySize() {
        SweepPlan plan = expand("""
                  - name: sizes
                    vary: {memorySize: [50, 1000]}
                """);

        assertThat(plan.points()).extracting(point -> point.settings().probes()).containsExactly(50, 200);
    }

    @Test
    void linesAddOneLineEach() {
        SweepPlan plan = expand("""
                  - name: beta
                    vary: {beta: [8, 32]}
                    lines:
                      - {corruption: lower-half, maskAware: false}
                      - {corruption: lower-half, maskAware: true}
                """);

        assertThat(plan.points()).hasSize(4);
        assertThat(plan.series().get(0).entries()).extracting(SeriesEntry::line).containsExactly(
                "lower-half, plain", "lower-half, plain", "lower-half, mask-aware", "lower-half, mask-aware");
    }

    @Test
    void corruptionKindsSplitLines() {
        SweepPlan plan = expand("""
                  - name: masks
                    vary:
                      corruption: [lower-half, dropout:0.5]
                """);

        assertThat(plan.series().get(0).entries()).extracting(SeriesEntry::line)
                .containsExactly("lower-half", "dropout");
    }

    @Test
    void samePointInTwoSeriesRunsOnce() {
        SweepPlan plan = expand("""
                  - name: noise
                    vary: {corruption: [gaussian:25, gaussian:50]}
                  - name: beta
                    vary: {beta: [32, 64]}
                """);

        assertThat(plan.points()).as("the base point is in both series").hasSize(3);
        assertThat(plan.series().get(1).entries().get(0).point())
                .isSameAs(plan.series().get(0).entries().get(0).point());
    }

    @Test
    void retrievalSettingsKeepTheProbes() {
        SweepPlan plan = expand("""
                  - name: beta
                    vary: {beta: [8, 32]}
                  - name: noise
                    vary: {corruption: [gaussian:50]}
                """);

        List<SweepPoint> points = plan.points();
        assertThat(points.get(0).probeSeed()).as("beta 8 and beta 32 probe the same images")
                .isEqualTo(points.get(1).probeSeed());
        assertThat(points.get(2).probeSeed()).as("another corruption gets other probes")
                .isNotEqualTo(points.get(0).probeSeed());
    }

    @Test
    void executionGroupsMemoriesAndSettings() {
        SweepPlan plan = expand("""
                  - name: mixed
                    vary:
                      memorySize: [1000, 100]
                      beta: [8, 32]
                  - name: cat
                    set: {memory: train:cat:100}
                    vary: {beta: [8]}
                """);

        List<String> order = plan.executionOrder().stream()
                .map(point -> point.settings().memory().text() + "@" + (int) point.settings().beta())
                .toList();
        assertThat(order).containsExactly("train:cat:100@8", "test:mixed:100@8", "test:mixed:100@32",
                "test:mixed:1000@8", "test:mixed:1000@32");
    }

    @Test
    void replayResolvesItsPoint() {
        String yaml = """
                name: replays
                base: {memory: test:mixed:1000}
                series:
                  - name: beta
                    vary: {beta: [8, 32]}
                replays:
                  - name: again
                    series: beta
                    point: 2
                    runs: [{beta: 128}, {normalization: none}]
                """;
        SweepPlan plan = SweepExpansion.expand(SweepParser.parse(yaml, "test"), "r");

        ReplayPlan replay = plan.replays().get(0);
        assertThat(replay.point().settings().beta()).isEqualTo(32.0);
        assertThat(replay.runs()).extracting(PointSettings::beta).containsExactly(128.0, 32.0);
        assertThat(replay.runs().get(1).normalization().name()).isEqualTo("NONE");
    }

    @Test
    void replayOfMissingPointIsRejected() {
        String yaml = """
                name: replays
                series:
                  - name: beta
                    vary: {beta: [8, 32]}
                replays:
                  - name: again
                    series: beta
                    point: 3
                    runs: [{beta: 128}]
                """;

        assertThatThrownBy(() -> SweepExpansion.expand(SweepParser.parse(yaml, "test"), "r"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("which has 2 points");
    }

    @Test
    void invalidCombinationNamesTheSeries() {
        assertThatThrownBy(() -> expand("""
                  - name: fills
                    vary: {fill: [known-mean]}
                """))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("series 'fills'")
                .hasMessageContaining("hides no pixels");
    }

    @Test
    void tooLargeSingleClassMemoryIsRejected() {
        assertThatThrownBy(() -> expand("""
                  - name: cats
                    set: {memory: train:cat:1000}
                    vary: {memorySize: [5000, 6000]}
                """))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("Invalid memory size 6000")
                .hasMessageContaining("1..5000");
    }

    @Test
    void sweepIdMustBeSafe() {
        assertThatThrownBy(() -> SweepExpansion.expand(SweepParser.parse("name: a\nseries:\n  - name: s\n    vary: "
                + "{beta: [1]}", "t"), "bad id"))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("Invalid sweep id 'bad id'");
    }

    @Test
    void defaultSweepExpands() {
        SweepPlan plan = SweepExpansion.expand(SweepParser.readResource("/experiments/default-sweep.yaml"), "d");

        assertThat(plan.points()).hasSizeBetween(80, 130);
        assertThat(plan.points()).anyMatch(point -> point.settings().memory().size() == 50_000);
        assertThat(plan.replays().get(0).point().settings().corruption()).isEqualTo("gaussian:100");
        assertThat(plan.totalProbes()).isLessThan(30_000);
    }
}
