package io.hopfieldstream.producer.publish;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts records sent, acknowledged and failed, and the bytes acknowledged, from the producer's callbacks.
 * Callbacks run on the producer's I/O thread, so the counters are atomic.
 */
final class DeliveryTracker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryTracker.class);
    private static final int LOGGED_FAILURES = 10;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong acknowledgedBytes = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /** Counts one record handed to the producer and returns the callback that counts its outcome. */
    Callback onSend(String topic, String key) {
        sent.incrementAndGet();
        return (RecordMetadata metadata, Exception exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
                acknowledgedBytes.addAndGet(Math.max(0, metadata.serializedKeySize())
                        + Math.max(0, metadata.serializedValueSize()));
                return;
            }
            long failures = failed.incrementAndGet();
            firstFailure.compareAndSet(null, exception);
            if (failures <= LOGGED_FAILURES) {
                LOG.warn("Failed to deliver record {} to topic {}: {}", key, topic, exception.toString());
            } else if (failures == LOGGED_FAILURES + 1) {
                LOG.warn("More delivery failures on topic {}; only the count is reported from now on", topic);
            }
        };
    }

    long sent() {
        return sent.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    long acknowledgedBytes() {
        return acknowledgedBytes.get();
    }

    /** Returns whether some record failed. */
    boolean hasFailed() {
        return failed.get() > 0;
    }

    /** Raises a {@link PublishException} when some record failed. */
    void throwIfFailed(String what) {
        if (!hasFailed()) {
            return;
        }
        throw new PublishException("Failed to publish " + what + ": " + failed() + " of " + sent()
                + " records failed, " + acknowledged() + " acknowledged; first error: " + firstFailure.get(),
                firstFailure.get());
    }
}
