package io.hopfieldstream.producer.publish;

import java.util.concurrent.locks.LockSupport;

/** A monotonic clock with nanosecond readings that can wait, so rate limiting can be tested without waiting. */
public interface Ticker {

    /** The JVM's monotonic clock; waits park the calling thread. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void waitNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** Returns the current reading in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Waits about {@code nanos} nanoseconds; may return early, for example when interrupted. */
    void waitNanos(long nanos);
}
