package io.hopfieldstream.broker.testing;

/** Docker images that the Testcontainers path of the tests runs. */
public final class KafkaTestImages {

    /**
     * Official Apache Kafka image in KRaft mode. Clients of this project are Kafka 4.4.0; a
     * 4.1 broker serves them because Kafka clients and brokers negotiate API versions.
     */
    // NOTE: apache/kafka:4.4.0 would match the embedded broker, but no Docker engine was at hand
    // to check that the tag exists. 4.1.0 is a published tag.
    public static final String KAFKA = "apache/kafka:4.1.0";

    /** System property that replaces {@link #KAFKA}, for example to try a newer tag. */
    public static final String KAFKA_IMAGE_PROPERTY = "hopfield.test.kafka.image";

    private KafkaTestImages() {
    }

    /** Returns the image to run: the system property when set, else {@link #KAFKA}. */
    public static String kafkaImage() {
        String override = System.getProperty(KAFKA_IMAGE_PROPERTY);
        return override == null || override.isBlank() ? KAFKA : override.trim();
    }
}
