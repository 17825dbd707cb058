package io.hopfieldstream.launcher.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.launcher.Hopfield;
import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RetrieveCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Hopfield.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static RetrieverSettings settings(String... args) {
        RetrieveCommand command = new RetrieveCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void optionsBecomeSettings() {
        RetrieverSettings settings = settings("--batch-size", "64", "--max-wait-ms", "5", "--beta", "128",
                "--iterations", "3", "--tolerance", "0", "--normalization", "center", "--no-mask-aware",
                "--chunk-size", "500", "--run-id", "run-a", "--group-id", "g", "--instance-id", "i-1",
                "--probe-topic", "p");

        assertThat(settings.batchSize()).isEqualTo(64);
        assertThat(settings.maxBatchWait()).isEqualTo(Duration.ofMillis(5));
        assertThat(settings.retrieval().beta()).isEqualTo(128.0);
        assertThat(settings.retrieval().maxIterations()).isEqualTo(3);
        assertThat(settings.retrieval().tolerance()).isZero();
        assertThat(settings.retrieval().normalization()).isEqualTo(Normalization.CENTER);
        assertThat(settings.retrieval().maskAware()).isFalse();
        assertThat(settings.retrieval().chunkSize()).isEqualTo(500);
        assertThat(settings.runId()).isEqualTo("run-a");
        assertThat(settings.transactionalId()).isEqualTo("g-i-1");
        assertThat(settings.topics().probes()).isEqualTo("p");
        assertThat(settings.replay()).isNull();
    }

    @Test
    void defaultsMatchService() {
        RetrieverSettings settings = settings("--instance-id", "x");

        assertThat(settings.batchSize()).isEqualTo(RetrieverSettings.DEFAULT_BATCH_SIZE);
        assertThat(settings.retrieval().normalization()).isEqualTo(Normalization.CENTER_UNIT);
        assertThat(settings.retrieval().maskAware()).isTrue();
        assertThat(settings.groupId()).isEqualTo(RetrieverSettings.DEFAULT_GROUP_ID);
    }

    @Test
    void replayFromParsesBothForms() {
        RetrieverSettings iso = settings("--replay-experiment", "e1", "--replay-from", "2026-12-04T10:15:30Z");
        RetrieverSettings millis = settings("--replay-experiment", "e1", "--replay-from", "1000");

        assertThat(iso.replay().experimentId()).isEqualTo("e1");
        assertThat(iso.replay().from()).isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
        assertThat(millis.replay().from()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(iso.groupId()).startsWith("hopfield-retriever-replay-e1-");
    }

    @Test
    void replayFromNeedsExperiment() {
        assertThatThrownBy(() -> settings("--replay-from", "1000"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--replay-from needs --replay-experiment");
    }

    @Test
    void zeroBatchSizeExitsTwo() {
        int exitCode = run("retrieve", "--batch-size", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid batch-size '0': expected an integer from 1 to 65536.");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void negativeBetaExitsTwo() {
        int exitCode = run("retrieve", "--beta", "-1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid beta '-1.0'").contains("greater than 0");
    }

    @Test
    void unknownNormalizationExitsTwo() {
        int exitCode = run("retrieve", "--normalization", "zscore");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("zscore").contains("center-unit");
    }

    @Test
    void badReplayTimeExitsTwo() {
        int exitCode = run("retrieve", "--replay-experiment", "e", "--replay-from", "yesterday");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --replay-from 'yesterday'");
    }

    @Test
    void unreachableBrokerExitsTwo() {
        int exitCode = run("retrieve", "--bootstrap-servers", "127.0.0.1:1", "--no-create-topics",
                "--memory-load-timeout", "2s", "--instance-id", "cli-test");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Could not reach the Kafka cluster").contains("--bootstrap-servers");
        assertThat(err.toString()).doesNotContain("\tat ");
    }
}
