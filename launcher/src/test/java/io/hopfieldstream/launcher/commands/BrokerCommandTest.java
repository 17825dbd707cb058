package io.hopfieldstream.launcher.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.launcher.Hopfield;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Hopfield.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void portOutOfRangeNamesOption() {
        int exitCode = run("broker", "--port", "70000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --port 70000").contains("0..65535");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void negativeControllerPortNamesOption() {
        int exitCode = run("broker", "--controller-port", "-1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid --controller-port -1");
    }

    @Test
    void helpListsPortAndLogDirectory() {
        int exitCode = run("broker", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--port").contains("--log-dir").contains("KRaft");
    }
}
