package io.hopfieldstream.launcher.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.experiment.report.ExperimentManifest;
import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.retriever.retrieval.Normalization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

    @TempDir
    Path folder;

    private ReplayCommand parse(String... args) {
        ReplayCommand command = new ReplayCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void runsAreEveryCombination() {
        ReplayCommand command = parse("--experiment", "e-p001", "--beta", "8,128", "--iterations", "1,3",
                "--normalization", "none");
        PointSettings recorded = PointSettings.defaults();

        List<PointSettings> runs = command.runs(recorded);

        assertThat(runs).hasSize(4);
        assertThat(runs).extracting(PointSettings::beta).containsExactly(8.0, 8.0, 128.0, 128.0);
        assertThat(runs).extracting(PointSettings::iterations).containsExactly(1, 3, 1, 3);
        assertThat(runs).allMatch(run -> run.normalization() == Normalization.NONE);
        assertThat(runs).allMatch(run -> run.memory().equals(recorded.memory()));
        assertThat(runs).allMatch(run -> run.maskAware() == recorded.maskAware());
    }

    @Test
    void unlistedSettingsKeepRecordedValues() {
        PointSettings recorded = PointSettings.defaults().withBeta(64).withMaskAware(false);

        List<PointSettings> runs = parse("--experiment", "e-p001", "--mask-aware", "true").runs(recorded);

        assertThat(runs).containsExactly(recorded.withMaskAware(true));
    }

    @Test
    void invalidNormalizationIsRejected() {
        ReplayCommand command = parse("--experiment", "e-p001", "--normalization", "zscore");

        assertThatThrownBy(() -> command.runs(PointSettings.defaults()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Invalid --normalization 'zscore'");
    }

    @Test
    void tooManyRunsAreRejected() {
        ReplayCommand command = parse("--experiment", "e-p001", "--beta", "1,2,3,4,5,6,7,8,9", "--iterations",
                "1,2,3,4,5,6,7,8");

        assertThatThrownBy(() -> command.runs(PointSettings.defaults()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("72 runs");
    }

    @Test
    void experimentWithoutManifestNeedsMemory() {
        ReplayCommand command = parse("--experiment", "e-p001", "--output", folder.toString());

        assertThatThrownBy(command::recordedEntry)
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("is not listed in")
                .hasMessageContaining("--memory");
    }

    @Test
    void memoryOptionStandsInForTheManifest() {
        ReplayCommand command = parse("--experiment", "e-p001", "--output", folder.toString(), "--memory",
                "train:cat:300", "--threshold", "0.9");

        ExperimentManifest.Entry entry = command.recordedEntry();

        assertThat(entry.settings().memory()).isEqualTo(MemorySpec.parse("train:cat:300"));
        assertThat(entry.settings().threshold()).isEqualTo(0.9);
        assertThat(entry.runId()).isNull();
        assertThat(entry.probeDigest()).isNull();
    }
}
