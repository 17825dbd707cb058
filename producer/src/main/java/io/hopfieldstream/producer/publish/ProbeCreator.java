package io.hopfieldstream.producer.publish;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.hopfieldstream.schemas.Probe;

/**
 * Makes chunks of consecutive probes, in parallel on a pool of its own when it has more than one thread.
 * Each probe depends only on its index, so the result is the same for any number of threads.
 */
final class ProbeCreator implements AutoCloseable {

    /** Chunks smaller than this are made on the calling thread; splitting them costs more than it saves. */
    private static final int MIN_PARALLEL_CHUNK = 16;

    private final ForkJoinPool pool;

    ProbeCreator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Probe creation needs at least 1 thread, got " + threads);
        }
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, ProbeCreator::newThread, null, false);
    }

    /** Returns probes {@code firstIndex .. firstIndex + count - 1}, probe i made from target i mod size. */
    List<Probe> create(ProbeFactory factory, List<ProbeTarget> targets, long firstIndex, int count) {
        LongStream indices = LongStream.range(firstIndex, firstIndex + count);
        if (pool == null || count < MIN_PARALLEL_CHUNK) {
            return indices.mapToObj(index -> make(factory, targets, index)).toList();
        }
        try {
            return pool.submit(() -> indices.parallel().mapToObj(index -> make(factory, targets, index)).toList())
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to make probes from index " + firstIndex, e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Probe make(ProbeFactory factory, List<ProbeTarget> targets, long index) {
        ProbeTarget target = targets.get((int) (index % targets.size()));
        return factory.create(target, index, 0L);
    }

    private static ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("hopfield-probe-creator-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    }
}
