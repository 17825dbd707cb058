package io.hopfieldstream.evaluator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), 2,
            Duration.ofSeconds(60), nanos::get);

    @Test
    void warnStopsAtLimit() {
        assertThat(log.warn("first {}", 1)).isTrue();
        assertThat(log.warn("second {}", 2)).isTrue();
        assertThat(log.warn("third {}", 3)).isFalse();
    }

    @Test
    void warnResumesInNextInterval() {
        log.warn("first");
        log.warn("second");
        log.warn("left out");

        nanos.addAndGet(Duration.ofSeconds(60).toNanos());

        assertThat(log.warn("next interval")).isTrue();
    }
}
