package io.hopfieldstream.launcher.stress;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts what the probe producers send and what the broker acknowledges, through a Kafka producer
 * interceptor, so the stress run measures the project's own probe publishers unchanged. Add
 * {@link #producerProperties()} to the publishers' client properties; every producer made with them
 * reports here.
 *
 * <p>Sent: records handed to {@code send()}. Acknowledged: records the broker confirmed, with their
 * serialized value bytes and the time from the record's timestamp (its send time) to the
 * acknowledgement. Failed: records whose send ended in an error.
 */
public final class SendMeter implements AutoCloseable {

    /** Producer property that names the meter an interceptor reports to. */
    static final String METER_ID_PROPERTY = "hopfield.stress.send-meter";

    /** Longest acknowledgement time the histogram holds, in milliseconds; longer ones are clamped. */
    static final long MAX_TRACKED_MILLIS = 3_600_000L;

    private static final Map<String, SendMeter> METERS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong acknowledgedBytes = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Long> failuresByType = new TreeMap<>();
    private final Histogram ackMillis = new Histogram(MAX_TRACKED_MILLIS, 3);

    /** Creates a meter and registers it for the interceptors of producers made afterwards. */
    public SendMeter() {
        METERS.put(id, this);
    }

    /** Returns the producer properties that attach this meter: the interceptor class and the meter's id. */
    public Map<String, Object> producerProperties() {
        return Map.of(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, Interceptor.class.getName(), METER_ID_PROPERTY, id);
    }

    /** Returns a consistent copy of the counts. */
    public synchronized Counts counts() {
        return new Counts(sent.get(), acknowledged.get(), acknowledgedBytes.get(), failed.get(),
                new TreeMap<>(failuresByType));
    }

    /** Returns a copy of the acknowledgement-time histogram, in milliseconds. */
    public synchronized Histogram ackLatency() {
        return ackMillis.copy();
    }

    /** Unregisters the meter; producers still attached stop reporting. */
    @Override
    public void close() {
        METERS.remove(id);
    }

    private void onSend() {
        sent.incrementAndGet();
    }

    private synchronized void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failed.incrementAndGet();
            failuresByType.merge(exception.getClass().getSimpleName(), 1L, Long::sum);
            return;
        }
        acknowledged.incrementAndGet();
        acknowledgedBytes.addAndGet(Math.max(0, metadata.serializedValueSize()));
        if (metadata.hasTimestamp()) {
            long millis = Math.max(0, System.currentTimeMillis() - metadata.timestamp());
            ackMillis.recordValue(Math.min(millis, MAX_TRACKED_MILLIS));
        }
    }

    /**
     * Send counts at one moment.
     *
     * @param sent records handed to the producers
     * @param acknowledged records the broker confirmed
     * @param acknowledgedBytes serialized value bytes of the confirmed records
     * @param failed records whose send failed
     * @param failuresByType failed records by exception class name
     */
    public record Counts(long sent, long acknowledged, long acknowledgedBytes, long failed,
            Map<String, Long> failuresByType) {
    }

    /**
     * The producer interceptor; Kafka creates one per producer from {@code interceptor.classes} and
     * calls it from the sending thread and the producer's I/O thread.
     */
    public static final class Interceptor implements ProducerInterceptor<Object, Object> {

        private volatile SendMeter meter;

        @Override
        public void configure(Map<String, ?> configs) {
            Object id = configs.get(METER_ID_PROPERTY);
            if (id == null) {
                throw new IllegalArgumentException("Producer property " + METER_ID_PROPERTY + " is missing: add "
                        + "SendMeter.producerProperties() to the producer's properties");
            }
            SendMeter registered = METERS.get(id.toString());
            this.meter = Objects.requireNonNull(registered, () -> "No send meter with id " + id + " is open");
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            meter.onSend();
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            meter.onAcknowledgement(metadata, exception);
        }

        @Override
        public void close() {
            // The meter outlives its producers; the run closes it.
        }
    }
}
