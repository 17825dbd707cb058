package io.hopfieldstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaOptionsTest {

    @TempDir
    Path folder;

    @Test
    void defaultsToLocalBroker() {
        KafkaOptions options = new KafkaOptions();

        Map<String, Object> merged = options.resolve(Map.of(), Map.of()).asMap();

        assertThat(merged).containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(options.explicitBootstrapServers(Map.of())).isEmpty();
    }

    @Test
    void laterSourcesOverrideEarlier() throws IOException {
        Path file = folder.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nacks=1\nlinger.ms=5\n");
        KafkaOptions options = new KafkaOptions();
        options.configFile = file;
        options.properties = List.of("acks=all");
        Map<String, String> environment = Map.of("KAFKA_LINGER_MS", "20", "KAFKA_HEAP_OPTS", "-Xmx1g");

        Map<String, Object> merged = options.resolve(Map.of("compression.type", "lz4", "acks", "0"), environment)
                .asMap();

        assertThat(merged).containsEntry("security.protocol", "SSL");
        assertThat(merged).containsEntry("acks", "all");
        assertThat(merged).containsEntry("linger.ms", "20");
        assertThat(merged).containsEntry("compression.type", "lz4");
        assertThat(merged).doesNotContainKey("heap.opts");
    }

    @Test
    void optionBeatsEveryBootstrapSource() {
        KafkaOptions options = new KafkaOptions();
        options.bootstrapServers = "broker-a:9092";
        options.properties = List.of("bootstrap.servers=broker-b:9092");

        Map<String, Object> merged =
                options.resolve(Map.of(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-c:9092")).asMap();

        assertThat(merged).containsEntry("bootstrap.servers", "broker-a:9092");
    }

    @Test
    void environmentNamesExplicitBroker() {
        KafkaOptions options = new KafkaOptions();

        assertThat(options.explicitBootstrapServers(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-c:9092")))
                .contains("broker-c:9092");
    }

    @Test
    void blankBootstrapOptionIsInvalid() {
        KafkaOptions options = new KafkaOptions();
        options.bootstrapServers = " ";

        assertThatThrownBy(() -> options.resolve(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--bootstrap-servers");
    }
}
