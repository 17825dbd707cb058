package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that creates, uses and closes the retrieval backend, so the backend's working
 * arrays never cross threads. Batches run one at a time, in submission order.
 */
final class ComputeThread {

    private static final Logger log = LoggerFactory.getLogger(ComputeThread.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retriever-compute");
        thread.setDaemon(true);
        return thread;
    });
    private TimedBackend backend;

    /**
     * Creates the backend on the compute thread.
     *
     * @throws InterruptedException when the calling thread is interrupted while it waits
     * @throws RuntimeException the backend's own failure to start, unwrapped
     */
    void open(RetrievalBackendFactory factory, RetrievalSettings settings, BatchHook hook) throws InterruptedException {
        try {
            executor.submit(() -> {
                backend = new TimedBackend(factory.create(settings), hook);
                return null;
            }).get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Returns the backend's description; only after {@link #open}. */
    String describe() throws InterruptedException {
        try {
            return executor.submit(() -> backend.describe()).get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Queues one batch; the future completes on the compute thread with its results or the
     * backend's failure.
     */
    CompletableFuture<TimedBackend.Computed> submit(long batchNumber, MemorySnapshot memory, ProbeBatch batch) {
        CompletableFuture<TimedBackend.Computed> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(backend.retrieve(batchNumber, memory, batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Closes the backend on the compute thread after any queued batch and stops the thread. When the
     * thread does not finish in time, it is interrupted and left behind.
     */
    void close(Duration timeout) {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(() -> {
            if (backend != null) {
                backend.close();
            }
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The compute thread did not stop within {} ms; interrupting it", timeout.toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the compute thread and stops it without waiting, as a crash would; the backend is not closed. */
    void halt() {
        executor.shutdownNow();
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("The compute thread failed: " + cause, cause);
    }
}
