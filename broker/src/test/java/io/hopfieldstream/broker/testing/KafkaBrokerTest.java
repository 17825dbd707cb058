package io.hopfieldstream.broker.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real Kafka broker; its constructor, lifecycle methods and
 * test methods receive it as a {@link TestBroker} parameter.
 *
 * <pre>{@code
 * @KafkaBrokerTest
 * class ProbePublisherIT {
 *     @Test
 *     void publishesProbes(TestBroker broker) {
 *         String topic = broker.uniqueName("probes");
 *         broker.createTopic(topic, 3);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>{@link KafkaBrokerExtension} describes which broker runs and how long it lives.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("kafka")
@ExtendWith(KafkaBrokerExtension.class)
public @interface KafkaBrokerTest {

    /**
     * Whether the class gets an embedded broker of its own that {@link TestBroker#stop()} and
     * {@link TestBroker#start()} may stop and start again, on the same data and port. It is
     * embedded whatever the selected {@link BrokerKind}, started before the first test of the
     * class and closed after the last. Default false: the JVM-wide shared broker.
     */
    boolean restartable() default false;
}
