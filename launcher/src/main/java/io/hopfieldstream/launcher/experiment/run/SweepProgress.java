package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints the progress of a sweep, one line when a point starts and one when it ends: a bar over the points,
 * the time elapsed and an estimate of the time left.
 *
 * <p>The estimate weighs each point by {@code 1 + N / 2,500} for its memory of N images, because
 * publishing, loading and analysing a large memory dominates a point's time (on 2 cores a point with
 * 50,000 stored images took about 30 s, one with 1,000 about 1 s). The time per weight unit is the mean
 * of the points done so far, so the estimate is rough, and the first points set it.
 */
public final class SweepProgress {

    private static final int BAR_WIDTH = 24;
    private static final double IMAGES_PER_WEIGHT_UNIT = 2_500;

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final int total;
    private final double totalWeight;
    private double doneWeight;
    private int done;
    private int failed;

    /**
     * @param out where the lines go
     * @param points every point of the sweep
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     */
    public SweepProgress(PrintStream out, List<SweepPoint> points, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.total = points.size();
        this.totalWeight = points.stream().mapToDouble(SweepProgress::weight).sum();
    }

    /** Prints the line of a point that starts. */
    public void starting(SweepPoint point) {
        out.println(status() + " | running p" + String.format(Locale.ROOT, "%03d", point.number()) + ": "
                + describe(point.settings()));
        out.flush();
    }

    /** Counts a finished point and prints its line. */
    public void finished(PointResult result) {
        done++;
        doneWeight += weight(result.point());
        String outcome;
        if (result.succeeded()) {
            outcome = String.format(Locale.ROOT, "done in %.1f s: accuracy %.3f, exact match %.3f",
                    result.seconds(), result.metrics().getAccuracy(), result.metrics().getExactMatchRate());
        } else {
            failed++;
            outcome = String.format(Locale.ROOT, "FAILED after %.1f s: %s", result.seconds(), result.failure());
        }
        out.println(status() + " | p" + String.format(Locale.ROOT, "%03d", result.point().number()) + " " + outcome);
        out.flush();
    }

    /** Returns the number of failed points so far. */
    public int failed() {
        return failed;
    }

    /** Returns the bar, the counts, the time elapsed and the estimate of the time left. */
    String status() {
        double elapsedSeconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        int filled = total == 0 ? BAR_WIDTH : (int) Math.round(BAR_WIDTH * (double) done / total);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        String left = doneWeight == 0 ? "?" : duration(elapsedSeconds / doneWeight * (totalWeight - doneWeight));
        return String.format(Locale.ROOT, "[%s] %d/%d points%s | elapsed %s | left ~%s", bar, done, total,
                failed == 0 ? "" : " (" + failed + " failed)", duration(elapsedSeconds), left);
    }

    static String duration(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
    }

    static double weight(SweepPoint point) {
        return 1.0 + point.settings().memory().size() / IMAGES_PER_WEIGHT_UNIT;
    }

    private static String describe(PointSettings settings) {
        return String.format(Locale.ROOT, "memory %s, %s, beta %s, %d update%s, %s, threshold %s, %d probes",
                settings.memory().text(), settings.probeLabel(), plain(settings.beta()), settings.iterations(),
                settings.iterations() == 1 ? "" : "s", settings.normalization().name().toLowerCase(Locale.ROOT),
                plain(settings.threshold()), settings.probes());
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
