package io.hopfieldstream.broker.testing;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;

/**
 * A running Kafka broker for integration tests, injected by {@link KafkaBrokerExtension} into
 * test constructors, lifecycle methods and test methods.
 *
 * <p>Tests in one JVM share a broker unless the class requests a restartable one, so every
 * test uses its own topic names and group ids, for example from {@link #uniqueName(String)}.
 */
public interface TestBroker {

    /** Returns the address for {@code bootstrap.servers}, such as {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    /** Returns {@link BrokerKind#EMBEDDED} or {@link BrokerKind#TESTCONTAINERS}. */
    BrokerKind kind();

    /** Returns an admin client connected to this broker; it is closed with the broker. */
    Admin admin();

    /** Returns new client properties holding only {@code bootstrap.servers}. */
    default Properties clientProperties() {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", bootstrapServers());
        return properties;
    }

    /**
     * Creates a topic with replication factor 1 and waits until the controller has created it.
     *
     * @throws IllegalStateException when the broker rejects the topic or the request times out
     */
    void createTopic(String name, int partitions, Map<String, String> config);

    /** Creates a topic with the broker's default topic configuration. */
    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Returns {@code prefix} followed by a number unique in this JVM and a random suffix, a
     * valid topic name or group id as long as the prefix is one.
     */
    String uniqueName(String prefix);

    /** Returns whether {@link #stop()} and {@link #start()} are supported. */
    boolean supportsRestart();

    /**
     * Stops the broker and keeps its data and address, so clients reconnect after
     * {@link #start()}. Only a class annotated {@code @KafkaBrokerTest(restartable = true)}
     * gets a broker that supports it.
     *
     * @throws UnsupportedOperationException when {@link #supportsRestart()} is false
     */
    void stop();

    /**
     * Starts a stopped broker on the same data and address; does nothing when it runs.
     *
     * @throws UnsupportedOperationException when {@link #supportsRestart()} is false
     */
    void start();

    /** Returns whether the broker is running. */
    boolean isRunning();
}
