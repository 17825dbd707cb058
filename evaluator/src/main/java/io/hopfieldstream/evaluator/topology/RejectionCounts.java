package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.RejectionReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the records the evaluator rejected, by reason, shared by the error handlers and the metrics endpoint.
 *
 * <p>Kafka Streams creates the error handlers itself from the configuration, so the service passes its instance
 * to them as the value of {@link #CONFIG}. A handler configured without one counts into a private instance.
 */
public final class RejectionCounts {

    /** Streams configuration key whose value is the {@link RejectionCounts} instance handlers count into. */
    public static final String CONFIG = "hopfield.evaluator.rejection.counts";

    private final Map<RejectionReason, LongAdder> counts = new EnumMap<>(RejectionReason.class);

    public RejectionCounts() {
        for (RejectionReason reason : RejectionReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    void increment(RejectionReason reason) {
        counts.get(reason).increment();
    }

    /** Returns the number of records rejected for one reason since start. */
    public long count(RejectionReason reason) {
        return counts.get(reason).sum();
    }

    /** Returns the number of records rejected for any reason since start. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Returns the instance named in a handler configuration, or a new one when there is none. */
    static RejectionCounts from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        return value instanceof RejectionCounts shared ? shared : new RejectionCounts();
    }
}
