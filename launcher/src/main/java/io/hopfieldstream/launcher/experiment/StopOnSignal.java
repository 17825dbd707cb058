package io.hopfieldstream.launcher.experiment;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a command's work on SIGINT or SIGTERM: a shutdown hook interrupts the thread that runs the
 * command and waits, at most {@link #TIMEOUT}, until the command has closed what it started (the
 * services and the embedded broker) and closed this object.
 */
final class StopOnSignal implements AutoCloseable {

    /** Maximum wait for the command to stop after a signal. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

    private final Thread worker;
    private final Thread hook;
    private final CountDownLatch closed = new CountDownLatch(1);

    private StopOnSignal(Thread worker) {
        this.worker = worker;
        this.hook = new Thread(this::stop, "experiment-shutdown");
    }

    /** Installs the hook for the calling thread. */
    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    private void stop() {
        if (closed.getCount() == 0) {
            return;
        }
        log.warn("Stopping: closing the services and the broker (at most {} s)", TIMEOUT.toSeconds());
        worker.interrupt();
        try {
            if (!closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The command did not stop within {} s; exiting anyway", TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Marks the command's resources as closed and removes the hook. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }
}
