package io.hopfieldstream.launcher.reliability;

import io.hopfieldstream.launcher.Hopfield;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code hopfield retrieve} command in a JVM of its own, so a test can kill it as an operating
 * system would: {@link #kill()} sends SIGKILL, which runs no shutdown hook and closes no client.
 * The child's output goes to a log file in the test's folder.
 */
final class RetrieverProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RetrieverProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code hopfield retrieve} with the given arguments on the test's class path.
     *
     * @param log file the child's standard output and error go to
     */
    static RetrieverProcess start(List<String> retrieveArguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        passProperty(command, "org.apache.avro.SERIALIZABLE_PACKAGES");
        passProperty(command, "org.bytedeco.javacpp.cachedir");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Hopfield.class.getName());
        command.add("retrieve");
        command.addAll(retrieveArguments);

        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new RetrieverProcess(process, log);
    }

    private static void passProperty(List<String> command, String name) {
        Optional.ofNullable(System.getProperty(name)).ifPresent(value -> command.add("-D" + name + "=" + value));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process with SIGKILL and waits until it has gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The retriever process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /**
     * Sends SIGTERM, which makes the command stop the service cleanly, and waits for the exit.
     *
     * @return the exit code: 143 (128 + SIGTERM) after a clean stop
     */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("The retriever process did not stop within " + timeout
                    + " of SIGTERM; killed it. Log tail:\n" + logTail(40));
        }
        return process.exitValue();
    }

    /** Returns the last lines of the child's output, for failure messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
