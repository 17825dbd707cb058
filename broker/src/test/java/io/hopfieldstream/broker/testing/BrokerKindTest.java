package io.hopfieldstream.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerKindTest {

    @Test
    void parseAcceptsEachKind() {
        assertThat(BrokerKind.parse("embedded", "test")).isEqualTo(BrokerKind.EMBEDDED);
        assertThat(BrokerKind.parse("testcontainers", "test")).isEqualTo(BrokerKind.TESTCONTAINERS);
        assertThat(BrokerKind.parse("auto", "test")).isEqualTo(BrokerKind.AUTO);
    }

    @Test
    void parseIgnoresCaseAndBlanks() {
        assertThat(BrokerKind.parse("  Embedded ", "test")).isEqualTo(BrokerKind.EMBEDDED);
    }

    @Test
    void parseRejectsUnknownKind() {
        assertThatThrownBy(() -> BrokerKind.parse("docker", "system property hopfield.test.broker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("system property hopfield.test.broker")
                .hasMessageContaining("embedded, testcontainers, auto");
    }

    @Test
    void systemPropertySelectsKind() {
        String previous = System.getProperty(BrokerKind.PROPERTY);
        try {
            System.setProperty(BrokerKind.PROPERTY, "embedded");
            assertThat(BrokerKind.selected()).isEqualTo(BrokerKind.EMBEDDED);
        } finally {
            if (previous == null) {
                System.clearProperty(BrokerKind.PROPERTY);
            } else {
                System.setProperty(BrokerKind.PROPERTY, previous);
            }
        }
    }
}
