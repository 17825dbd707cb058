package io.hopfieldstream.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaPropertiesTest {

    @TempDir
    Path directory;

    private Path writeFile(String text) throws IOException {
        Path file = directory.resolve("client.properties");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    @Test
    void laterSourcesOverrideEarlier() throws IOException {
        Path file = writeFile("""
                bootstrap.servers=file:9092
                client.id=from-file
                acks=1
                """);

        KafkaProperties properties = KafkaProperties.builder()
                .defaults(Map.of("bootstrap.servers", "localhost:9092", "linger.ms", 5, "acks", "all"))
                .file(file)
                .environment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "KAFKA_CLIENT_ID", "from-env"))
                .options(List.of("client.id=from-option"))
                .build();

        assertThat(properties.asMap()).containsOnly(
                Map.entry("bootstrap.servers", "env:9092"),
                Map.entry("client.id", "from-option"),
                Map.entry("acks", "1"),
                Map.entry("linger.ms", 5));
        assertThat(properties.source("bootstrap.servers")).contains("environment KAFKA_BOOTSTRAP_SERVERS");
        assertThat(properties.source("client.id")).contains("option");
        assertThat(properties.source("acks")).contains("file " + file);
        assertThat(properties.source("linger.ms")).contains("default");
        assertThat(properties.source("retries")).isEmpty();
    }

    @Test
    void environmentNamesMapToKeys() {
        assertThat(KafkaProperties.propertyKey("KAFKA_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
        assertThat(KafkaProperties.propertyKey("KAFKA_SASL_JAAS_CONFIG")).contains("sasl.jaas.config");
        assertThat(KafkaProperties.propertyKey("KAFKA_SSL_TRUSTSTORE_LOCATION")).contains("ssl.truststore.location");
        assertThat(KafkaProperties.propertyKey("KAFKA_FOO__BAR")).contains("foo_bar");
        assertThat(KafkaProperties.propertyKey("KAFKA_FOO___BAR")).contains("foo-bar");
        assertThat(KafkaProperties.propertyKey("KAFKA_")).isEmpty();
        assertThat(KafkaProperties.propertyKey("KAFKA_HEAP_OPTS")).isEmpty();
        assertThat(KafkaProperties.propertyKey("PATH")).isEmpty();
        assertThat(KafkaProperties.propertyKey("kafka_bootstrap_servers")).isEmpty();
    }

    @Test
    void environmentRejectsLongUnderscoreRun() {
        assertThatThrownBy(() -> KafkaProperties.builder().environment(Map.of("KAFKA_A____B", "1")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid Kafka environment variable KAFKA_A____B: a run of 4 underscores");
    }

    @Test
    void environmentSkipsOtherVariables() {
        KafkaProperties properties = KafkaProperties.builder()
                .environment(Map.of("HOME", "/root", "KAFKA_OPTS", "-Xmx1g", "KAFKA_SECURITY_PROTOCOL", "SASL_SSL"))
                .build();

        assertThat(properties.asMap()).containsOnly(Map.entry("security.protocol", "SASL_SSL"));
    }

    @Test
    void optionsKeepValueText() {
        KafkaProperties properties = KafkaProperties.builder()
                .options(List.of(
                        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p=q\";",
                        "ssl.endpoint.identification.algorithm=",
                        " acks =all",
                        "acks=1"))
                .build();

        assertThat(properties.get("sasl.jaas.config")).contains(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p=q\";");
        assertThat(properties.get("ssl.endpoint.identification.algorithm")).contains("");
        assertThat(properties.get("acks")).contains("1");
    }

    @Test
    void optionsRejectMalformedEntries() {
        for (String option : List.of("bootstrap.servers", "=value", "  =value", "bad key=1")) {
            assertThatThrownBy(() -> KafkaProperties.builder().options(List.of(option)).build())
                    .as("option '%s'", option)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid Kafka property option '" + option
                            + "': expected key=value, for example bootstrap.servers=localhost:9092");
        }
    }

    @Test
    void missingFileNamesPath() {
        Path missing = directory.resolve("absent.properties");

        assertThatThrownBy(() -> KafkaProperties.builder().file(missing).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka properties file not found: " + missing);
    }

    @Test
    void unreadableFileNamesPath() {
        assertThatThrownBy(() -> KafkaProperties.builder().file(directory).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Failed to read Kafka properties file " + directory + ": ");
    }

    @Test
    void malformedEscapeNamesPath() throws IOException {
        Path file = writeFile("client.id=\\u12\n");

        assertThatThrownBy(() -> KafkaProperties.builder().file(file).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Failed to read Kafka properties file " + file)
                .hasMessageContaining("Malformed \\uxxxx encoding");
    }

    @Test
    void fileReadsEscapesAndComments() throws IOException {
        Path file = writeFile("""
                # a comment
                client.id = caf\\u00e9
                security.protocol:SSL
                """);

        KafkaProperties properties = KafkaProperties.builder().file(file).build();

        assertThat(properties.asMap()).containsOnly(
                Map.entry("client.id", "café"),
                Map.entry("security.protocol", "SSL"));
    }

    @Test
    void redactedHidesSecrets() {
        KafkaProperties properties = KafkaProperties.builder()
                .options(List.of("sasl.jaas.config=secret-config", "ssl.keystore.password=pw", "ssl.key.password=pw",
                        "ssl.keystore.key=PEM", "sasl.oauthbearer.client.credentials.client.secret=s",
                        "basic.auth.user.info=u:p", "bootstrap.servers=broker:9093", "ssl.keystore.location=/ks.jks"))
                .build();

        Map<String, String> redacted = properties.redacted();

        assertThat(redacted).containsEntry("bootstrap.servers", "broker:9093");
        assertThat(redacted).containsEntry("ssl.keystore.location", "/ks.jks");
        for (String secret : List.of("sasl.jaas.config", "ssl.keystore.password", "ssl.key.password", "ssl.keystore.key",
                "sasl.oauthbearer.client.credentials.client.secret", "basic.auth.user.info")) {
            assertThat(redacted).as(secret).containsEntry(secret, KafkaProperties.HIDDEN);
        }
        assertThat(properties.toString()).doesNotContain("secret-config").doesNotContain("pw").contains("broker:9093");
        assertThat(properties.get("ssl.keystore.password")).contains("pw");
    }

    @Test
    void toPropertiesCopiesValues() {
        KafkaProperties properties = KafkaProperties.builder().defaultValue("linger.ms", 5).build();

        java.util.Properties copy = properties.toProperties();
        copy.put("acks", "all");

        assertThat(copy).containsEntry("linger.ms", 5);
        assertThat(properties.asMap()).doesNotContainKey("acks");
    }

    @Test
    void emptyBuilderGivesNoProperties() {
        assertThat(KafkaProperties.builder().build().asMap()).isEmpty();
    }
}
