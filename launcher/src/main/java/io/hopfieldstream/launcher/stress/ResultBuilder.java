package io.hopfieldstream.launcher.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Assembles the {@link StressResult} from what the run's parts measured. */
final class ResultBuilder {

    private final StressSettings settings;
    private final KernelMeasurement kernel;
    private final ReconstructionTracker tracker;
    private final SendMeter meter;
    private StressResult.RunInfo run;

    /**
     * @param kernel the kernel measurement, or null
     * @param tracker the reconstruction tracker, or null when producer-only
     */
    ResultBuilder(StressSettings settings, KernelMeasurement kernel, ReconstructionTracker tracker, SendMeter meter) {
        this.settings = settings;
        this.kernel = kernel;
        this.tracker = tracker;
        this.meter = meter;
    }

    /** Sets what ran where. */
    ResultBuilder run(String startedAt, String broker, int memorySize, int partitions, double loadAverageStart,
            double loadAverageEnd) {
        String mode = settings.producerOnly() ? "producer-only" : settings.load().isRamp() ? "ramp" : "fixed";
        List<String> corruptions = settings.corruptions().stream().map(Object::toString).toList();
        run = new StressResult.RunInfo(settings.experimentId(), startedAt, broker, mode, memorySize,
                settings.batchSize(), settings.maxBatchWait().toMillis(), settings.retrieval().beta(), corruptions,
                partitions, settings.producerOnly() ? 0 : settings.retrievers(), settings.retrieverGroup(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverageStart,
                loadAverageEnd, settings.corruptEachProbe() ? "corrupted as sent" : "corrupted pass");
        return this;
    }

    /**
     * Builds the result.
     *
     * @param measured the phases in the order they ran
     * @param verdicts the verdicts of the ramp steps, in order; empty for a fixed run
     * @param samples the live lines' figures
     * @param failures failures of the retrievers
     */
    StressResult build(List<PhaseRunner.Measured> measured, List<StepVerdict> verdicts,
            List<StressResult.IntervalSample> samples, List<String> failures) {
        List<StressResult.PhaseResult> phases = new ArrayList<>();
        int step = 0;
        for (PhaseRunner.Measured phase : measured) {
            StepVerdict verdict = phase.phase().kind() == Phase.Kind.STEP && step < verdicts.size()
                    ? verdicts.get(step++) : null;
            phases.add(phaseResult(phase, verdict));
        }

        List<String> errors = new ArrayList<>(failures);
        if (tracker != null && tracker.failure() != null) {
            errors.add("reconstruction tracker failed: " + tracker.failure());
        }
        StressResult.Totals totals = totals(errors);
        return new StressResult(run, kernel, phases, samples, totals, summary(measured, phases));
    }

    private StressResult.PhaseResult phaseResult(PhaseRunner.Measured phase, StepVerdict verdict) {
        LatencySummary latency = tracker == null
                ? LatencySummary.EMPTY
                : LatencySummary.of(tracker.phaseLatency(phase.phase().index()));
        Phase planned = phase.phase();
        return new StressResult.PhaseResult(planned.index(), planned.name(), planned.kind().name().toLowerCase(Locale.ROOT),
                planned.offeredRate(), phase.start(), phase.seconds(), phase.sentPerSecond(),
                phase.reconstructedPerSecond(), phase.secondHalfSentPerSecond(),
                phase.secondHalfReconstructedPerSecond(), phase.lagAtMiddle(), phase.lagAtEnd(),
                LatencySummary.of(phase.secondHalf()), latency, verdict == null ? null : verdict.sustainable(),
                verdict == null ? null : verdict.reason(), phase.processCores(), phase.cpuCores(),
                phase.retriever().batches(), share(phase.retriever().computeNanos(), phase),
                share(phase.retriever().writeNanos(), phase));
    }

    /** Returns the share of the phase's wall time that the retrievers spent, averaged over instances. */
    private double share(long nanos, PhaseRunner.Measured phase) {
        int instances = settings.producerOnly() ? 0 : settings.retrievers();
        if (instances == 0 || phase.seconds() <= 0) {
            return 0.0;
        }
        return Math.round(nanos / 1e9 / phase.seconds() / instances * 1000) / 1000.0;
    }

    private StressResult.Totals totals(List<String> errors) {
        SendMeter.Counts sent = meter.counts();
        long unacknowledged = sent.sent() - sent.acknowledged() - sent.failed();
        if (tracker == null) {
            return new StressResult.Totals(sent.sent(), sent.acknowledged(), sent.failed(), unacknowledged,
                    sent.failuresByType(), 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, errors);
        }
        ReconstructionTracker.Counts read = tracker.counts();
        long inFlight = sent.acknowledged() - read.evaluated() - read.deadLettered();
        return new StressResult.Totals(sent.sent(), sent.acknowledged(), sent.failed(), unacknowledged,
                sent.failuresByType(), read.evaluated(), read.deadLettered(), read.deadLettersByReason(), inFlight,
                read.duplicates(), read.exactMatches(), read.withTruth(), read.foreignDeadLetters(),
                read.undecodable(), errors);
    }

    private StressResult.Summary summary(List<PhaseRunner.Measured> measured, List<StressResult.PhaseResult> phases) {
        double sustained = 0.0;
        double sustainableRate = Double.NaN;
        StressResult.PhaseResult latencyPhase = null;
        if (settings.load().isRamp()) {
            sustainableRate = 0.0;
            for (StressResult.PhaseResult phase : phases) {
                if (phase.kind().equals("step")) {
                    sustained = Math.max(sustained, phase.secondHalfReconstructedPerSecond());
                    if (Boolean.TRUE.equals(phase.sustainable())) {
                        sustainableRate = phase.offeredRate();
                        latencyPhase = phase;
                    }
                } else if (phase.kind().equals("hold")) {
                    latencyPhase = phase;
                }
            }
        } else {
            for (StressResult.PhaseResult phase : phases) {
                if (phase.kind().equals("fixed")) {
                    sustained = settings.producerOnly() ? phase.sentPerSecond() : phase.reconstructedPerSecond();
                    latencyPhase = phase;
                }
            }
        }

        LatencySummary latency = latencyPhase == null ? LatencySummary.EMPTY : latencyPhase.latency();
        double kernelShare = kernel == null ? Double.NaN : sustained / kernel.imagesPerSecond();
        double p99InBatchTimes = kernel == null || latency.count() == 0 ? Double.NaN
                : latency.p99() / kernel.batchMillis();

        double bytes = 0;
        double seconds = 0;
        for (PhaseRunner.Measured phase : measured) {
            if (phase.phase().measured()) {
                bytes += phase.end().acknowledgedBytes() - phase.first().acknowledgedBytes();
                seconds += phase.seconds();
            }
        }
        double megabytesPerSecond = seconds > 0 ? bytes / seconds / 1e6 : 0.0;
        return new StressResult.Summary(sustained, kernelShare, sustainableRate,
                latencyPhase == null ? null : latencyPhase.name(), latency, p99InBatchTimes,
                LatencySummary.of(meter.ackLatency()), megabytesPerSecond);
    }
}
