package io.hopfieldstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft mode, running inside this JVM.
 *
 * <p>The node is both broker and controller ({@code process.roles=broker,controller}) and
 * listens on 127.0.0.1 only. On first start it formats its log directory with Kafka's storage
 * tool and then runs {@link KafkaRaftServer}, as {@code kafka-server-start.sh} does.
 * Internal topics have replication factor 1, so transactions and exactly-once processing work.
 *
 * <p>{@link #stop()} shuts the node down but keeps its log directory and ports, and a later
 * {@link #start()} runs it again on the same data and the same bootstrap address, so clients
 * reconnect on their own. {@link #close()} stops the node and deletes the log directory when
 * the broker created it.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
 *     String bootstrapServers = broker.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Thread-safe: the lifecycle methods are synchronized.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Number of port pairs tried when another process binds a chosen free port first. */
    private static final int BIND_ATTEMPTS = 3;

    private final Path logDirectory;
    private final boolean ownsLogDirectory;
    private final String clusterId;
    private final Map<String, String> overrides;
    private final Duration startupTimeout;
    private final Duration shutdownTimeout;
    private final boolean quietBrokerLogs;

    private int port;
    private int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder builder, Path logDirectory, boolean ownsLogDirectory) {
        this.logDirectory = logDirectory;
        this.ownsLogDirectory = ownsLogDirectory;
        this.clusterId = builder.clusterId;
        this.overrides = Map.copyOf(builder.overrides);
        this.startupTimeout = builder.startupTimeout;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.quietBrokerLogs = builder.quietBrokerLogs;
        this.port = builder.port;
        this.controllerPort = builder.controllerPort;
    }

    /** Returns a builder with the defaults: temporary log directory, free ports, quiet logs. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node and returns when it accepts clients. The first start formats the log
     * directory unless it was formatted before; later starts reuse its data and the ports.
     *
     * @throws IllegalStateException when the broker is running or closed
     * @throws BrokerStartException when formatting fails or the node does not start within the
     *     startup timeout
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("The embedded Kafka broker was closed; build a new one");
        }
        if (server != null) {
            throw new IllegalStateException("The embedded Kafka broker is already running at " + bootstrapServers());
        }

        long startNanos = System.nanoTime();
        if (quietBrokerLogs) {
            BrokerLogLevels.quiet();
        }
        boolean choosingPorts = port == 0 && controllerPort == 0;

        for (int attempt = 1; ; attempt++) {
            choosePorts();
            Properties properties = BrokerProperties.of(port, controllerPort, logDirectory, overrides);
            if (!LogDirectoryFormatter.isFormatted(logDirectory)) {
                LogDirectoryFormatter.format(logDirectory, properties, clusterId);
            }

            try {
                server = runServer(properties);
                break;
            } catch (BrokerStartException e) {
                if (!isBindFailure(e)) {
                    throw e;
                }
                if (!choosingPorts || attempt == BIND_ATTEMPTS) {
                    throw new BrokerStartException("Failed to bind the embedded Kafka broker to 127.0.0.1 ports "
                            + port + " and " + controllerPort
                            + ": one of them is already in use; choose other ports, or 0 for free ones", e);
                }
                // A formatted log directory starts on any ports, so only the ports change.
                LOG.warn("Kafka broker ports {} and {} were taken before the broker bound them; trying new ports",
                        port, controllerPort);
                port = 0;
                controllerPort = 0;
            }
        }

        LOG.info("Started embedded Kafka broker (KRaft, node {}) at {} in {} ms, log directory {}",
                BrokerProperties.NODE_ID, bootstrapServers(), elapsedMillis(startNanos), logDirectory);
        return this;
    }

    /**
     * Stops the node within the shutdown timeout and keeps its log directory and ports, so
     * {@link #start()} can run it again. Does nothing when it is not running.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        KafkaRaftServer stopping = server;
        server = null;

        if (shutdown(stopping)) {
            LOG.info("Stopped embedded Kafka broker at {} in {} ms", bootstrapServers(), elapsedMillis(startNanos));
        }
    }

    /** Stops the node and deletes the log directory when the broker created it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (ownsLogDirectory) {
            deleteRecursively(logDirectory);
        }
    }

    /**
     * Returns the client address, {@code 127.0.0.1:<port>}. It stays the same across
     * {@link #stop()} and {@link #start()}.
     *
     * @throws IllegalStateException before the first start when the port is chosen on start
     */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("The embedded Kafka broker has not started yet, so it has no port");
        }
        return BrokerProperties.HOST + ":" + port;
    }

    /** Returns whether the node is running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Returns the log directory, which contains both topic data and the KRaft metadata log. */
    public Path logDirectory() {
        return logDirectory;
    }

    /** Returns the cluster id written when the log directory is formatted by this broker. */
    public String clusterId() {
        return clusterId;
    }

    private void choosePorts() {
        if (port == 0) {
            port = FreePorts.pickOtherThan(controllerPort);
        }
        if (controllerPort == 0) {
            controllerPort = FreePorts.pickOtherThan(port);
        }
    }

    private KafkaRaftServer runServer(Properties properties) {
        KafkaRaftServer candidate;
        try {
            candidate = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new BrokerStartException("Invalid embedded Kafka broker configuration: " + e.getMessage(), e);
        }

        BrokerStartException failure;
        try {
            if (BoundedTask.run("kafka-broker-start", startupTimeout, candidate::startup)) {
                return candidate;
            }
            failure = new BrokerStartException("Timed out after " + startupTimeout.toMillis()
                    + " ms waiting for the embedded Kafka broker to start (log directory " + logDirectory
                    + "); raise startupTimeout or read the broker's WARN and ERROR lines");
        } catch (ExecutionException e) {
            failure = new BrokerStartException("Failed to start the embedded Kafka broker (log directory "
                    + logDirectory + "): " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new BrokerStartException("Interrupted while starting the embedded Kafka broker", e);
        }

        shutdown(candidate);
        throw failure;
    }

    /**
     * Shuts {@code target} down within the shutdown timeout.
     *
     * @return true when it stopped; otherwise it logs the reason at WARN, and its threads may still run
     */
    private boolean shutdown(KafkaRaftServer target) {
        String address = port == 0 ? "(no port yet)" : bootstrapServers();
        try {
            boolean stopped = BoundedTask.run("kafka-broker-stop", shutdownTimeout, () -> {
                target.shutdown();
                target.awaitShutdown();
            });
            if (!stopped) {
                LOG.warn("Timed out after {} ms stopping the embedded Kafka broker at {}; its threads may still run",
                        shutdownTimeout.toMillis(), address);
            }
            return stopped;
        } catch (ExecutionException e) {
            LOG.warn("Failed to stop the embedded Kafka broker at {} cleanly", address, e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping the embedded Kafka broker at {}; its threads may still run", address);
            return false;
        }
    }

    private static boolean isBindFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Failed to delete the Kafka log directory {}: {}", directory, e.toString());
        }
    }

    /** Settings of an {@link EmbeddedKafkaBroker}; every setting has a default. */
    public static final class Builder {

        private Path logDirectory;
        private int port;
        private int controllerPort;
        private String clusterId = Uuid.randomUuid().toString();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private boolean quietBrokerLogs = true;

        private Builder() {
        }

        /**
         * Sets the log directory, which is kept on {@link #close()} and reused when it contains a
         * formatted node. Default: a new temporary directory, deleted on close.
         */
        public Builder logDirectory(Path directory) {
            this.logDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Sets the client (PLAINTEXT) port on 127.0.0.1. Default 0: a free port chosen on start. */
        public Builder port(int port) {
            this.port = checkPort(port, "port");
            return this;
        }

        /** Sets the controller (KRaft quorum) port on 127.0.0.1. Default 0: a free port chosen on start. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port, "controllerPort");
            return this;
        }

        /** Sets the cluster id used to format a new log directory. Default: a random id. */
        public Builder clusterId(String clusterId) {
            Objects.requireNonNull(clusterId, "clusterId");
            try {
                Uuid.fromString(clusterId);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid Kafka cluster id '" + clusterId
                        + "': expected a base64 UUID such as " + Uuid.randomUuid(), e);
            }
            this.clusterId = clusterId;
            return this;
        }

        /**
         * Sets a Kafka server property, for example {@code auto.create.topics.enable=false}. It
         * overrides the broker's defaults, including the listener and replication settings.
         */
        public Builder brokerProperty(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the maximum time {@link #start()} waits for the node to accept clients. Default 60 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = checkPositive(timeout, "startupTimeout");
            return this;
        }

        /** Sets the maximum time {@link #stop()} waits for the node to shut down. Default 30 s. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = checkPositive(timeout, "shutdownTimeout");
            return this;
        }

        /**
         * Sets whether the broker's own loggers are lowered to WARN where Logback has no level
         * configured for them. Default true.
         */
        public Builder quietBrokerLogs(boolean quiet) {
            this.quietBrokerLogs = quiet;
            return this;
        }

        /** Builds the broker without starting it; creates the temporary log directory if needed. */
        public EmbeddedKafkaBroker build() {
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
            }
            if (logDirectory != null) {
                return new EmbeddedKafkaBroker(this, createDirectories(logDirectory), false);
            }
            try {
                return new EmbeddedKafkaBroker(this, Files.createTempDirectory("hopfield-kafka-"), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to create a temporary Kafka log directory", e);
            }
        }

        private static Path createDirectories(Path directory) {
            try {
                return Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to create the Kafka log directory " + directory, e);
            }
        }

        private static int checkPort(int port, String name) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(name + " must be in 0..65535 (0 chooses a free port), got " + port);
            }
            return port;
        }

        private static Duration checkPositive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + timeout);
            }
            return timeout;
        }
    }
}
