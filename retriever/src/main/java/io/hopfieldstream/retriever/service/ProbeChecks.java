package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and checks the probes of one batch. Each record ends up accepted (a probe to retrieve),
 * rejected (for the dead-letter topic, with its reason) or skipped (a replay ignores probes of other
 * experiments). Checks: the value decodes as a {@link Probe}, probeId and experimentId are not blank,
 * the label is a CIFAR-10 class from 0 to 9, pixels hold
 * {@value Topics#PIXELS_PER_IMAGE} values, a known-pixel mask has as many entries, each 0 or 1 and at
 * least one 1, and a truth pattern id names a pattern of the memory. The pixel and mask checks match
 * {@link io.hopfieldstream.retriever.retrieval.ProbeValidation}, which the backends enforce by failing the
 * whole batch, so a probe that breaks them is rejected here. The retrieval loop catches any other input
 * that a backend rejects by retrying the batch probe by probe. Thread-safe.
 */
final class ProbeChecks {

    /** Number of CIFAR-10 classes, so a valid label is 0 to 9. */
    static final int LABEL_COUNT = 10;

    private final RecordCodec<Probe> codec = RecordCodec.forClass(Probe.class);
    private final String replayExperimentId;

    /**
     * @param replayExperimentId the only experiment whose probes are accepted, or null to accept all
     */
    ProbeChecks(String replayExperimentId) {
        this.replayExperimentId = replayExperimentId;
    }

    /** Checks a batch of records against one memory version, in record order. */
    CheckedBatch check(List<ConsumerRecord<byte[], byte[]>> records, MemoryVersion memory) {
        List<AcceptedProbe> accepted = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        int skipped = 0;

        for (ConsumerRecord<byte[], byte[]> record : records) {
            Outcome outcome = check(record, memory);
            if (outcome.accepted() != null) {
                accepted.add(outcome.accepted());
            } else if (outcome.rejected() != null) {
                rejected.add(outcome.rejected());
            } else {
                skipped++;
            }
        }
        return new CheckedBatch(records, accepted, rejected, skipped);
    }

    private Outcome check(ConsumerRecord<byte[], byte[]> record, MemoryVersion memory) {
        if (record.value() == null) {
            return reject(record, RejectReason.MISSING_VALUE, "the record has a null value");
        }

        Probe probe;
        try {
            probe = codec.decode(record.topic(), record.value());
        } catch (RecordDecodeException e) {
            return reject(record, RejectReason.of(e.reason()), e.getMessage());
        }

        if (replayExperimentId != null && !replayExperimentId.equals(probe.getExperimentId())) {
            return Outcome.SKIPPED;
        }
        if (probe.getProbeId() == null || probe.getProbeId().isBlank()) {
            return reject(record, RejectReason.MISSING_PROBE_ID, "probeId is blank");
        }
        if (probe.getExperimentId() == null || probe.getExperimentId().isBlank()) {
            return reject(record, RejectReason.MISSING_EXPERIMENT_ID, "probe " + probe.getProbeId()
                    + " has a blank experimentId");
        }
        if (probe.getLabel() < 0 || probe.getLabel() >= LABEL_COUNT) {
            return reject(record, RejectReason.INVALID_LABEL, "probe " + probe.getProbeId() + " has label "
                    + probe.getLabel() + ", expected a CIFAR-10 class from 0 to " + (LABEL_COUNT - 1));
        }

        byte[] pixels = bytes(probe.getPixels());
        if (pixels.length != Topics.PIXELS_PER_IMAGE) {
            return reject(record, RejectReason.WRONG_PIXEL_COUNT, "probe " + probe.getProbeId() + " has "
                    + pixels.length + " pixel values, expected " + Topics.PIXELS_PER_IMAGE);
        }

        byte[] mask = probe.getKnownMask() == null ? null : bytes(probe.getKnownMask());
        if (mask != null) {
            Outcome maskProblem = checkMask(record, probe.getProbeId(), mask);
            if (maskProblem != null) {
                return maskProblem;
            }
        }

        String truth = probe.getTruthPatternId();
        if (truth != null && !memory.contains(truth)) {
            return reject(record, RejectReason.UNKNOWN_PATTERN, "probe " + probe.getProbeId()
                    + " names truth pattern '" + truth + "', which " + memory + " does not hold");
        }

        return new Outcome(new AcceptedProbe(record, probe, pixels, mask), null);
    }

    private static Outcome checkMask(ConsumerRecord<byte[], byte[]> record, String probeId, byte[] mask) {
        if (mask.length != Topics.PIXELS_PER_IMAGE) {
            return reject(record, RejectReason.INVALID_MASK_LENGTH, "probe " + probeId + " has a known-pixel mask of "
                    + mask.length + " entries, expected " + Topics.PIXELS_PER_IMAGE);
        }
        int known = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0 && mask[i] != 1) {
                return reject(record, RejectReason.INVALID_MASK_VALUE, "probe " + probeId + " has mask value "
                        + (mask[i] & 0xFF) + " at index " + i + ", expected 0 (missing) or 1 (known)");
            }
            known += mask[i];
        }
        if (known == 0) {
            return reject(record, RejectReason.NO_KNOWN_PIXELS, "probe " + probeId
                    + " has a known-pixel mask that marks every pixel as missing");
        }
        return null;
    }

    private static Outcome reject(ConsumerRecord<byte[], byte[]> record, RejectReason reason, String detail) {
        return new Outcome(null, new RejectedRecord(record, reason, detail));
    }

    /** Copies the remaining bytes of a buffer without moving its position. */
    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private record Outcome(AcceptedProbe accepted, RejectedRecord rejected) {
        static final Outcome SKIPPED = new Outcome(null, null);
    }

    /** A probe that passed every check, with its pixels and mask copied out of the record. */
    record AcceptedProbe(ConsumerRecord<byte[], byte[]> record, Probe probe, byte[] pixels, byte[] knownMask) {
    }

    /** A record for the dead-letter topic. */
    record RejectedRecord(ConsumerRecord<byte[], byte[]> record, RejectReason reason, String detail) {
    }

    /**
     * The checked records of one batch.
     *
     * @param records every record of the batch, in consumption order; the offsets committed cover them all
     * @param skipped records of other experiments that a replay ignores
     */
    record CheckedBatch(List<ConsumerRecord<byte[], byte[]>> records, List<AcceptedProbe> accepted,
            List<RejectedRecord> rejected, int skipped) {

        boolean hasUnknownTruth() {
            return rejected.stream().anyMatch(r -> r.reason() == RejectReason.UNKNOWN_PATTERN);
        }
    }
}
