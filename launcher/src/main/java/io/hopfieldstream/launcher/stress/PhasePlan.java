package io.hopfieldstream.launcher.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a {@link LoadProfile} into phases, resolving rates given as multiples of the kernel rate
 * against the kernel measurement of the same run.
 */
final class PhasePlan {

    /** Most steps a ramp runs, whatever its start, step and maximum. */
    static final int MAX_STEPS = 100;

    private final LoadProfile load;
    private final KernelMeasurement kernel;

    /**
     * @param kernel the kernel measurement of the run, or null when none ran
     * @throws IllegalStateException when a rate is relative to the kernel rate and none was measured, or a
     *     ramp's start resolves above its maximum
     */
    PhasePlan(LoadProfile load, KernelMeasurement kernel) {
        this.load = load;
        this.kernel = kernel;
        if (load.isRamp()) {
            double start = resolve(load.ramp().start());
            resolve(load.ramp().step());
            double max = resolve(load.ramp().max());
            if (start > max) {
                throw new IllegalStateException(String.format(Locale.ROOT, "The ramp's start %s (%.0f/s) is above its"
                        + " maximum %s (%.0f/s) with the kernel rate measured in this run; give a lower --ramp-start"
                        + " or a higher --ramp-max", load.ramp().start(), start, load.ramp().max(), max));
            }
        } else {
            resolve(load.rate());
        }
    }

    /** Returns the warm-up phase, when the profile has one, and the measured phase of a fixed run. */
    List<Phase> fixedPhases() {
        List<Phase> phases = new ArrayList<>();
        double rate = resolve(load.rate());
        if (!load.warmup().isZero()) {
            phases.add(new Phase(0, "warm-up", Phase.Kind.WARMUP, rate, load.warmup()));
        }
        phases.add(new Phase(phases.size(), "fixed", Phase.Kind.FIXED, rate, load.duration()));
        return phases;
    }

    /** Returns the ramp's steps from the start rate up to the maximum, at most {@value #MAX_STEPS}. */
    List<Phase> rampSteps() {
        LoadProfile.Ramp ramp = load.ramp();
        double start = resolve(ramp.start());
        double step = resolve(ramp.step());
        double max = resolve(ramp.max());
        List<Phase> steps = new ArrayList<>();
        for (int k = 0; k < MAX_STEPS; k++) {
            double rate = start + k * step;
            if (rate > max * (1 + 1e-9)) {
                break;
            }
            steps.add(new Phase(k, "step-" + (k + 1), Phase.Kind.STEP, rate, ramp.stepDuration()));
        }
        return steps;
    }

    /**
     * Returns the hold phase after a ramp, at the profile's fraction of the highest sustainable rate,
     * or empty when the profile has none or no step was sustainable.
     */
    Optional<Phase> holdPhase(double sustainableRate, int index) {
        LoadProfile.Ramp ramp = load.ramp();
        if (ramp.holdFraction() <= 0 || sustainableRate <= 0 || load.duration().isZero()) {
            return Optional.empty();
        }
        return Optional.of(new Phase(index, "hold", Phase.Kind.HOLD, ramp.holdFraction() * sustainableRate,
                load.duration()));
    }

    /**
     * Returns the latency bound of a sustainable step: the given one, else
     * {@value LoadProfile.Ramp#DEFAULT_MAX_P99_BATCHES} kernel batch times but at least
     * {@link LoadProfile.Ramp#MIN_DEFAULT_MAX_P99}.
     */
    Duration maxP99() {
        Duration given = load.ramp().maxP99();
        if (given != null) {
            return given;
        }
        if (kernel == null) {
            return StressRun.FALLBACK_MAX_P99;
        }
        Duration batches = Duration.ofMillis(Math.round(LoadProfile.Ramp.DEFAULT_MAX_P99_BATCHES * kernel.batchMillis()));
        return batches.compareTo(LoadProfile.Ramp.MIN_DEFAULT_MAX_P99) < 0 ? LoadProfile.Ramp.MIN_DEFAULT_MAX_P99 : batches;
    }

    /** Describes the ramp's rates, for a status line. */
    String describeRamp() {
        LoadProfile.Ramp ramp = load.ramp();
        return String.format(Locale.ROOT, "%.0f/s up by %.0f/s to %.0f/s, %d s a step", resolve(ramp.start()),
                resolve(ramp.step()), resolve(ramp.max()), ramp.stepDuration().toSeconds());
    }

    private double resolve(RateSpec rate) {
        return rate.resolve(kernel == null ? Double.NaN : kernel.imagesPerSecond());
    }
}
