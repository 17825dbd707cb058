package io.hopfieldstream.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.evaluator.topology.DeadLetterDeserializationHandler;
import io.hopfieldstream.evaluator.topology.RejectionCounts;
import io.hopfieldstream.schemas.config.KafkaProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EvaluatorSettingsTest {

    @Test
    void streamsPropertiesDefaultToExactlyOnce() {
        RejectionCounts counts = new RejectionCounts();
        Properties properties = EvaluatorSettings.defaults("127.0.0.1:9092").streamsProperties(counts);

        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(properties.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("images.dead-letter");
        assertThat(properties.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterDeserializationHandler.class.getName());
        assertThat(properties.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("hopfield-evaluator");
        assertThat(properties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
        assertThat(properties.get(RejectionCounts.CONFIG)).isSameAs(counts);
    }

    @Test
    void kafkaPropertiesOverrideDefaults() {
        KafkaProperties kafka = KafkaProperties.builder()
                .defaultValue("bootstrap.servers", "broker:9093")
                .defaultValue(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
                .defaultValue("security.protocol", "SSL")
                .defaultValue(StreamsConfig.APPLICATION_ID_CONFIG, "ignored")
                .build();
        EvaluatorSettings settings = EvaluatorSettings.defaults("unused:1").withKafka(kafka)
                .withApplicationId("eval-a").withStateDir(Path.of("/var/lib/eval"));

        Properties properties = settings.streamsProperties(new RejectionCounts());

        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(properties.get("security.protocol")).isEqualTo("SSL");
        assertThat(properties.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("eval-a");
        assertThat(properties.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(Path.of("/var/lib/eval").toString());
    }

    @Test
    void describeHidesSecrets() {
        KafkaProperties kafka = KafkaProperties.builder()
                .defaultValue("bootstrap.servers", "broker:9093")
                .defaultValue("ssl.keystore.password", "changeit")
                .build();

        String description = EvaluatorSettings.defaults("unused:1").withKafka(kafka).describe();

        assertThat(description).contains("bootstrap.servers=broker:9093").doesNotContain("changeit");
        assertThat(description).contains("threshold=0.95").contains("window size=60000 ms");
    }

    @Test
    void missingBootstrapServersIsRejected() {
        KafkaProperties empty = KafkaProperties.builder().build();

        assertThatThrownBy(() -> EvaluatorSettings.defaults("x:1").withKafka(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void outOfRangeValuesAreRejected() {
        EvaluatorSettings settings = EvaluatorSettings.defaults("127.0.0.1:9092");

        assertThatThrownBy(() -> settings.withHttp("127.0.0.1", 70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> settings.withShutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withApplicationId(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("application id");
    }
}
