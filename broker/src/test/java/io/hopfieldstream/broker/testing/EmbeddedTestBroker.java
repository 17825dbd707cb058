package io.hopfieldstream.broker.testing;

import io.hopfieldstream.broker.EmbeddedKafkaBroker;

/** A {@link TestBroker} backed by an {@link EmbeddedKafkaBroker} with a temporary log directory. */
final class EmbeddedTestBroker extends AbstractTestBroker {

    private final EmbeddedKafkaBroker broker;
    private final boolean restartable;

    private EmbeddedTestBroker(EmbeddedKafkaBroker broker, boolean restartable) {
        this.broker = broker;
        this.restartable = restartable;
    }

    /** Starts a new embedded broker; {@code restartable} decides whether tests may stop it. */
    static EmbeddedTestBroker launch(boolean restartable) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build();
        try {
            broker.start();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return new EmbeddedTestBroker(broker, restartable);
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.EMBEDDED;
    }

    @Override
    public boolean supportsRestart() {
        return restartable;
    }

    @Override
    public void stop() {
        checkRestartable("stop");
        broker.stop();
    }

    @Override
    public void start() {
        checkRestartable("start");
        if (!broker.isRunning()) {
            broker.start();
        }
    }

    @Override
    public boolean isRunning() {
        return broker.isRunning();
    }

    @Override
    void closeBroker() {
        broker.close();
    }

    private void checkRestartable(String operation) {
        if (!restartable) {
            throw new UnsupportedOperationException("Cannot " + operation + " the Kafka broker shared by all"
                    + " tests in this JVM; annotate the test class with @KafkaBrokerTest(restartable = true)");
        }
    }
}
