package io.hopfieldstream.launcher.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether one ramp step was sustainable, and why. A step is sustainable when, over its second half,
 * the pipeline resolved (reconstructed or dead-lettered) at least
 * {@link LoadProfile.Ramp#MIN_KEPT_SHARE} of the probes the broker acknowledged, the retriever
 * group's lag grew by at most {@code lagAllowance} records from the middle to the end, and the p99
 * latency of the reconstructions read in the second half stayed within the bound.
 *
 * @param sustainable whether all three held
 * @param reason the figures behind the verdict, one sentence
 */
record StepVerdict(boolean sustainable, String reason) {

    /**
     * Judges a step.
     *
     * @param secondHalfSentPerSecond probes acknowledged per second in the second half
     * @param secondHalfResolvedPerSecond reconstructions and dead letters per second in the second half
     * @param lagAtMiddle lag at the middle, -1 when unknown
     * @param lagAtEnd lag at the end, -1 when unknown
     * @param secondHalfP99 p99 latency of the second half in milliseconds
     * @param readInSecondHalf reconstructions read in the second half
     * @param lagAllowance lag growth tolerated, in records: one batch per retriever, because each commits a
     *     whole batch at once
     * @param maxP99Millis the latency bound in milliseconds
     */
    static StepVerdict judge(double secondHalfSentPerSecond, double secondHalfResolvedPerSecond, long lagAtMiddle,
            long lagAtEnd, long secondHalfP99, long readInSecondHalf, long lagAllowance, long maxP99Millis) {
        List<String> failures = new ArrayList<>();
        if (secondHalfResolvedPerSecond < LoadProfile.Ramp.MIN_KEPT_SHARE * secondHalfSentPerSecond) {
            failures.add(String.format(Locale.ROOT, "resolved %.1f/s of %.1f/s acknowledged",
                    secondHalfResolvedPerSecond, secondHalfSentPerSecond));
        }
        if (lagAtMiddle >= 0 && lagAtEnd >= 0 && lagAtEnd - lagAtMiddle > lagAllowance) {
            failures.add("lag grew from " + lagAtMiddle + " to " + lagAtEnd);
        }
        if (readInSecondHalf == 0) {
            failures.add("no reconstruction read in the second half");
        } else if (secondHalfP99 > maxP99Millis) {
            failures.add("p99 " + secondHalfP99 + " ms above the bound of " + maxP99Millis + " ms");
        }

        if (failures.isEmpty()) {
            return new StepVerdict(true, String.format(Locale.ROOT,
                    "sustainable: resolved %.1f/s of %.1f/s acknowledged, lag %d to %d, p99 %d ms within %d ms",
                    secondHalfResolvedPerSecond, secondHalfSentPerSecond, lagAtMiddle, lagAtEnd, secondHalfP99,
                    maxP99Millis));
        }
        return new StepVerdict(false, "not sustainable: " + String.join("; ", failures));
    }
}
