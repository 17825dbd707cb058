package io.hopfieldstream.broker.testing;

import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that gives integration tests a real Kafka broker as a {@link TestBroker}
 * parameter. Usually applied through {@link KafkaBrokerTest}.
 *
 * <p>Which broker runs follows {@link BrokerKind#selected()}: {@code testcontainers} starts an
 * {@code apache/kafka} container ({@link KafkaTestImages}), {@code embedded} starts an
 * in-JVM KRaft broker, and {@code auto} (the default) takes the container when Testcontainers
 * is on the test class path and finds a Docker engine, otherwise the embedded broker.
 *
 * <p>All test classes in one JVM share one broker, started on first use and closed when the
 * JVM's test run ends, because a start costs seconds. A class annotated
 * {@code @KafkaBrokerTest(restartable = true)} instead gets an embedded broker of its own; it
 * is closed after the class, and started again before each test when a test left it stopped.
 */
public class KafkaBrokerExtension implements ParameterResolver, BeforeEachCallback {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    private static final String SHARED_BROKER = "shared-broker";
    private static final String CLASS_BROKER = "class-broker";

    private static final String KAFKA_CONTAINER = "org.testcontainers.kafka.KafkaContainer";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return broker(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Failed to start a Kafka broker for "
                    + extensionContext.getDisplayName() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the class's own broker again when an earlier test left it stopped. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!isRestartable(context)) {
            return;
        }
        EmbeddedTestBroker broker = classContext(context).getStore(NAMESPACE).get(CLASS_BROKER, EmbeddedTestBroker.class);
        if (broker != null && !broker.isRunning()) {
            LOG.info("Starting the Kafka broker at {} again because an earlier test left it stopped",
                    broker.bootstrapServers());
            broker.start();
        }
    }

    private static TestBroker broker(ExtensionContext context) {
        if (isRestartable(context)) {
            return classContext(context).getStore(NAMESPACE)
                    .getOrComputeIfAbsent(CLASS_BROKER, key -> EmbeddedTestBroker.launch(true), EmbeddedTestBroker.class);
        }
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SHARED_BROKER, key -> startShared(), AbstractTestBroker.class);
    }

    private static AbstractTestBroker startShared() {
        BrokerKind selected = BrokerKind.selected();
        BrokerKind kind = selected == BrokerKind.AUTO ? detectKind() : selected;

        if (kind == BrokerKind.TESTCONTAINERS) {
            checkTestcontainersUsable();
            LOG.info("Starting a Kafka container shared by this JVM's tests ({}={})", BrokerKind.PROPERTY, selected);
            return ContainerTestBroker.launch();
        }
        LOG.info("Starting an embedded Kafka broker shared by this JVM's tests ({}={})", BrokerKind.PROPERTY, selected);
        return EmbeddedTestBroker.launch(false);
    }

    private static BrokerKind detectKind() {
        if (!isOnClassPath(KAFKA_CONTAINER)) {
            LOG.info("Testcontainers Kafka is not on the test class path; using the embedded broker");
            return BrokerKind.EMBEDDED;
        }
        if (!DockerProbe.isDockerAvailable()) {
            LOG.info("No Docker engine found; using the embedded broker");
            return BrokerKind.EMBEDDED;
        }
        return BrokerKind.TESTCONTAINERS;
    }

    private static void checkTestcontainersUsable() {
        if (!isOnClassPath(KAFKA_CONTAINER)) {
            throw new ExtensionConfigurationException(BrokerKind.PROPERTY + "=testcontainers needs"
                    + " org.testcontainers:testcontainers-kafka on the test class path");
        }
        if (!DockerProbe.isDockerAvailable()) {
            throw new ExtensionConfigurationException(BrokerKind.PROPERTY + "=testcontainers needs a Docker"
                    + " engine, and Testcontainers found none; use embedded or auto instead");
        }
    }

    private static boolean isRestartable(ExtensionContext context) {
        Optional<Class<?>> testClass = context.getTestClass();
        if (testClass.isEmpty()) {
            return false;
        }
        return AnnotationSupport.findAnnotation(testClass.get(), KafkaBrokerTest.class)
                .map(KafkaBrokerTest::restartable)
                .orElse(false);
    }

    /** Returns the context of the test class, whose store is closed after the class's last test. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static boolean isOnClassPath(String className) {
        try {
            Class.forName(className, false, KafkaBrokerExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Touches Testcontainers classes; loaded only after they were found on the class path. */
    private static final class DockerProbe {

        static boolean isDockerAvailable() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }
    }
}
