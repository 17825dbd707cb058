package io.hopfieldstream.launcher.stress;

import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.launcher.probes.ProbeCampaign;
import io.hopfieldstream.producer.publish.CorruptedPass;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;
import io.hopfieldstream.schemas.Topics;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code hopfield stress}: starts the pipeline (embedded broker unless an external
 * cluster is given, topics, memory bank, in-process retrievers), measures the kernel on the same
 * settings, offers probes phase by phase at the planned rates while a read_committed tracker times
 * every reconstruction, drains what is still in flight, then prints the summary and writes the
 * results as JSON and a PNG plot. Everything it started is stopped at the end, on failure and on
 * {@link #abort(Duration)}.
 */
public final class StressRun {

    private static final Logger log = LoggerFactory.getLogger(StressRun.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);

    /** Latency bound of a ramp step when neither a bound nor a kernel batch time is known. */
    static final Duration FALLBACK_MAX_P99 = Duration.ofSeconds(5);

    private final StressSettings settings;
    private final List<CifarImage> bank;
    private final List<ProbeTarget> targets;
    private final Map<String, ?> kafkaProperties;
    private final Optional<String> externalBootstrapServers;
    private final RetrievalBackendFactory backendFactory;
    private final PrintStream out;

    private final CountDownLatch aborted = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile PhaseRunner runner;
    private long startNanos = System.nanoTime();

    /**
     * @param bank the memory bank to publish
     * @param targets images the probes are made from, cycled through
     * @param kafkaProperties client properties of every client of the run
     * @param externalBootstrapServers the cluster to use, or empty for an embedded broker
     * @param backendFactory creates the retrievers' and the kernel measurement's backends
     * @param out where status lines, live lines and the summary are printed
     */
    public StressRun(StressSettings settings, List<CifarImage> bank, List<ProbeTarget> targets,
            Map<String, ?> kafkaProperties, Optional<String> externalBootstrapServers,
            RetrievalBackendFactory backendFactory, PrintStream out) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("No images to probe: the target list is empty");
        }
        this.settings = settings;
        this.bank = List.copyOf(bank);
        this.targets = List.copyOf(targets);
        this.kafkaProperties = Map.copyOf(kafkaProperties);
        this.externalBootstrapServers = externalBootstrapServers;
        this.backendFactory = backendFactory;
        this.out = out;
    }

    /**
     * Runs the stress test and stops everything it started before returning.
     *
     * @throws InterruptedException when {@link #abort(Duration)} is called or the thread is interrupted
     */
    public StressResult run() throws InterruptedException {
        startNanos = System.nanoTime();
        try (StressPipeline pipeline = new StressPipeline(settings); SendMeter meter = new SendMeter();
                CpuMeter cpu = new CpuMeter()) {
            cpu.start();
            return runSteps(pipeline, meter, cpu);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Stops the run from another thread, for example a shutdown hook on Ctrl-C, and waits until
     * everything it started has stopped or the timeout passed.
     *
     * @return whether the run finished its shutdown within the timeout
     */
    public boolean abort(Duration timeout) throws InterruptedException {
        aborted.countDown();
        PhaseRunner current = runner;
        if (current != null) {
            current.requestStop();
        }
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private StressResult runSteps(StressPipeline pipeline, SendMeter meter, CpuMeter cpu) throws InterruptedException {
        String startedAt = Instant.now().toString();
        double loadAverageStart = loadAverage();
        Map<String, Object> clientProperties = pipeline.connect(kafkaProperties, externalBootstrapServers);
        status("Using " + (externalBootstrapServers.isPresent() ? "the Kafka cluster at " + pipeline.broker()
                : "an embedded Kafka broker at " + clientProperties.get("bootstrap.servers"))
                + "; " + Topics.IMAGES_CORRUPTED + " has " + pipeline.probePartitions() + " partitions");

        int memorySize = bank.size();
        KernelMeasurement kernel = null;
        ReconstructionTracker tracker = null;
        ConsumerLag lag = null;
        if (!settings.producerOnly()) {
            pipeline.publishMemory(bank);
            status("Published a memory bank of " + bank.size() + " images to " + Topics.MEMORY_PATTERNS);
            checkAborted();
            if (settings.retrievers() > 0) {
                pipeline.startRetrievers(backendFactory);
                memorySize = pipeline.memory(bank).size();
                status("Started " + settings.retrievers() + " retriever(s) in group " + settings.retrieverGroup()
                        + " with a memory of " + memorySize + " patterns, batches of up to " + settings.batchSize());
            } else {
                status("Expecting retrievers outside this process in group " + settings.retrieverGroup());
            }
            checkAborted();
            if (settings.measuresKernel()) {
                status("Measuring the kernel alone for " + settings.kernelDuration().toSeconds() + " s");
                kernel = new KernelRate(backendFactory, settings.retrieval(), settings.batchSize())
                        .measure(pipeline.memory(bank), targets, settings.corruptions(), settings.experimentSeed(),
                                settings.kernelDuration());
                status(String.format(Locale.ROOT, "Kernel: %.1f images/s, %.1f ms a batch of %d (%s)",
                        kernel.imagesPerSecond(), kernel.batchMillis(), kernel.batchSize(), kernel.backend()));
            }
            tracker = new ReconstructionTracker(clientProperties, settings.experimentId(),
                    Topics.IMAGES_RECONSTRUCTED, Topics.IMAGES_DEAD_LETTER);
            tracker.start();
            lag = new ConsumerLag(pipeline.admin(), settings.retrieverGroup(), Topics.IMAGES_CORRUPTED);
            lag.markStart();
        }
        checkAborted();
        List<CorruptedPass> passes = corruptPasses();
        checkAborted();

        List<PhaseRunner.Measured> measured = new ArrayList<>();
        List<StepVerdict> verdicts = new ArrayList<>();
        LiveReporter reporter = new LiveReporter(out, meter, tracker, lag, startNanos);
        try (PhaseRunner phases = new PhaseRunner(settings, clientProperties, targets, passes, meter, tracker, lag,
                cpu, pipeline::retrieverTimes, aborted)) {
            runner = phases;
            reporter.start(settings.reportInterval().toMillis());
            PhasePlan plan = new PhasePlan(settings.load(), kernel);
            if (settings.load().isRamp()) {
                runRamp(plan, phases, reporter, tracker, meter, measured, verdicts);
            } else {
                for (Phase phase : plan.fixedPhases()) {
                    measured.add(runPhase(phases, reporter, phase));
                }
            }
            if (tracker != null) {
                status("Waiting up to " + settings.drainTimeout().toSeconds() + " s for the probes still in flight");
                awaitDrained(tracker, meter, settings.drainTimeout());
            }
        } finally {
            runner = null;
            reporter.close();
            if (tracker != null) {
                tracker.close();
            }
        }

        StressResult result = new ResultBuilder(settings, kernel, tracker, meter)
                .run(startedAt, pipeline.broker(), memorySize, pipeline.probePartitions(), loadAverageStart,
                        loadAverage())
                .build(measured, verdicts, reporter.samples(), pipeline.retrieverFailures());
        StressReport.printSummary(result, out);
        Path json = settings.outputDirectory().resolve("stress.json");
        Path plot = settings.outputDirectory().resolve("stress.png");
        StressReport.writeJson(result, json);
        StressChart.write(result, plot);
        out.println("Results: " + json.toAbsolutePath() + ", plot: " + plot.toAbsolutePath());
        return result;
    }

    private void runRamp(PhasePlan plan, PhaseRunner phases, LiveReporter reporter, ReconstructionTracker tracker,
            SendMeter meter, List<PhaseRunner.Measured> measured, List<StepVerdict> verdicts)
            throws InterruptedException {
        long lagAllowance = (long) settings.batchSize() * Math.max(1, settings.retrievers());
        long maxP99 = plan.maxP99().toMillis();
        status(String.format(Locale.ROOT, "Ramp: %s, latency bound p99 <= %d ms", plan.describeRamp(), maxP99));

        double sustainable = 0.0;
        for (Phase step : plan.rampSteps()) {
            PhaseRunner.Measured result = runPhase(phases, reporter, step);
            measured.add(result);
            StepVerdict verdict = StepVerdict.judge(result.secondHalfSentPerSecond(),
                    result.secondHalfResolvedPerSecond(), result.lagAtMiddle(), result.lagAtEnd(),
                    result.secondHalf().getTotalCount() == 0 ? 0 : result.secondHalf().getValueAtPercentile(99),
                    result.secondHalf().getTotalCount(), lagAllowance, maxP99);
            verdicts.add(verdict);
            status(step.name() + " @ " + LiveReporter.rateText(step.offeredRate()) + ": " + verdict.reason());
            if (!verdict.sustainable()) {
                break;
            }
            sustainable = step.offeredRate();
        }

        Optional<Phase> hold = plan.holdPhase(sustainable, measured.size());
        if (hold.isEmpty()) {
            return;
        }
        status("Letting the backlog drain before the hold phase");
        awaitDrained(tracker, meter, settings.drainTimeout());
        measured.add(runPhase(phases, reporter, hold.get()));
    }

    private PhaseRunner.Measured runPhase(PhaseRunner phases, LiveReporter reporter, Phase phase)
            throws InterruptedException {
        checkAborted();
        reporter.phase(phase);
        status(String.format(Locale.ROOT, "Phase %s: %s for %d s", phase.name(),
                LiveReporter.rateText(phase.offeredRate()), phase.duration().toSeconds()));
        return phases.run(phase, startNanos);
    }

    /** Waits until every acknowledged probe has a reconstruction or a dead letter, or the timeout passed. */
    private void awaitDrained(ReconstructionTracker tracker, SendMeter meter, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            SendMeter.Counts sent = meter.counts();
            ReconstructionTracker.Counts read = tracker.counts();
            boolean acknowledgedAll = sent.sent() == sent.acknowledged() + sent.failed();
            if (acknowledgedAll && read.evaluated() + read.deadLettered() >= sent.acknowledged()) {
                return;
            }
            if (tracker.failure() != null) {
                log.warn("The reconstruction tracker failed; not waiting for the rest");
                return;
            }
            if (aborted.await(CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("The stress run was stopped");
            }
        }
        SendMeter.Counts sent = meter.counts();
        ReconstructionTracker.Counts read = tracker.counts();
        status(String.format(Locale.ROOT, "Stopped waiting after %d s: %d of %d acknowledged probes resolved",
                timeout.toSeconds(), read.evaluated() + read.deadLettered(), sent.acknowledged()));
    }

    /** Corrupts one pass over the targets per corruption, unless every probe is to be corrupted as it is sent. */
    private List<CorruptedPass> corruptPasses() {
        if (settings.corruptEachProbe()) {
            status("Corrupting every probe as it is sent");
            return List.of();
        }
        long start = System.nanoTime();
        List<CorruptedPass> passes = ProbeCampaign.corruptPasses(settings.experimentId(), settings.corruptions(),
                settings.experimentSeed(), targets);
        status(String.format(Locale.ROOT, "Corrupted %d probes for each of %d corruption(s) in %d ms; the phases"
                        + " send them again under new probe ids", targets.size(), settings.corruptions().size(),
                (System.nanoTime() - start) / 1_000_000));
        return passes;
    }

    private void checkAborted() throws InterruptedException {
        if (aborted.getCount() == 0) {
            throw new InterruptedException("The stress run was stopped");
        }
    }

    /** Prints a status line prefixed with the time since the start. */
    private void status(String message) {
        out.println(String.format(Locale.ROOT, "[%6.1f s] ", (System.nanoTime() - startNanos) / 1e9) + message);
    }

    /** Returns the system's one-minute load average, or -1 where the platform does not report it. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
