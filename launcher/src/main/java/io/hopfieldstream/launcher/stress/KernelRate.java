package io.hopfieldstream.launcher.stress;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.publish.ProbeFactory;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;
import io.hopfieldstream.schemas.Probe;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the retrieval backend alone on the stress run's settings: the same memory, batch size,
 * retrieval settings and corruption mix, with probes made by the same {@link ProbeFactory}. One
 * untimed batch prepares the backend's memory; then full batches run back to back for the given
 * time, on a thread of their own that creates, uses and closes the backend.
 */
final class KernelRate {

    private static final Logger log = LoggerFactory.getLogger(KernelRate.class);

    /** Probes prepared in advance and cycled through; enough for two different batches. */
    private static final int PREPARED_BATCHES = 2;

    private final RetrievalBackendFactory backendFactory;
    private final RetrievalSettings retrieval;
    private final int batchSize;

    KernelRate(RetrievalBackendFactory backendFactory, RetrievalSettings retrieval, int batchSize) {
        this.backendFactory = backendFactory;
        this.retrieval = retrieval;
        this.batchSize = batchSize;
    }

    /**
     * Runs the measurement.
     *
     * @param memory the memory to retrieve from
     * @param targets images the probes are made from, cycled through
     * @param corruptions the corruption mix, used in turn
     * @param experimentSeed seed of the corruptions
     * @param duration time of the timed batches; at least one batch runs
     */
    KernelMeasurement measure(MemorySnapshot memory, List<ProbeTarget> targets, List<CorruptionSpec> corruptions,
            long experimentSeed, Duration duration) throws InterruptedException {
        List<ProbeBatch> batches = prepare(targets, corruptions, experimentSeed);
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread worker = new Thread(runnable, "stress-kernel");
            worker.setDaemon(true);
            return worker;
        });
        try {
            Future<KernelMeasurement> result = thread.submit(() -> run(memory, batches, duration));
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The kernel measurement failed: " + e.getCause(), e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }

    private KernelMeasurement run(MemorySnapshot memory, List<ProbeBatch> batches, Duration duration) {
        try (RetrievalBackend backend = backendFactory.create(retrieval)) {
            long warmStart = System.nanoTime();
            backend.retrieve(memory, batches.get(0));
            log.info("Kernel warm-up batch of {} probes against {} patterns took {} ms (memory preparation included)",
                    batchSize, memory.size(), (System.nanoTime() - warmStart) / 1_000_000);

            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            int count = 0;
            do {
                backend.retrieve(memory, batches.get(count % batches.size()));
                count++;
            } while (System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted());
            double seconds = (System.nanoTime() - start) / 1e9;

            KernelMeasurement measurement = new KernelMeasurement((double) count * batchSize / seconds,
                    seconds * 1000.0 / count, batchSize, memory.size(), count, seconds, backend.describe());
            log.info("Kernel rate: {} batches of {} probes in {} s, {} images/s, {} ms a batch", count, batchSize,
                    String.format("%.2f", seconds), String.format("%.1f", measurement.imagesPerSecond()),
                    String.format("%.1f", measurement.batchMillis()));
            return measurement;
        }
    }

    /** Makes the probes of the timed batches, cycling through the corruptions and the targets. */
    private List<ProbeBatch> prepare(List<ProbeTarget> targets, List<CorruptionSpec> corruptions, long seed) {
        List<ProbeFactory> factories = new ArrayList<>();
        for (CorruptionSpec corruption : corruptions) {
            factories.add(new ProbeFactory("kernel", corruption, seed));
        }
        List<ProbeBatch> batches = new ArrayList<>();
        long index = 0;
        for (int b = 0; b < PREPARED_BATCHES; b++) {
            List<byte[]> pixels = new ArrayList<>(batchSize);
            List<byte[]> masks = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++, index++) {
                ProbeTarget target = targets.get((int) (index % targets.size()));
                Probe probe = factories.get((int) (index % factories.size())).create(target, index, 0L);
                pixels.add(bytes(probe.getPixels()));
                masks.add(probe.getKnownMask() == null ? null : bytes(probe.getKnownMask()));
            }
            batches.add(new ProbeBatch(pixels, masks));
        }
        return batches;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
