package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.schemas.Reconstruction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Takes a reconstruction's event time from its {@code retrievedAtMs}, so windows follow retrieval time even
 * when records are replayed later. A record without a positive retrieval time keeps the timestamp Kafka gave it.
 */
public final class RetrievalTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Reconstruction reconstruction && reconstruction.getRetrievedAtMs() > 0) {
            return reconstruction.getRetrievedAtMs();
        }
        return record.timestamp();
    }
}
