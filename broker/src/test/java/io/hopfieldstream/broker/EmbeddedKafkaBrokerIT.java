package io.hopfieldstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hopfieldstream.broker.testing.BrokerSmokeChecks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void startServesClientsOnLoopback() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
                assertThat(nodes).singleElement().satisfies(node -> {
                    assertThat(node.host()).isEqualTo("127.0.0.1");
                    assertThat(node.id()).isEqualTo(1);
                });
            }
        }
    }

    @Test
    void closeStopsAndDeletesTemporaryDirectory() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        Path logDirectory = broker.logDirectory();
        int port = port(broker);
        assertThat(logDirectory.resolve("meta.properties")).isRegularFile();

        broker.close();

        assertThat(broker.isRunning()).isFalse();
        assertThat(logDirectory).doesNotExist();
        assertThat(accepts(port)).isFalse();
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closeKeepsExplicitDirectory(@TempDir Path temp) {
        Path logDirectory = temp.resolve("kafka-logs");

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().logDirectory(logDirectory).build().start()) {
            assertThat(broker.logDirectory()).isEqualTo(logDirectory);
        }

        assertThat(logDirectory.resolve("meta.properties")).isRegularFile();
    }

    @Test
    void startTwiceFails() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running at " + broker.bootstrapServers());
        }
    }

    @Test
    void startOnTakenPortFails() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(taken.getLocalPort()).build()) {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("already in use");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void bootstrapServersBeforeStartFails() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build()) {
            assertThatThrownBy(broker::bootstrapServers)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not started");
        }
    }

    @Test
    void produceAndConsume() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            BrokerSmokeChecks.produceAndConsume(broker.bootstrapServers(), "plain");
        }
    }

    @Test
    void transactionsHideAbortedRecords() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            BrokerSmokeChecks.transactionsHideAbortedRecords(broker.bootstrapServers(), "transactions", "tx-1");
        }
    }

    @Test
    void restartKeepsDataAndPort(@TempDir Path temp) throws Exception {
        Path logDirectory = temp.resolve("kafka-logs");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().logDirectory(logDirectory).build().start()) {
            String address = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = BrokerSmokeChecks.newProducer(address, null)) {
                producer.send(new ProducerRecord<>("kept", 0, "k", "v1")).get(30, TimeUnit.SECONDS);
            }

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(accepts(port(broker))).isFalse();
            broker.start();

            assertThat(broker.bootstrapServers()).isEqualTo(address);
            List<ConsumerRecord<String, String>> records =
                    BrokerSmokeChecks.readAll(address, "kept", "read_committed", 1);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("v1");
        }
    }

    @Test
    void newBrokerReusesFormattedDirectory(@TempDir Path temp) throws Exception {
        Path logDirectory = temp.resolve("kafka-logs");
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().logDirectory(logDirectory).build().start()) {
            clusterId = first.clusterId();
            BrokerSmokeChecks.produceAndConsume(first.bootstrapServers(), "reused");
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().logDirectory(logDirectory).build().start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", second.bootstrapServers()))) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
            }
            List<ConsumerRecord<String, String>> records =
                    BrokerSmokeChecks.readAll(second.bootstrapServers(), "reused", "read_committed", 10);
            assertThat(records).hasSize(10);
        }
        assertThat(Files.readString(logDirectory.resolve("meta.properties"))).contains(clusterId);
    }

    private static int port(EmbeddedKafkaBroker broker) {
        String address = broker.bootstrapServers();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
