package io.hopfieldstream.producer.publish;

/** A ticker whose time moves only when a caller waits or the test advances it; waits can overshoot. */
final class FakeTicker implements Ticker {

    private long now = 1_000_000_000L;
    private long overshootNanos;
    private long waits;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void waitNanos(long nanos) {
        waits++;
        now += nanos + overshootNanos;
    }

    void advance(long nanos) {
        now += nanos;
    }

    void overshootEachWaitBy(long nanos) {
        overshootNanos = nanos;
    }

    long waits() {
        return waits;
    }
}
