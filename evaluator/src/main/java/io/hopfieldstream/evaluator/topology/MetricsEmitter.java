package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.windows.MetricsAccumulator;
import io.hopfieldstream.evaluator.windows.MetricsGroup;
import io.hopfieldstream.evaluator.windows.WindowMetricsFactory;
import io.hopfieldstream.evaluator.windows.WindowType;
import io.hopfieldstream.schemas.WindowMetrics;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns updated window totals into {@link WindowMetrics} records keyed for {@code metrics.rolling}. */
final class MetricsEmitter {

    private MetricsEmitter() {
    }

    /** Emits cumulative totals, keyed by group. */
    static final class Cumulative implements Processor<String, MetricsAccumulator, String, WindowMetrics> {

        private final WindowMetricsFactory metricsFactory;
        private ProcessorContext<String, WindowMetrics> context;

        Cumulative(WindowMetricsFactory metricsFactory) {
            this.metricsFactory = metricsFactory;
        }

        @Override
        public void init(ProcessorContext<String, WindowMetrics> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, MetricsAccumulator> record) {
            if (record.value() == null) {
                return;
            }
            MetricsGroup group = MetricsGroup.parse(record.key());
            WindowMetrics metrics = metricsFactory.createSpanning(group, WindowType.CUMULATIVE, record.value(),
                    context.currentSystemTimeMs());
            context.forward(record.withKey(group.windowKey(WindowType.CUMULATIVE, 0L)).withValue(metrics));
        }
    }

    /** Emits hopping-window totals, keyed by group and window start. */
    static final class Hopping implements Processor<Windowed<String>, MetricsAccumulator, String, WindowMetrics> {

        private final WindowMetricsFactory metricsFactory;
        private ProcessorContext<String, WindowMetrics> context;

        Hopping(WindowMetricsFactory metricsFactory) {
            this.metricsFactory = metricsFactory;
        }

        @Override
        public void init(ProcessorContext<String, WindowMetrics> context) {
            this.context = context;
        }

        @Override
        public void process(Record<Windowed<String>, MetricsAccumulator> record) {
            if (record.value() == null) {
                return;
            }
            MetricsGroup group = MetricsGroup.parse(record.key().key());
            long start = record.key().window().start();
            long end = record.key().window().end();
            WindowMetrics metrics = metricsFactory.create(group, WindowType.HOPPING, start, end, record.value(),
                    context.currentSystemTimeMs());
            context.forward(new Record<>(group.windowKey(WindowType.HOPPING, start), metrics, record.timestamp(),
                    record.headers()));
        }
    }
}
