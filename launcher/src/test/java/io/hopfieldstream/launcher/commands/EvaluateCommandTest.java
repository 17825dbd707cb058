package io.hopfieldstream.launcher.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.evaluator.scoring.SimilarityMeasure;
import io.hopfieldstream.evaluator.service.EvaluatorSettings;
import io.hopfieldstream.launcher.Hopfield;
import io.hopfieldstream.schemas.config.KafkaProperties;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class EvaluateCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Hopfield.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static EvaluatorSettings parse(String... args) {
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs(args);
        KafkaProperties kafka = KafkaProperties.builder().defaultValue("bootstrap.servers", "127.0.0.1:9092").build();
        return command.settings(kafka);
    }

    @Test
    void defaultsMatchEvaluatorDefaults() {
        EvaluatorSettings settings = parse();

        assertThat(settings.topology().threshold()).isEqualTo(0.95);
        assertThat(settings.topology().similarity()).isEqualTo(SimilarityMeasure.PEARSON);
        assertThat(settings.topology().windowSize()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.topology().windowAdvance()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.topology().windowGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.topology().countWindowSize()).isEqualTo(100);
        assertThat(settings.applicationId()).isEqualTo("hopfield-evaluator");
        assertThat(settings.httpPort()).isEqualTo(8083);
        assertThat(settings.topology().reconstructionsTopic()).isEqualTo("images.reconstructed");
        assertThat(settings.deadLetterTopic()).isEqualTo("images.dead-letter");
    }

    @Test
    void optionsReachSettings() {
        EvaluatorSettings settings = parse("--threshold", "0.9", "--similarity", "cosine", "--window-size", "30s",
                "--window-advance", "5s", "--window-grace", "500ms", "--count-window", "50", "--application-id",
                "eval-2", "--state-dir", "/tmp/eval-state", "--http-port", "0", "--metrics-topic", "m");

        assertThat(settings.topology().threshold()).isEqualTo(0.9);
        assertThat(settings.topology().similarity()).isEqualTo(SimilarityMeasure.COSINE);
        assertThat(settings.topology().windowSize()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.topology().windowAdvance()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.topology().windowGrace()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.topology().countWindowSize()).isEqualTo(50);
        assertThat(settings.applicationId()).isEqualTo("eval-2");
        assertThat(settings.stateDir()).isEqualTo(Path.of("/tmp/eval-state"));
        assertThat(settings.httpPort()).isZero();
        assertThat(settings.topology().metricsTopic()).isEqualTo("m");
    }

    @Test
    void thresholdOutOfRangeNamesOption() {
        int exitCode = run("evaluate", "--threshold", "1.5");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --threshold 1.5").contains("-1..1");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void advanceLongerThanSizeNamesOption() {
        int exitCode = run("evaluate", "--window-size", "10s", "--window-advance", "20s");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --window-advance");
    }

    @Test
    void unknownSimilarityNamesValues() {
        int exitCode = run("evaluate", "--similarity", "euclid");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("'pearson' or 'cosine'");
    }

    @Test
    void zeroCountWindowNamesOption() {
        int exitCode = run("evaluate", "--count-window", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --count-window 0").contains("1..100000");
    }
}
