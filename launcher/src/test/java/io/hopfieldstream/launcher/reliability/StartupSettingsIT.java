package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.launcher.Hopfield;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.serde.RecordSerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Settings that cannot work, given to the {@code hopfield} entry point: each command must stop at
 * start with exit code 2 and one message that names the setting and what it accepts, without a
 * stack trace. The command tests cover out-of-range numbers and missing data files. This class
 * covers the settings that need a broker or a closed port to check.
 */
@KafkaBrokerTest
class StartupSettingsIT {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSettingsIT.class);

    @TempDir
    Path folder;

    @Test
    void memoryDimensionMismatchNamesMemoryTopic(TestBroker broker) throws Exception {
        String memoryTopic = broker.uniqueName("memory-mnist");
        broker.createTopic(memoryTopic, 1,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (KafkaProducer<String, MemoryPattern> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                RecordSerdes.memoryPattern().serializer())) {
            for (int i = 0; i < 20; i++) {
                // 28 x 28 grey images, the dimension of MNIST, not of CIFAR-10.
                MemoryPattern pattern = MemoryPattern.newBuilder()
                        .setPatternId("mnist-" + i)
                        .setLabel(i % 10)
                        .setSplit("test")
                        .setSourceIndex(i)
                        .setPixels(ByteBuffer.wrap(new byte[28 * 28]))
                        .build();
                producer.send(new ProducerRecord<>(memoryTopic, pattern.getPatternId(), pattern)).get();
            }
        }
        String probeTopic = broker.uniqueName("probes");
        broker.createTopic(probeTopic, 1);

        Result result = run("retrieve", "--bootstrap-servers", broker.bootstrapServers(), "--no-create-topics",
                "--memory-topic", memoryTopic, "--probe-topic", probeTopic,
                "--reconstructions-topic", broker.uniqueName("reconstructions"),
                "--dead-letter-topic", broker.uniqueName("dead-letter"),
                "--group-id", broker.uniqueName("retriever"), "--instance-id", "dimension-check",
                "--memory-load-timeout", "30s");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.message()).contains("Invalid memory-topic '" + memoryTopic + "'")
                .contains("3072 pixel values").contains("784");
        assertOneMessage(result);
        LOG.info("Memory of 784-value patterns: exit code {}, message: {}", result.exitCode(), result.message());
    }

    @Test
    void unreachableBrokerStopsEveryCommand() throws IOException {
        String closed = "127.0.0.1:" + closedPort();
        List<List<String>> commands = List.of(
                List.of("retrieve", "--no-create-topics", "--memory-load-timeout", "3s", "--instance-id", "closed"),
                List.of("retrieve", "--memory-load-timeout", "3s", "--instance-id", "closed"),
                List.of("evaluate", "--http-port", "0", "--state-dir", folder.resolve("state").toString()),
                List.of("evaluate", "--no-create-topics", "--http-port", "0",
                        "--state-dir", folder.resolve("state").toString()),
                List.of("produce", "memory", "--remove", "test-00000"));

        for (List<String> command : commands) {
            List<String> arguments = new ArrayList<>(command);
            arguments.addAll(List.of("--bootstrap-servers", closed, "-X", "default.api.timeout.ms=3000",
                    "-X", "request.timeout.ms=1000", "-X", "max.block.ms=3000"));
            Result result = run(arguments.toArray(String[]::new));

            assertThat(result.exitCode()).as("exit code of %s", command).isEqualTo(2);
            assertThat(result.message()).as("message of %s", command).contains("--bootstrap-servers")
                    .contains(closed);
            assertOneMessage(result);
            LOG.info("Unreachable broker, {}: exit code {}, message: {}", command, result.exitCode(), result.message());
        }
    }

    private static void assertOneMessage(Result result) {
        assertThat(result.errorLines()).as("standard error: the message and the hint to --help").hasSize(2);
        assertThat(result.errorLines().get(1)).startsWith("Run 'hopfield ");
        assertThat(result.error()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Hopfield.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, err.toString());
    }

    /** Exit code and standard error of one command. */
    private record Result(int exitCode, String error) {

        List<String> errorLines() {
            return error.lines().filter(line -> !line.isBlank()).toList();
        }

        String message() {
            return errorLines().isEmpty() ? "" : errorLines().get(0);
        }
    }
}
