package io.hopfieldstream.broker;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a blocking broker call on its own daemon thread and waits for it at most a timeout. */
final class BoundedTask {

    private BoundedTask() {
    }

    /**
     * Runs {@code task} on a daemon thread named {@code threadName}.
     *
     * @return true when the task finished within {@code timeout}, false when it timed out. A task
     *     that timed out keeps running, but its daemon thread does not keep the JVM alive.
     * @throws ExecutionException when the task threw; its cause is the task's exception
     * @throws InterruptedException when the calling thread was interrupted while waiting
     */
    static boolean run(String threadName, Duration timeout, Runnable task)
            throws ExecutionException, InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> future = executor.submit(task);
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } finally {
            executor.shutdown();
        }
    }
}
