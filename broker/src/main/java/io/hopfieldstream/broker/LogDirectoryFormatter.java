package io.hopfieldstream.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.tools.StorageTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory with Kafka's storage tool, as {@code kafka-storage.sh format
 * --standalone} does, unless the directory already contains a formatted node.
 */
final class LogDirectoryFormatter {

    private static final Logger LOG = LoggerFactory.getLogger(LogDirectoryFormatter.class);

    /** File that the storage tool writes into every formatted log directory. */
    static final String META_PROPERTIES = "meta.properties";

    private LogDirectoryFormatter() {
    }

    /** Returns whether {@code logDirectory} was formatted before. */
    static boolean isFormatted(Path logDirectory) {
        return Files.isRegularFile(logDirectory.resolve(META_PROPERTIES));
    }

    /**
     * Formats {@code logDirectory} for cluster {@code clusterId} with this node as the only
     * controller voter.
     *
     * @throws BrokerStartException when the storage tool fails; the message contains its output
     */
    static void format(Path logDirectory, Properties serverProperties, String clusterId) {
        Path configFile = writeTemporaryConfig(serverProperties);
        ByteArrayOutputStream toolOutput = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(toolOutput, true, StandardCharsets.UTF_8)) {
            String[] arguments = {"format", "-t", clusterId, "-c", configFile.toString(), "--standalone"};
            int exitCode = runStorageTool(logDirectory, arguments, out);
            String output = toolOutput.toString(StandardCharsets.UTF_8).trim();

            if (exitCode != 0) {
                throw new BrokerStartException("Failed to format the Kafka log directory " + logDirectory
                        + ": the storage tool returned " + exitCode + ". Its output: " + output);
            }
            LOG.debug("Storage tool output: {}", output);
        } finally {
            deleteQuietly(configFile);
        }
    }

    private static int runStorageTool(Path logDirectory, String[] arguments, PrintStream out) {
        try {
            return StorageTool.execute(arguments, out);
        } catch (RuntimeException e) {
            throw new BrokerStartException("Failed to format the Kafka log directory " + logDirectory
                    + " (storage tool arguments: " + String.join(" ", arguments) + "): " + e.getMessage(), e);
        }
    }

    private static Path writeTemporaryConfig(Properties serverProperties) {
        try {
            Path file = Files.createTempFile("hopfield-kafka-server-", ".properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                serverProperties.store(out, "Written for the Kafka storage tool; deleted after formatting");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write a temporary Kafka server configuration", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Failed to delete the temporary Kafka server configuration {}: {}", file, e.toString());
        }
    }
}
