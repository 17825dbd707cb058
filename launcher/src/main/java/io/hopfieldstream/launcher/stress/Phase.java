package io.hopfieldstream.launcher.stress;

import java.time.Duration;
import java.util.Objects;

/**
 * One stretch of the run at one offered rate.
 *
 * @param index position in the run, from 0
 * @param name short name for the live lines and the results, for example "step-3"
 * @param kind what the phase is for
 * @param offeredRate probes per second offered, 0 for as fast as the producer sends
 * @param duration planned length
 */
public record Phase(int index, String name, Kind kind, double offeredRate, Duration duration) {

    /** What a phase is for. */
    public enum Kind {
        /** Brings the pipeline to a steady state; excluded from the measured figures. */
        WARMUP,
        /** The measured phase of a fixed-rate run. */
        FIXED,
        /** One step of a ramp. */
        STEP,
        /** The phase after a ramp at a fraction of the highest sustainable rate. */
        HOLD
    }

    public Phase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
    }

    /** Returns whether the phase counts in the measured throughput and latency. */
    public boolean measured() {
        return kind != Kind.WARMUP;
    }
}
