package io.hopfieldstream.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the server properties of a single-node KRaft broker that is its own controller.
 *
 * <p>The node listens on loopback only: clients use the PLAINTEXT listener and the controller
 * quorum uses the CONTROLLER listener. Every internal topic (consumer offsets, transaction
 * state, share-group state) has replication factor 1 and min ISR 1, so transactions and
 * exactly-once processing work on one node.
 */
final class BrokerProperties {

    /** Node id of the only node; it is both broker and controller. */
    static final int NODE_ID = 1;

    static final String LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "127.0.0.1";

    private BrokerProperties() {
    }

    /**
     * Returns the properties for a broker on the given ports and log directory, with
     * {@code overrides} applied last.
     */
    static Properties of(int port, int controllerPort, Path logDirectory, Map<String, String> overrides) {
        Properties properties = new Properties();

        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", Integer.toString(NODE_ID));
        properties.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        properties.setProperty("listeners",
                LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        properties.setProperty("advertised.listeners", LISTENER + "://" + HOST + ":" + port);
        properties.setProperty("listener.security.protocol.map",
                LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.setProperty("inter.broker.listener.name", LISTENER);
        properties.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        properties.setProperty("log.dirs", logDirectory.toAbsolutePath().toString());

        properties.setProperty("default.replication.factor", "1");
        properties.setProperty("min.insync.replicas", "1");
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("offsets.topic.num.partitions", "1");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("transaction.state.log.num.partitions", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");

        // The log cleaner reserves this buffer on the heap up front (128 MiB by default).
        // 16 MiB still deduplicates about 700,000 keys per cleaning pass.
        properties.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

        properties.putAll(overrides);
        return properties;
    }
}
