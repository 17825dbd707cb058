package io.hopfieldstream.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@KafkaBrokerTest(restartable = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartableBrokerIT {

    @Test
    @Order(1)
    void restartableBrokerIsEmbedded(TestBroker broker) {
        assertThat(broker.kind()).isEqualTo(BrokerKind.EMBEDDED);
        assertThat(broker.supportsRestart()).isTrue();
    }

    @Test
    @Order(2)
    void restartKeepsDataAndAddress(TestBroker broker) throws Exception {
        String topic = broker.uniqueName("outage");
        broker.createTopic(topic, 1);
        String address = broker.bootstrapServers();

        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, String> producer = BrokerSmokeChecks.newProducer(address, null)) {
            producer.send(new ProducerRecord<>(topic, 0, "k", "before")).get(30, TimeUnit.SECONDS);

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            // send() blocks while the producer has no metadata for the topic, so it runs on its own thread.
            Future<RecordMetadata> sentDuringOutage =
                    sender.submit(() -> producer.send(new ProducerRecord<>(topic, 0, "k", "during")).get());

            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            assertThat(sentDuringOutage.get(60, TimeUnit.SECONDS).offset()).isEqualTo(1L);
        } finally {
            sender.shutdownNow();
        }

        List<ConsumerRecord<String, String>> records = BrokerSmokeChecks.readAll(address, topic, "read_committed", 2);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("before", "during");
    }

    @Test
    @Order(3)
    void stopLeavesBrokerStopped(TestBroker broker) {
        broker.stop();

        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    @Order(4)
    void stoppedBrokerRunsAgainForNextTest(TestBroker broker) {
        assertThat(broker.isRunning()).isTrue();

        BrokerSmokeChecks.produceAndConsume(broker.bootstrapServers(), broker.uniqueName("after-restart"));
    }
}
