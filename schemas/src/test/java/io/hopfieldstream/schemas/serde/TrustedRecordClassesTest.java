package io.hopfieldstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link TrustCheckMain} in a child JVM started without the system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES}, which the build passes to this test JVM.
 */
class TrustedRecordClassesTest {

    private static final long CHILD_TIMEOUT_SECONDS = 60;

    private static String runChild(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                TrustCheckMain.class.getName(), mode);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();

        boolean exited = process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("child JVM exited within %d s; output:%n%s", CHILD_TIMEOUT_SECONDS, output).isTrue();
        assertThat(process.exitValue()).as("child exit code; output:%n%s", output).isZero();
        return output;
    }

    @Test
    void plainAvroRejectsRecordsWithoutProperty() throws Exception {
        String output = runChild("plain-avro");

        assertThat(output).contains("property=null");
        assertThat(output).contains("rejected Forbidden io.hopfieldstream.schemas.");
    }

    @Test
    void serdeDecodesWithoutProperty() throws Exception {
        String output = runChild("serde");

        assertThat(output).contains("property=null");
        assertThat(output).contains("decoded exp-1-000123 equal=true");
    }
}
