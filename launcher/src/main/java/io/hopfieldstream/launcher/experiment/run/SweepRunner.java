package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.ReplayPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepDefinitionException;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.producer.dataset.CifarReader;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep: every point through the pipeline in {@link SweepPlan#executionOrder()}, then the replays.
 * A point that fails is reported and the sweep goes on.
 */
public final class SweepRunner {

    private static final Logger log = LoggerFactory.getLogger(SweepRunner.class);

    private final SweepOptions options;
    private final CifarReader reader;
    private final PrintStream out;

    /**
     * @param options how the sweep runs
     * @param reader the CIFAR-10 data
     * @param out where the progress lines go
     */
    public SweepRunner(SweepOptions options, CifarReader reader, PrintStream out) {
        this.options = options;
        this.reader = reader;
        this.out = out;
    }

    /**
     * Checks that a sweep can run with these options: with external services, the retriever's and evaluator's
     * settings are theirs, so every point must share one set of retrieval settings and one threshold, and
     * there can be no replays.
     *
     * @throws SweepDefinitionException naming what cannot vary
     */
    public static void check(SweepPlan plan, SweepOptions options) {
        if (!options.externalServices()) {
            return;
        }
        Set<String> retrieval = new HashSet<>();
        Set<Double> thresholds = new HashSet<>();
        for (SweepPoint point : plan.points()) {
            retrieval.add(point.settings().retrievalKey());
            thresholds.add(point.settings().threshold());
        }
        if (retrieval.size() > 1 || thresholds.size() > 1) {
            throw new SweepDefinitionException("With external services the running retriever and evaluator keep their"
                    + " own settings, but sweep '" + plan.definition().name() + "' varies " + (retrieval.size() > 1
                    ? "retrieval settings (beta, iterations, tolerance, normalization or maskAware)" : "the threshold")
                    + "; run it with the in-process services or keep those settings fixed");
        }
        if (!plan.replays().isEmpty()) {
            throw new SweepDefinitionException("Sweep '" + plan.definition().name() + "' has replays, which run their "
                    + "own retriever and so cannot run with external services");
        }
    }

    /**
     * Runs the sweep.
     *
     * @throws InterruptedException when the thread is interrupted; what started is stopped first
     */
    public SweepResult run(SweepPlan plan) throws InterruptedException {
        check(plan, options);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<SweepPoint> order = plan.executionOrder();
        out.printf(Locale.ROOT, "Sweep %s: %d points, %d replays, %,d probes%n", plan.sweepId(), order.size(),
                plan.replays().size(), plan.totalProbes());

        Map<Integer, PointResult> results = new HashMap<>();
        List<SweepResult.ReplayOutcome> replays = new ArrayList<>();
        String environment;
        try (PipelineSession session = PipelineSession.open(options, reader, plan.sweepId())) {
            environment = environment(session);
            results.putAll(runPoints(order, new PointRunner(session)::run, new SweepProgress(out, order,
                    System::nanoTime)));
            for (ReplayPlan replay : plan.replays()) {
                replays.add(replay(session, replay, results.get(replay.point().number())));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = results.values().stream().filter(result -> !result.succeeded()).count();
        out.printf(Locale.ROOT, "Sweep %s finished in %s: %d of %d points succeeded%n", plan.sweepId(),
                SweepProgress.duration(seconds), results.size() - failed, results.size());
        return new SweepResult(plan, results, replays, startedAt, seconds, environment);
    }

    /**
     * Runs points one after another. A point that fails is reported and the next point runs, even when its
     * runner raised an exception instead of returning a failed result. Only an interrupt stops the loop.
     *
     * @return the results by point number
     */
    static Map<Integer, PointResult> runPoints(List<SweepPoint> order, PointExecutor executor, SweepProgress progress)
            throws InterruptedException {
        Map<Integer, PointResult> results = new HashMap<>();
        for (SweepPoint point : order) {
            if (Thread.interrupted()) {
                throw new InterruptedException("The sweep was stopped before point " + point.number());
            }
            progress.starting(point);
            long start = System.nanoTime();
            PointResult result;
            try {
                result = executor.run(point);
            } catch (RuntimeException e) {
                log.warn("Point {} failed", point.number(), e);
                result = PointResult.failed(point, PointRunner.describe(e), null, null, Map.of(),
                        (System.nanoTime() - start) / 1e9);
            }
            results.put(point.number(), result);
            progress.finished(result);
        }
        return results;
    }

    /** Runs one point; {@link PointRunner#run} outside tests. */
    @FunctionalInterface
    interface PointExecutor {

        PointResult run(SweepPoint point) throws InterruptedException;
    }

    private SweepResult.ReplayOutcome replay(PipelineSession session, ReplayPlan replay, PointResult original)
            throws InterruptedException {
        String name = replay.definition().name();
        if (original == null || !original.succeeded()) {
            out.println("Replay " + name + " skipped: its point p" + replay.point().number() + " failed");
            return new SweepResult.ReplayOutcome(replay, null, "the replayed point failed");
        }
        out.println("Replay " + name + ": " + replay.runs().size() + " runs over the recorded probes of "
                + replay.point().experimentId());
        try {
            ReplayResult result = new ReplayRunner(session).replay(new ReplayRequest(replay.point().experimentId(),
                    replay.point().settings(), original.runId(), original.probeDigest(), replay.runs()));
            out.printf(Locale.ROOT, "Replay %s finished in %.1f s; recorded probes byte-identical to the published"
                    + " ones: %s%n", name, result.seconds(), result.digestMatches());
            return new SweepResult.ReplayOutcome(replay, result, null);
        } catch (RuntimeException e) {
            log.warn("Replay {} failed", name, e);
            out.println("Replay " + name + " FAILED: " + PointRunner.describe(e));
            return new SweepResult.ReplayOutcome(replay, null, PointRunner.describe(e));
        }
    }

    private String environment(PipelineSession session) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d CPU cores, %s %s, Java %s (%s), max heap %d MiB, %s Kafka at %s, %s",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                runtime.maxMemory() / (1024 * 1024), session.connection().embedded() ? "embedded" : "external",
                session.connection().bootstrapServers(),
                options.externalServices() ? "external retriever and evaluator"
                        : "in-process retriever (ND4J CPU backend) and evaluator");
    }
}
