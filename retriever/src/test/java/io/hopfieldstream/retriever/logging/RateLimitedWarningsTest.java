package io.hopfieldstream.retriever.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedWarningsTest {

    @Test
    void limitPerInterval() {
        AtomicLong clock = new AtomicLong();
        RateLimitedWarnings warnings = new RateLimitedWarnings(LoggerFactory.getLogger(getClass()), 2,
                Duration.ofSeconds(10), clock::get);

        assertThat(warnings.warn("one {}", 1)).isTrue();
        assertThat(warnings.warn("two {}", 2)).isTrue();
        assertThat(warnings.warn("three {}", 3)).isFalse();

        clock.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(warnings.warn("four {}", 4)).isTrue();
    }
}
