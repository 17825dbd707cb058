package io.hopfieldstream.launcher.stress;

import io.hopfieldstream.launcher.probes.ProbeCampaign;
import io.hopfieldstream.producer.publish.CorruptedPass;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Runs one phase: publishes probes at the phase's rate for its duration with the project's
 * {@link ProbeCampaign} (one publisher per corruption), and takes the counts, the consumer lag and
 * the latencies at the phase's start, middle and end.
 *
 * <p>Probe indices of phase {@code k} start at {@code k * corruptions * }{@value #PROBE_INDEX_STRIDE},
 * and the campaign spaces its corruptions {@value #PROBE_INDEX_STRIDE} apart, so probe ids stay
 * unique over the run while no corruption sends that many probes in one phase.
 */
final class PhaseRunner implements AutoCloseable {

    /** Probe index distance between corruptions and phases; the campaign's own spacing for unbounded runs. */
    static final long PROBE_INDEX_STRIDE = 1_000_000_000L;

    private final StressSettings settings;
    private final Map<String, Object> producerProperties;
    private final List<ProbeTarget> targets;
    private final List<CorruptedPass> passes;
    private final SendMeter meter;
    private final ReconstructionTracker tracker;
    private final ConsumerLag lag;
    private final CpuMeter cpu;
    private final Supplier<RetrieverTimes> retrieverTimes;
    private final CountDownLatch aborted;
    private final ExecutorService publishing = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stress-phase");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ProbeCampaign campaign;

    /**
     * @param clientProperties client properties of the cluster
     * @param passes one corrupted pass per corruption that the publishers copy their probes from, or an empty
     *     list to corrupt every probe on its own
     * @param tracker the reconstruction tracker, or null when producer-only
     * @param lag the retriever group's lag, or null when producer-only
     * @param cpu the process's CPU time by part
     * @param retrieverTimes the in-process retrievers' busy time so far
     * @param aborted counted down when the run is to stop
     */
    PhaseRunner(StressSettings settings, Map<String, Object> clientProperties, List<ProbeTarget> targets,
            List<CorruptedPass> passes, SendMeter meter, ReconstructionTracker tracker, ConsumerLag lag, CpuMeter cpu,
            Supplier<RetrieverTimes> retrieverTimes, CountDownLatch aborted) {
        this.settings = settings;
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.putAll(meter.producerProperties());
        this.producerProperties = Map.copyOf(properties);
        this.targets = targets;
        this.passes = List.copyOf(passes);
        this.meter = meter;
        this.tracker = tracker;
        this.lag = lag;
        this.cpu = cpu;
        this.retrieverTimes = retrieverTimes;
        this.aborted = aborted;
    }

    /**
     * Runs the phase to its end.
     *
     * @throws InterruptedException when the run is aborted or the thread interrupted; the publishers stop
     * @throws io.hopfieldstream.producer.publish.PublishException when a publisher failed
     */
    Measured run(Phase phase, long runStartNanos) throws InterruptedException {
        long startMs = System.currentTimeMillis();
        if (tracker != null) {
            tracker.phaseStarted(phase, startMs);
        }
        Snapshot start = snapshot();
        CpuMeter.Snapshot cpuAtStart = cpu.snapshot();
        RetrieverTimes retrieverAtStart = retrieverTimes.get();

        ProbeCampaign.Plan plan = new ProbeCampaign.Plan(settings.experimentId(), settings.corruptions(),
                settings.experimentSeed(), phase.offeredRate(), ProbeSettings.UNLIMITED_COUNT, phase.duration(),
                phase.index() * settings.corruptions().size() * PROBE_INDEX_STRIDE, Topics.IMAGES_CORRUPTED,
                Duration.ofHours(1));
        ProbeCampaign running = new ProbeCampaign(producerProperties, plan);
        campaign = running;
        Future<?> published = publishing.submit(() -> running.run(targets, passes));

        if (aborted.await(phase.duration().toNanos() / 2, TimeUnit.NANOSECONDS)) {
            stop(running);
        }
        Snapshot middle = snapshot();
        long lagAtMiddle = lag == null ? -1 : lag.current();
        LatencyWindow window = tracker == null ? null : tracker.openWindow();

        await(published, running);
        Snapshot end = snapshot();
        CpuMeter.Snapshot cpuAtEnd = cpu.snapshot();
        RetrieverTimes retrieverAtEnd = retrieverTimes.get();
        long lagAtEnd = lag == null ? -1 : lag.current();
        Histogram secondHalf = tracker == null ? new Histogram(ReconstructionTracker.MAX_TRACKED_MILLIS, 3)
                : tracker.closeWindow(window);
        campaign = null;
        return new Measured(phase, (start.nanos - runStartNanos) / 1e9, start, middle, end, lagAtMiddle, lagAtEnd,
                secondHalf, cpuAtStart, cpuAtEnd, retrieverAtEnd.since(retrieverAtStart));
    }

    /** Stops the phase in progress, if any; safe from any thread. */
    void requestStop() {
        ProbeCampaign running = campaign;
        if (running != null) {
            running.requestStop();
        }
    }

    @Override
    public void close() {
        requestStop();
        publishing.shutdownNow();
    }

    private void await(Future<?> published, ProbeCampaign running) throws InterruptedException {
        while (true) {
            try {
                published.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                if (aborted.getCount() == 0) {
                    stop(running);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("Publishing the probes failed: " + cause, cause);
            }
        }
    }

    private static void stop(ProbeCampaign running) throws InterruptedException {
        running.requestStop();
        throw new InterruptedException("The stress run was stopped");
    }

    private Snapshot snapshot() {
        SendMeter.Counts sent = meter.counts();
        long evaluated = 0;
        long resolved = 0;
        if (tracker != null) {
            ReconstructionTracker.Counts read = tracker.counts();
            evaluated = read.evaluated();
            resolved = read.evaluated() + read.deadLettered();
        }
        return new Snapshot(System.nanoTime(), sent.acknowledged(), sent.acknowledgedBytes(), evaluated, resolved);
    }

    /**
     * Counts at one moment.
     *
     * @param nanos {@link System#nanoTime()}
     * @param acknowledged probes the broker confirmed
     * @param acknowledgedBytes their serialized bytes
     * @param evaluated reconstructions read
     * @param resolved reconstructions read plus dead letters
     */
    record Snapshot(long nanos, long acknowledged, long acknowledgedBytes, long evaluated, long resolved) {
    }

    /**
     * What one phase measured while it ran.
     *
     * @param start start time in seconds since the run started
     */
    record Measured(Phase phase, double start, Snapshot first, Snapshot middle, Snapshot end, long lagAtMiddle,
            long lagAtEnd, Histogram secondHalf, CpuMeter.Snapshot cpuAtStart, CpuMeter.Snapshot cpuAtEnd,
            RetrieverTimes retriever) {

        /** Returns the CPU cores each part of the process used on average during the phase. */
        Map<String, Double> cpuCores() {
            return cpuAtEnd.coresSince(cpuAtStart, seconds());
        }

        /** Returns the CPU cores the whole process used on average during the phase. */
        double processCores() {
            return cpuAtEnd.processCoresSince(cpuAtStart, seconds());
        }

        double seconds() {
            return (end.nanos - first.nanos) / 1e9;
        }

        double sentPerSecond() {
            return rate(first.acknowledged, end.acknowledged, first.nanos, end.nanos);
        }

        double reconstructedPerSecond() {
            return rate(first.evaluated, end.evaluated, first.nanos, end.nanos);
        }

        double secondHalfSentPerSecond() {
            return rate(middle.acknowledged, end.acknowledged, middle.nanos, end.nanos);
        }

        double secondHalfReconstructedPerSecond() {
            return rate(middle.evaluated, end.evaluated, middle.nanos, end.nanos);
        }

        double secondHalfResolvedPerSecond() {
            return rate(middle.resolved, end.resolved, middle.nanos, end.nanos);
        }

        double megabytesPerSecond() {
            return rate(first.acknowledgedBytes, end.acknowledgedBytes, first.nanos, end.nanos) / 1e6;
        }

        private static double rate(long from, long to, long fromNanos, long toNanos) {
            double seconds = (toNanos - fromNanos) / 1e9;
            return seconds > 0 ? (to - from) / seconds : 0.0;
        }
    }
}
