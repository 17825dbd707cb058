package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.ScoredReconstruction;
import io.hopfieldstream.evaluator.windows.CountWindow;
import io.hopfieldstream.evaluator.windows.MetricsGroup;
import io.hopfieldstream.evaluator.windows.WindowMetricsFactory;
import io.hopfieldstream.evaluator.windows.WindowType;
import io.hopfieldstream.schemas.WindowMetrics;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the last K reconstructions of each group in {@link EvaluatorTopology#COUNT_WINDOW_STORE} and emits the
 * metrics of that window on every reconstruction.
 */
final class CountWindowProcessor implements Processor<String, ScoredReconstruction, String, WindowMetrics> {

    private final int size;
    private final WindowMetricsFactory metricsFactory;

    private ProcessorContext<String, WindowMetrics> context;
    private KeyValueStore<String, CountWindow> windows;

    CountWindowProcessor(int size, WindowMetricsFactory metricsFactory) {
        this.size = size;
        this.metricsFactory = metricsFactory;
    }

    @Override
    public void init(ProcessorContext<String, WindowMetrics> context) {
        this.context = context;
        this.windows = context.getStateStore(EvaluatorTopology.COUNT_WINDOW_STORE);
    }

    @Override
    public void process(Record<String, ScoredReconstruction> record) {
        CountWindow window = windows.get(record.key());
        if (window == null) {
            window = new CountWindow();
        }
        window.add(record.value().sample(), size);
        windows.put(record.key(), window);

        MetricsGroup group = MetricsGroup.parse(record.key());
        WindowMetrics metrics = metricsFactory.createSpanning(group, WindowType.COUNT, window.totals(),
                context.currentSystemTimeMs());
        context.forward(record.withKey(group.windowKey(WindowType.COUNT, 0L)).withValue(metrics));
    }
}
