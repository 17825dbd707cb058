package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Runs the limiter on a fake clock, so the checks are exact and take no real time. */
class RateLimiterTest {

    @Test
    void limiterPacesToRate() {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(500, 1, ticker);
        long start = ticker.nanoTime();

        for (int i = 0; i < 1_001; i++) {
            limiter.acquire();
        }

        assertThat((ticker.nanoTime() - start) / 1e9).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void limiterAbsorbsOvershoot() {
        FakeTicker ticker = new FakeTicker();
        // Each wait wakes 3 ms late, longer than the 2 ms interval at 500 events/s; sleeping one interval per
        // event would then take 5000 x 5 ms = 25 s.
        ticker.overshootEachWaitBy(3_000_000);
        RateLimiter limiter = new RateLimiter(500, 1_000, ticker);
        long start = ticker.nanoTime();

        for (int i = 0; i < 5_001; i++) {
            limiter.acquire();
        }

        double seconds = (ticker.nanoTime() - start) / 1e9;
        assertThat(seconds).isCloseTo(10.0, within(0.004));
        assertThat(ticker.waits()).isLessThan(3_000);
    }

    @Test
    void limiterCapsBurstAfterPause() {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(100, 20, ticker);
        for (int i = 0; i < 10; i++) {
            limiter.acquire();
        }
        ticker.advance(10_000_000_000L);
        long pausedAt = ticker.nanoTime();

        int withoutWaiting = 0;
        while (ticker.nanoTime() == pausedAt) {
            limiter.acquire();
            withoutWaiting++;
        }

        // The acquire that moved the clock waited, so one fewer passed without waiting.
        assertThat(withoutWaiting - 1).isEqualTo(20);
    }

    @Test
    void limiterFirstCallImmediate() {
        FakeTicker ticker = new FakeTicker();
        long start = ticker.nanoTime();

        new RateLimiter(1, 1, ticker).acquire();

        assertThat(ticker.nanoTime()).isEqualTo(start);
    }

    @Test
    void limiterRejectsBadSettings() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, Ticker.SYSTEM))
                .hasMessage("Rate must be positive and finite, got 0.0");
        assertThatThrownBy(() -> new RateLimiter(Double.POSITIVE_INFINITY, 1, Ticker.SYSTEM))
                .hasMessage("Rate must be positive and finite, got Infinity");
        assertThatThrownBy(() -> new RateLimiter(Double.NaN, 1, Ticker.SYSTEM))
                .hasMessage("Rate must be positive and finite, got NaN");
        assertThatThrownBy(() -> new RateLimiter(10, 0, Ticker.SYSTEM))
                .hasMessage("Maximum burst must be at least 1, got 0");
    }
}
