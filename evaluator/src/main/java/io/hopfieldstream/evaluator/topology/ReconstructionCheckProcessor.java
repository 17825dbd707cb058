package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.ReconstructionChecks;
import io.hopfieldstream.schemas.Reconstruction;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Applies {@link ReconstructionChecks} with the task's wall clock and the global memory store, and forwards each
 * reconstruction that passes. A failed check raises the exception that the processing exception handler sends
 * to the dead-letter topic.
 */
final class ReconstructionCheckProcessor implements FixedKeyProcessor<String, Reconstruction, Reconstruction> {

    private final String memoryStoreName;
    private FixedKeyProcessorContext<String, Reconstruction> context;
    private ReadOnlyKeyValueStore<String, ?> memory;

    ReconstructionCheckProcessor(String memoryStoreName) {
        this.memoryStoreName = memoryStoreName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Reconstruction> context) {
        this.context = context;
        this.memory = context.getStateStore(memoryStoreName);
    }

    @Override
    public void process(FixedKeyRecord<String, Reconstruction> record) {
        ReconstructionChecks.check(record.value(), context.currentSystemTimeMs(), id -> memory.get(id) != null);
        context.forward(record);
    }
}
