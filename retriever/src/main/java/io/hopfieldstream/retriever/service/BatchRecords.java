package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.deadletter.DeadLetter;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds the output records of a batch: reconstructions keyed by probe id, and dead letters. Thread-safe. */
final class BatchRecords {

    /** Name of the retriever in dead-letter records. */
    static final String SERVICE = "retriever";

    private final RecordCodec<Reconstruction> codec = RecordCodec.forClass(Reconstruction.class);
    private final String reconstructionTopic;
    private final String deadLetterTopic;
    private final String runId;

    BatchRecords(String reconstructionTopic, String deadLetterTopic, String runId) {
        this.reconstructionTopic = reconstructionTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.runId = runId;
    }

    /** Builds the reconstruction of one probe from its result against the batch's memory version. */
    ProducerRecord<byte[], byte[]> reconstruction(Probe probe, RetrievalResult result, MemoryVersion memory,
            long retrievedAtMs) {
        Reconstruction reconstruction = Reconstruction.newBuilder()
                .setExperimentId(probe.getExperimentId())
                .setRunId(runId)
                .setProbeId(probe.getProbeId())
                .setTruthPatternId(probe.getTruthPatternId())
                .setLabel(probe.getLabel())
                .setRetrievedPatternId(memory.patternIdAt(result.retrievedIndex()))
                .setRetrievedWeight(result.retrievedWeight())
                .setAttentionSpread(result.attentionSpread())
                .setIterations(result.iterations())
                .setConverged(result.converged())
                .setPixels(ByteBuffer.wrap(result.reconstruction()))
                .setCorruption(probe.getCorruption())
                .setProbeCreatedAtMs(probe.getCreatedAtMs())
                .setRetrievedAtMs(retrievedAtMs)
                .build();

        byte[] key = probe.getProbeId().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(reconstructionTopic, key, codec.encode(reconstructionTopic, reconstruction));
    }

    /** Builds the dead letter of a rejected probe record, keeping its key, value and headers. */
    ProducerRecord<byte[], byte[]> deadLetter(ProbeChecks.RejectedRecord rejected) {
        return DeadLetter.from(rejected.record())
                .reason(rejected.reason().name(), rejected.detail())
                .service(SERVICE)
                .topic(deadLetterTopic)
                .build();
    }
}
