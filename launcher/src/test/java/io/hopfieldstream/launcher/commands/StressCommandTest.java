package io.hopfieldstream.launcher.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.launcher.Hopfield;
import io.hopfieldstream.launcher.stress.RateSpec;
import io.hopfieldstream.launcher.stress.StressSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StressCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Hopfield.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static StressSettings parse(String... args) {
        StressCommand command = new StressCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void defaultsOfferSeventyPercentOfKernel() {
        StressSettings settings = parse();

        assertThat(settings.load().isRamp()).isFalse();
        assertThat(settings.load().rate()).isEqualTo(RateSpec.parse("0.7x"));
        assertThat(settings.load().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.load().warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.batchSize()).isEqualTo(256);
        assertThat(settings.retrievers()).isEqualTo(1);
        assertThat(settings.retrieverGroup()).startsWith("hopfield-stress-");
        assertThat(settings.experimentId()).startsWith("stress-");
        assertThat(settings.reportInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.measuresKernel()).isTrue();
        assertThat(settings.corruptions()).extracting(Object::toString).containsExactly("gaussian:25");
    }

    @Test
    void producerOnlyDefaultsToMaxRate() {
        StressSettings settings = parse("--producer-only");

        assertThat(settings.producerOnly()).isTrue();
        assertThat(settings.load().rate()).isEqualTo(RateSpec.UNLIMITED);
        assertThat(settings.measuresKernel()).isFalse();
    }

    @Test
    void rampOptionsReachSettings() {
        StressSettings settings = parse("--ramp", "--ramp-start", "100", "--ramp-step", "0.05x", "--ramp-max", "1.5x",
                "--step-duration", "30s", "--max-p99", "2s", "--hold-fraction", "0.6", "--duration", "45s");

        assertThat(settings.load().isRamp()).isTrue();
        assertThat(settings.load().ramp().start()).isEqualTo(RateSpec.parse("100"));
        assertThat(settings.load().ramp().step()).isEqualTo(RateSpec.parse("0.05x"));
        assertThat(settings.load().ramp().max()).isEqualTo(RateSpec.parse("1.5x"));
        assertThat(settings.load().ramp().stepDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.load().ramp().maxP99()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.load().ramp().holdFraction()).isEqualTo(0.6);
        assertThat(settings.load().duration()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void externalRetrieversUseDefaultGroup() {
        StressSettings settings = parse("--retrievers", "0");

        assertThat(settings.retrievers()).isZero();
        assertThat(settings.retrieverGroup()).isEqualTo("hopfield-retriever");
    }

    @Test
    void reversedRampIsRejected() {
        int exitCode = run("stress", "--ramp", "--ramp-start", "600", "--ramp-max", "300");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("start 600").contains("maximum 300");
    }

    @Test
    void rampOptionWithoutRampIsRejected() {
        int exitCode = run("stress", "--rate", "100", "--hold-fraction", "0.5");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--hold-fraction without --ramp");
    }

    @Test
    void zeroRateIsRejected() {
        int exitCode = run("stress", "--rate", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("'0'").contains("max");
    }

    @Test
    void retrieversWithProducerOnlyAreRejected() {
        int exitCode = run("stress", "--producer-only", "--retrievers", "2");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--retrievers with --producer-only");
    }

    @Test
    void externalRetrieversNeedBootstrapServers() {
        int exitCode = run("stress", "--retrievers", "0", "--memory-size", "10");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--retrievers 0 without --bootstrap-servers");
    }

    @Test
    void relativeRateWithoutKernelIsRejected() {
        int exitCode = run("stress", "--producer-only", "--rate", "1.2x");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("multiple of the kernel rate").contains("--producer-only");
    }

    @Test
    void relativeRateWithKernelSkippedIsRejected() {
        int exitCode = run("stress", "--kernel-time", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--kernel-time above 0");
    }

    @Test
    void rampWithRateIsRejected() {
        int exitCode = run("stress", "--ramp", "--rate", "300");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --rate with --ramp");
    }

    @Test
    void rampProducerOnlyIsRejected() {
        int exitCode = run("stress", "--ramp", "--producer-only");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --ramp with --producer-only");
    }

    @Test
    void shortRampStepIsRejected() {
        int exitCode = run("stress", "--ramp", "--step-duration", "1s");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --step-duration");
    }

    @Test
    void rampStepShorterThanReportIntervalIsRejected() {
        int exitCode = run("stress", "--ramp", "--step-duration", "4s", "--report-interval", "5s");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--step-duration 4000 ms with --report-interval 5000 ms");
    }

    @Test
    void invalidRateIsRejected() {
        int exitCode = run("stress", "--rate", "fast");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("'fast'");
    }

    @Test
    void invalidBatchSizeIsRejected() {
        int exitCode = run("stress", "--batch-size", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-size");
    }

    @Test
    void tooManyRetrieversAreRejected() {
        int exitCode = run("stress", "--retrievers", "65");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --retrievers 65");
    }
}
