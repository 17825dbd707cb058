package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.ScoredReconstruction;

import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the records that arrive too late for some of their hopping windows, then forwards every record
 * unchanged.
 *
 * <p>It sits directly before the hopping-window aggregation and applies the same rule to the same records in the
 * same order. Stream time is the largest timestamp seen by this processor since the task started, and a window
 * is closed once its end is at or before {@code stream time - grace}. Kafka Streams skips a record for every
 * closed window. Such a record is late: its count per group goes to {@link EvaluatorTopology#LATE_RECORDS_STORE}
 * and a rate-limited warning names it. It still counts in the count and cumulative windows.
 */
final class LateRecordProcessor implements FixedKeyProcessor<String, ScoredReconstruction, ScoredReconstruction> {

    private static final Logger LOG = LoggerFactory.getLogger(LateRecordProcessor.class);
    private static final RateLimitedLog RATE_LIMITED = new RateLimitedLog(LOG);

    private final TimeWindows windows;

    private FixedKeyProcessorContext<String, ScoredReconstruction> context;
    private KeyValueStore<String, Long> lateRecords;
    private long observedStreamTime = -1L;

    LateRecordProcessor(TimeWindows windows) {
        this.windows = windows;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ScoredReconstruction> context) {
        this.context = context;
        this.lateRecords = context.getStateStore(EvaluatorTopology.LATE_RECORDS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ScoredReconstruction> record) {
        long timestamp = record.timestamp();
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        long closeTime = observedStreamTime - windows.gracePeriodMs();

        int missed = 0;
        int total = 0;
        for (Window window : windows.windowsFor(timestamp).values()) {
            total++;
            if (window.end() <= closeTime) {
                missed++;
            }
        }

        if (missed > 0) {
            Long previous = lateRecords.get(record.key());
            long late = (previous == null ? 0L : previous) + 1;
            lateRecords.put(record.key(), late);
            RATE_LIMITED.warn("Late record for group {}: probe {} retrieved at {} ms missed {} of its {} hopping "
                            + "windows, closed at stream time {} ms with grace {} ms; {} late records in this "
                            + "group so far",
                    record.key(), record.value().probeId(), timestamp, missed, total, observedStreamTime,
                    windows.gracePeriodMs(), late);
        }
        context.forward(record);
    }
}
