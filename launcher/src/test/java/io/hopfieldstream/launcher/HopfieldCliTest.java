package io.hopfieldstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HopfieldCliTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Hopfield.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void versionExitsZero() {
        int exitCode = run("--version");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).startsWith("hopfield ");
    }

    @Test
    void missingSubcommandIsUsageError() {
        int exitCode = run();

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand").contains("produce");
    }

    @Test
    void unknownOptionIsUsageError() {
        int exitCode = run("produce", "memory", "--no-such-option");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option").contains("hopfield produce memory --help");
    }

    @Test
    void zeroMemorySizeNamesSetting() {
        int exitCode = run("produce", "memory", "--memory-size", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --memory-size 0").contains("1..50000");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void memorySizeBeyondSplitNamesSplit() {
        int exitCode = run("produce", "memory", "--memory-size", "20000", "--split", "test");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --memory-size 20000").contains("--split train");
    }

    @Test
    void unknownClassNamesAcceptedNames() {
        int exitCode = run("produce", "memory", "--classes", "cat,unicorn", "--data", folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --classes value 'unicorn'").contains("airplane");
    }

    @Test
    void missingDataFileIsInvalidSetting() {
        Path missing = folder.resolve("no-such-archive.tar.gz");

        int exitCode = run("produce", "memory", "--data", missing.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("No CIFAR-10 binary data at").contains(missing.toString());
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void negativeRateNamesSetting() {
        int exitCode = run("produce", "probes", "--rate", "-5");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --rate -5.0").contains("0 for unlimited");
    }

    @Test
    void badCorruptionNamesSyntax() {
        int exitCode = run("produce", "probes", "--corruption", "blur:3");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--corruption").contains("blur").contains("gaussian:SIGMA");
    }

    @Test
    void badDurationNamesSyntax() {
        int exitCode = run("produce", "probes", "--duration", "soon");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void kafkaPropertyWithoutValueIsInvalid() {
        int exitCode = run("produce", "memory", "-X", "acks", "--data", folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid Kafka property option 'acks'").contains("key=value");
    }

    @Test
    void missingKafkaConfigFileIsInvalid() {
        Path missing = folder.resolve("client.properties");

        int exitCode = run("produce", "memory", "--kafka-config", missing.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Kafka properties file not found").contains(missing.toString());
    }

    @Test
    void negativeBetaNamesSetting() {
        int exitCode = run("demo", "--beta", "-1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --beta '-1.0'").contains("greater than 0");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void zeroBatchSizeNamesSetting() {
        int exitCode = run("demo", "--batch-size", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --batch-size '0'").contains("1 to 65536");
    }

    @Test
    void demoMissingDataFileIsInvalidSetting() {
        Path missing = folder.resolve("cifar-10-binary.tar.gz");

        int exitCode = run("demo", "--data", missing.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("No CIFAR-10 binary data at").contains(missing.toString());
    }

    @Test
    void demoFewerProbesThanCorruptions() {
        int exitCode = run("demo", "--probes", "3");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --probes 3").contains("one probe per corruption (4)");
    }

    @Test
    void demoMemoryBeyondTestSplit() {
        int exitCode = run("demo", "--memory-size", "10001");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --memory-size 10001").contains("1..10000");
    }

    @Test
    void demoUnreachableBrokerIsInvalidSetting() {
        int exitCode = run("demo", "--data", dataPath(), "--memory-size", "10", "--output", folder.toString(),
                "--bootstrap-servers", "127.0.0.1:1",
                "-X", "request.timeout.ms=2000", "-X", "default.api.timeout.ms=2000");

        assertThat(err.toString()).contains("Could not reach the Kafka cluster")
                .contains("Check --bootstrap-servers (now 127.0.0.1:1)");
        assertThat(exitCode).isEqualTo(2);
    }

    @Test
    void memoryLargerThanClassNamesOptions() {
        int exitCode = run("produce", "memory", "--data", dataPath(), "--classes", "cat", "--memory-size", "2000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --memory-size 2000 with --classes cat")
                .contains("only 1000 match classes [cat]");
    }

    @Test
    void probeTargetClassOutsideBankNamesOption() {
        int exitCode = run("produce", "probes", "--data", dataPath(), "--classes", "cat", "--memory-size", "100",
                "--target-classes", "dog");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --target-classes dog").contains("holds no image of these classes");
    }

    @Test
    void probesWithoutTruthOfWholeSplitNamesOptions() {
        int exitCode = run("produce", "probes", "--data", dataPath(), "--without-truth", "--memory-size", "10000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --without-truth with --memory-size 10000")
                .contains("choose a smaller --memory-size");
    }

    @Test
    void normalizationHelpUsesOneSpelling() {
        run("replay", "--help");
        run("retrieve", "--help");

        assertThat(out.toString()).contains("center-unit").doesNotContain("center_unit");
    }

    @Test
    void demoBootstrapHelpNamesEmbeddedBroker() {
        run("demo", "--help");

        String help = out.toString().replaceAll("\\s+", " ");

        assertThat(help).contains("demo, experiment and stress start an embedded broker");
        assertThat(help).contains("api.timeout.ms=MS with -X request.timeout.ms=MS shortens that wait");
    }

    private static String dataPath() {
        return CifarTestData.reader().source().path().toString();
    }
}
