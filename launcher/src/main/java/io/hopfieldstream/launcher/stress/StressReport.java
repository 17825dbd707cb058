package io.hopfieldstream.launcher.stress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints a stress run's summary and writes its results as JSON. */
public final class StressReport {

    /** Ratio of reconstructions to acknowledged probes per second above which a fixed phase was draining a backlog. */
    private static final double DRAIN_MARGIN = 1.05;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StressReport() {
    }

    /** Writes the result as indented JSON, creating the folder when missing. */
    public static void writeJson(StressResult result, Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            JSON.writeValue(file.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the stress results to " + file, e);
        }
    }

    /** Reads results written by {@link #writeJson}. */
    public static StressResult readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), StressResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read stress results from " + file, e);
        }
    }

    private static boolean rampNeverSaturated(StressResult result) {
        List<StressResult.PhaseResult> steps = result.phases().stream()
                .filter(phase -> phase.sustainable() != null)
                .toList();
        return "ramp".equals(result.run().mode()) && !steps.isEmpty()
                && steps.stream().allMatch(phase -> Boolean.TRUE.equals(phase.sustainable()));
    }

    /**
     * Returns the measured phase of a fixed run that read more than {@link #DRAIN_MARGIN} times as many
     * reconstructions per second as the broker acknowledged probes, which only a backlog explains.
     */
    static Optional<StressResult.PhaseResult> drainingPhase(StressResult result) {
        if (!"fixed".equals(result.run().mode())) {
            return Optional.empty();
        }
        return result.phases().stream()
                .filter(phase -> "fixed".equals(phase.kind()))
                .filter(phase -> phase.reconstructedPerSecond() > DRAIN_MARGIN * phase.sentPerSecond())
                .findFirst();
    }

    /** Prints the phases and the summary. */
    public static void printSummary(StressResult result, PrintStream out) {
        StressResult.RunInfo run = result.run();
        out.println();
        // A producer-only run starts no retriever, so its memory size and batch size set nothing.
        boolean producerOnly = "producer-only".equals(run.mode());
        String retrieval = producerOnly ? ""
                : String.format(Locale.ROOT, " memory of %d, batches of %d,", run.memorySize(), run.batchSize());
        String retrievers = producerOnly ? "" : String.format(Locale.ROOT, " %d retriever(s),", run.retrievers());
        out.printf(Locale.ROOT, "Stress run %s (%s): %s broker,%s %s (%s), %d partitions,%s %d cores, load average"
                        + " %.1f at start, %.1f at end%n", run.experimentId(), run.mode(), run.broker(), retrieval,
                String.join(" + ", run.corruptions()),
                run.probes() == null ? "probes made as sent" : "probes " + run.probes(), run.partitions(), retrievers,
                run.cores(), run.loadAverageStart(), run.loadAverageEnd());
        KernelMeasurement kernel = result.kernel();
        if (kernel != null) {
            out.printf(Locale.ROOT, "Kernel alone: %.1f images/s (%.1f ms a batch of %d, %d batches) on %s%n",
                    kernel.imagesPerSecond(), kernel.batchMillis(), kernel.batchSize(), kernel.batches(),
                    kernel.backend());
        }
        out.println();
        out.println("phase      offered/s   sent/s  reconstructed/s  lag(end)   p50 ms   p99 ms  p99.9 ms  verdict");
        for (StressResult.PhaseResult phase : result.phases()) {
            // A phase without reconstructions (a producer-only run) has no latency, so it shows "-", not 0.
            LatencySummary latency = phase.latency();
            boolean measured = latency.count() > 0;
            out.printf(Locale.ROOT, "%-9s %10s %8.1f %16.1f %9s %8s %8s %9s  %s%n", phase.name(),
                    LiveReporter.rateText(phase.offeredRate()), phase.sentPerSecond(), phase.reconstructedPerSecond(),
                    phase.lagAtEnd() < 0 ? "-" : String.valueOf(phase.lagAtEnd()),
                    measured ? String.valueOf(latency.p50()) : "-", measured ? String.valueOf(latency.p99()) : "-",
                    measured ? String.valueOf(latency.p999()) : "-", phase.verdict() == null ? "" : phase.verdict());
        }

        printCpu(result, out);

        StressResult.Totals totals = result.totals();
        out.println();
        out.printf(Locale.ROOT, "Probes: %d sent, %d acknowledged, %d failed to send, %d unacknowledged%n",
                totals.sent(), totals.acknowledged(), totals.sendFailed(), totals.unacknowledged());
        if (!producerOnly) {
            out.printf(Locale.ROOT, "Outcome: %d reconstructed, %d dead-lettered%s, %d still in flight, %d duplicates;"
                            + " %d of %d with a truth retrieved exactly%n", totals.reconstructed(), totals.deadLettered(),
                    reasons(totals.deadLettersByReason()), totals.inFlight(), totals.duplicates(), totals.exactMatches(),
                    totals.withTruth());
        }
        if (!totals.errors().isEmpty()) {
            out.println("Errors: " + String.join("; ", totals.errors()));
        }

        StressResult.Summary summary = result.summary();
        out.println();
        if (producerOnly) {
            out.printf(Locale.ROOT, "Producer: %.1f probes/s (%.2f MB/s) acknowledged; ack latency p50 %d ms, p99 %d ms,"
                            + " p99.9 %d ms%n", summary.sustainedImagesPerSecond(), summary.producerMegabytesPerSecond(),
                    summary.producerAckLatency().p50(), summary.producerAckLatency().p99(),
                    summary.producerAckLatency().p999());
            return;
        }
        out.printf(Locale.ROOT, "Sustained: %.1f images/s%s%s%n", summary.sustainedImagesPerSecond(),
                Double.isNaN(summary.kernelShare()) ? ""
                        : String.format(Locale.ROOT, ", %.1f%% of the kernel's %.1f images/s",
                                100 * summary.kernelShare(), kernel.imagesPerSecond()),
                Double.isNaN(summary.sustainableRate()) ? ""
                        : String.format(Locale.ROOT, "; highest sustainable offered rate %.1f probes/s",
                                summary.sustainableRate()));
        if (rampNeverSaturated(result)) {
            out.println("Every ramp step was sustainable up to the maximum rate, so the pipeline was never saturated:"
                    + " the sustained rate is a lower bound of its capacity; raise --ramp-max to find it.");
        }
        drainingPhase(result).ifPresent(phase -> out.printf(Locale.ROOT, "Phase %s reconstructed %.1f/s but"
                + " acknowledged only %.1f/s, so it drained a backlog left from before it: the sustained rate overstates"
                + " the steady rate; lengthen --warmup or lower --rate.%n", phase.name(), phase.reconstructedPerSecond(),
                phase.sentPerSecond()));
        LatencySummary latency = summary.latency();
        if (latency.count() == 0) {
            out.printf(Locale.ROOT, "End-to-end latency of %s: no reconstruction was read, so there is none to report%n",
                    summary.latencyPhase());
            return;
        }
        out.printf(Locale.ROOT, "End-to-end latency (probe creation to read_committed read) of %s, %d probes: p50 %d ms,"
                        + " p95 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%s%n", summary.latencyPhase(), latency.count(),
                latency.p50(), latency.p95(), latency.p99(), latency.p999(), latency.max(),
                Double.isNaN(summary.p99InBatchTimes()) ? ""
                        : String.format(Locale.ROOT, " (p99 = %.2f kernel batch times)", summary.p99InBatchTimes()));
    }

    /** Prints the CPU cores each part of the process used, one line per phase. */
    private static void printCpu(StressResult result, PrintStream out) {
        out.println();
        out.println("CPU cores used by this process per phase (Java threads by part, each with the native code it"
                + " calls; native threads = BLAS workers, GC, JIT):");
        for (StressResult.PhaseResult phase : result.phases()) {
            StringBuilder parts = new StringBuilder();
            phase.cpuCores().forEach((part, cores) -> {
                if (cores >= 0.005) {
                    parts.append(parts.length() == 0 ? "" : ", ").append(part)
                            .append(String.format(Locale.ROOT, " %.2f", cores));
                }
            });
            String retriever = phase.batches() == 0 ? "" : String.format(Locale.ROOT,
                    "; retriever computing %.0f%%, writing %.0f%% of the time, %d batches", 100 * phase.computeShare(),
                    100 * phase.writeShare(), phase.batches());
            out.printf(Locale.ROOT, "%-9s %.2f cores: %s%s%n", phase.name(), phase.processCores(), parts, retriever);
        }
    }

    private static String reasons(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        byReason.forEach((reason, count) -> {
            if (text.length() > 2) {
                text.append(", ");
            }
            text.append(reason).append(' ').append(count);
        });
        return text.append(')').toString();
    }
}
