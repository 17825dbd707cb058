package io.hopfieldstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerBuilderTest {

    @Test
    void portOutOfRangeRejected() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be in 0..65535")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().controllerPort(65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controllerPort must be in 0..65535");
    }

    @Test
    void equalPortsRejected() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(19_092).controllerPort(19_092).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void invalidClusterIdRejected() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().clusterId("not a uuid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid Kafka cluster id 'not a uuid'");
    }

    @Test
    void nonPositiveTimeoutRejected() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().startupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startupTimeout must be positive");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().shutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout must be positive");
    }

    @Test
    void explicitDirectoryCreatedAndKept(@TempDir Path temp) {
        Path logDirectory = temp.resolve("a").resolve("b");

        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().logDirectory(logDirectory).build();
        broker.close();

        assertThat(broker.logDirectory()).isEqualTo(logDirectory);
        assertThat(logDirectory).isDirectory();
    }

    @Test
    void temporaryDirectoryDeletedOnClose() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build();
        Path logDirectory = broker.logDirectory();
        assertThat(logDirectory).isDirectory();

        broker.close();

        assertThat(logDirectory).doesNotExist();
        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    void explicitPortKnownBeforeStart() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(19_093).build()) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:19093");
        }
    }
}
