package io.hopfieldstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirectoryFormatterTest {

    @Test
    void formatWritesClusterId(@TempDir Path logDirectory) throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        assertThat(LogDirectoryFormatter.isFormatted(logDirectory)).isFalse();

        LogDirectoryFormatter.format(logDirectory, BrokerProperties.of(19_092, 19_093, logDirectory, Map.of()), clusterId);

        assertThat(LogDirectoryFormatter.isFormatted(logDirectory)).isTrue();
        Properties meta = new Properties();
        try (var in = Files.newInputStream(logDirectory.resolve("meta.properties"))) {
            meta.load(in);
        }
        assertThat(meta.getProperty("cluster.id")).isEqualTo(clusterId);
        assertThat(meta.getProperty("node.id")).isEqualTo("1");
    }

    @Test
    void formatTwiceFailsWithToolOutput(@TempDir Path logDirectory) {
        Properties properties = BrokerProperties.of(19_092, 19_093, logDirectory, Map.of());
        LogDirectoryFormatter.format(logDirectory, properties, Uuid.randomUuid().toString());

        assertThatThrownBy(() -> LogDirectoryFormatter.format(logDirectory, properties, Uuid.randomUuid().toString()))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("Failed to format the Kafka log directory " + logDirectory);
    }

    @Test
    void formatWithoutRolesFails(@TempDir Path logDirectory) {
        Properties properties = BrokerProperties.of(19_092, 19_093, logDirectory, Map.of());
        properties.remove("process.roles");

        assertThatThrownBy(() -> LogDirectoryFormatter.format(logDirectory, properties, Uuid.randomUuid().toString()))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("Failed to format the Kafka log directory");
        assertThat(LogDirectoryFormatter.isFormatted(logDirectory)).isFalse();
    }
}
