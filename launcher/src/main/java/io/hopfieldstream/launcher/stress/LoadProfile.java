package io.hopfieldstream.launcher.stress;

import java.time.Duration;
import java.util.Objects;

/**
 * How the stress run offers probes: a fixed rate for a duration after a warm-up, or a ramp that
 * steps the rate up until the pipeline no longer keeps up, optionally followed by a hold phase at a
 * fraction of the highest sustainable rate.
 *
 * @param rate offered rate of the fixed run; ignored by a ramp
 * @param warmup time at the fixed rate before the measured phase; its probes count in the totals but
 *     not in the measured throughput and latency; zero for none
 * @param duration length of the fixed run's measured phase, or of the ramp's hold phase
 * @param ramp the ramp, or null for a fixed rate
 */
public record LoadProfile(RateSpec rate, Duration warmup, Duration duration, Ramp ramp) {

    public LoadProfile {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("Invalid warm-up " + warmup + ": expected zero or more");
        }
        if (ramp == null) {
            Objects.requireNonNull(rate, "rate");
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("Invalid duration " + duration + ": expected a positive duration");
            }
        } else if (duration.isNegative()) {
            throw new IllegalArgumentException("Invalid hold duration " + duration + ": expected zero or more");
        }
    }

    /** Returns whether the rate is found by a ramp. */
    public boolean isRamp() {
        return ramp != null;
    }

    /**
     * Rate steps that search for the highest sustainable rate. Step {@code k} (from 0) offers
     * {@code start + k * step} until it passes {@code max} or a step is not sustainable: the
     * reconstruction rate of its second half fell under {@link #MIN_KEPT_SHARE} of the probes sent in
     * that half, the consumer lag grew by more than one batch from the middle to the end of the step,
     * or the p99 latency of the reconstructions read in its second half exceeded {@code maxP99}.
     *
     * @param start rate of the first step
     * @param step rate added per step, positive
     * @param max highest rate tried
     * @param stepDuration length of each step
     * @param maxP99 latency bound of a sustainable step, or null for {@value #DEFAULT_MAX_P99_BATCHES} kernel batch
     *     times but at least {@link #MIN_DEFAULT_MAX_P99}
     * @param holdFraction after the ramp, offer this fraction of the highest sustainable rate for the
     *     profile's duration and report its latency; 0 for no hold phase
     */
    public record Ramp(RateSpec start, RateSpec step, RateSpec max, Duration stepDuration, Duration maxP99,
            double holdFraction) {

        /** Share of the sent probes that a sustainable step reconstructs in its second half. */
        public static final double MIN_KEPT_SHARE = 0.95;

        /** Latency bound of a sustainable step, in kernel batch times, when none is given. */
        public static final int DEFAULT_MAX_P99_BATCHES = 5;

        /**
         * Smallest default latency bound. With a small memory a batch takes tens of milliseconds, less
         * than the fixed costs of the path (producer linger, partial-batch wait, transaction commit).
         */
        public static final Duration MIN_DEFAULT_MAX_P99 = Duration.ofSeconds(1);

        public Ramp {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(stepDuration, "stepDuration");
            if (start.value() <= 0 || step.value() <= 0 || max.value() <= 0) {
                throw new IllegalArgumentException("Invalid ramp " + start + ":" + step + ":" + max
                        + ": start, step and maximum must be positive rates");
            }
            if (start.relative() == max.relative() && start.value() > max.value()) {
                throw new IllegalArgumentException("Invalid ramp: the start " + start + " is above the maximum " + max);
            }
            if (stepDuration.compareTo(Duration.ofSeconds(2)) < 0) {
                throw new IllegalArgumentException("Invalid ramp step duration " + stepDuration.toMillis()
                        + " ms: expected at least 2 s, so each half holds whole batches");
            }
            if (maxP99 != null && (maxP99.isZero() || maxP99.isNegative())) {
                throw new IllegalArgumentException("Invalid latency bound " + maxP99 + ": expected a positive duration");
            }
            if (!(holdFraction >= 0 && holdFraction <= 1)) {
                throw new IllegalArgumentException("Invalid hold fraction " + holdFraction + ": expected 0..1");
            }
        }
    }
}
