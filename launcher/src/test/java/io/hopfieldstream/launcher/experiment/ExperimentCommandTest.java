package io.hopfieldstream.launcher.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.launcher.Hopfield;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExperimentCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run execute(String... args) {
        CommandLine commandLine = Hopfield.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void dryRunListsThePoints() {
        Run run = execute("experiment", "--dry-run", "--sweep-id", "dry", "--vary", "beta=8,32", "--set",
                "memory=test:mixed:300", "--set", "probes=20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Sweep dry: 2 points, 0 replays, 40 probes");
        assertThat(run.out()).contains("p001 dry-p001: memory=test:mixed:300;corruption=gaussian:25;fill=zero;"
                + "beta=8.0;");
        assertThat(run.out()).contains("p002 dry-p002:");
    }

    @Test
    void defaultSweepPrintsItsFile() {
        Run run = execute("experiment", "--print-default-sweep");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("# The default sweep of `hopfield experiment`.");
        assertThat(run.out()).contains("name: default");
    }

    @Test
    void sweepFileAndVaryAreExclusive() {
        Run run = execute("experiment", "--dry-run", "--sweep", "some.yaml", "--vary", "beta=1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Give either --sweep or --vary, not both");
    }

    @Test
    void invalidSweepValueIsUsageError() {
        Run run = execute("experiment", "--dry-run", "--vary", "beta=0,8");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid beta 0.0");
    }

    @Test
    void missingSweepFileIsUsageError() {
        Run run = execute("experiment", "--dry-run", "--sweep", "does-not-exist.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Failed to read the sweep file does-not-exist.yaml");
    }
}
