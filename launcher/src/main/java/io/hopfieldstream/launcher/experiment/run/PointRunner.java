package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.launcher.demo.Triplet;
import io.hopfieldstream.launcher.experiment.stats.MemoryStatistics;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.WindowMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one point through the pipeline. It switches the memory topic to the point's bank and makes sure
 * that a retriever and an evaluator with the point's settings run (in process, unless the services run
 * elsewhere). Then it publishes the point's probes under its experiment id and waits until the
 * cumulative metrics of its run on the metrics topic count every probe. Those metrics, read back like any client
 * reads them, are the point's result.
 */
public final class PointRunner {

    private static final Logger log = LoggerFactory.getLogger(PointRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final PipelineSession session;

    public PointRunner(PipelineSession session) {
        this.session = session;
    }

    /**
     * Runs a point. A failure of the point is returned as a failed result; only an interrupt is raised.
     *
     * @throws InterruptedException when the thread is interrupted
     */
    public PointResult run(SweepPoint point) throws InterruptedException {
        long start = System.nanoTime();
        PointSettings settings = point.settings();
        MemoryStatistics statistics = null;
        String digest = null;
        try {
            List<CifarImage> images = session.memory(settings.memory());
            String fingerprint = session.switchMemory(settings.memory(), images);
            statistics = session.statistics(settings.memory(), images);

            String runId = null;
            RetrieverService retriever = null;
            EvaluatorService evaluator = null;
            if (!session.externalServices()) {
                evaluator = session.evaluators().ensure(settings.threshold(), fingerprint);
                retriever = session.retrievers().ensure(settings.memory(), fingerprint, settings.retrieval());
                runId = retriever.runId();
            }

            PointProbes probes = PointProbes.build(point, images, System.currentTimeMillis());
            List<Probe> samples = probes.probes().subList(0,
                    Math.min(session.options().samplesPerPoint(), probes.probes().size()));
            Set<String> sampleIds = new HashSet<>();
            samples.forEach(probe -> sampleIds.add(probe.getProbeId()));
            session.tail().track(point.experimentId(), sampleIds);
            digest = probes.publish(session.connection().clientProperties(), session.options().topics().probes());

            Waiter waiter = new Waiter(point, settings.probes(), retriever, evaluator);
            RunKey run = runId == null ? waiter.awaitSingleRun() : waiter.await(runId);
            WindowMetrics metrics = session.tail().cumulative(run);
            double seconds = (System.nanoTime() - start) / 1e9;
            log.info("Point {} ({}) finished in {} s: accuracy {}, exact match {}, run {}", point.number(),
                    point.experimentId(), String.format(Locale.ROOT, "%.1f", seconds), metrics.getAccuracy(),
                    metrics.getExactMatchRate(), run.runId());
            return new PointResult(point, null, run.runId(), metrics, statistics, digest,
                    triplets(settings, run, probes, samples), session.tail().deadLetters(point.experimentId()),
                    seconds);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()
                    || e instanceof org.apache.kafka.common.errors.InterruptException) {
                throw new InterruptedException("Interrupted during point " + point.number() + ": " + e.getMessage());
            }
            if (!session.externalServices()) {
                session.retrievers().stop();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String reason = describe(e);
            log.warn("Point {} ({}) failed after {} s: {}", point.number(), point.experimentId(),
                    String.format(Locale.ROOT, "%.1f", seconds), reason, e);
            return PointResult.failed(point, reason, statistics, digest,
                    session.tail().deadLetters(point.experimentId()), seconds);
        }
    }

    private List<Triplet> triplets(PointSettings settings, RunKey run, PointProbes probes, List<Probe> samples) {
        Map<String, byte[]> reconstructed = session.tail().samplePixels(run);
        Map<String, ReconstructionSummary> summaries = session.tail().reconstructions(run);
        List<Triplet> triplets = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Probe probe = samples.get(i);
            byte[] pixels = reconstructed.get(probe.getProbeId());
            ReconstructionSummary summary = summaries.get(probe.getProbeId());
            if (pixels == null || summary == null) {
                continue;
            }
            CifarImage source = probes.sources().get(i);
            boolean exact = source.patternId().equals(summary.retrievedPatternId());
            triplets.add(new Triplet(settings.probeLabel(), source.label(), source.pixels(),
                    PointProbes.bytes(probe.getPixels()), pixels, exact, summary.retrievedWeight()));
        }
        return triplets;
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        Throwable cause = error.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /** Polls the tail until the point's metrics count every probe, a component fails, or the timeout passes. */
    final class Waiter {

        private final SweepPoint point;
        private final int probes;
        private final RetrieverService retriever;
        private final EvaluatorService evaluator;
        private final long rejectionsBefore;
        private final long deadline;

        Waiter(SweepPoint point, int probes, RetrieverService retriever, EvaluatorService evaluator) {
            this.point = point;
            this.probes = probes;
            this.retriever = retriever;
            this.evaluator = evaluator;
            this.rejectionsBefore = evaluator == null ? 0 : session.evaluators().rejections();
            this.deadline = System.nanoTime() + session.options().pointTimeout().toNanos();
        }

        /** Waits for the cumulative metrics of one run to count every probe. */
        RunKey await(String runId) throws InterruptedException {
            RunKey run = new RunKey(point.experimentId(), runId);
            while (!complete(run)) {
                step();
            }
            return run;
        }

        /**
         * Waits until one run of the experiment counts every probe, for services that run elsewhere. The
         * point fails when its reconstructions carry several run ids, because then more than one retriever
         * run served it, for example a retriever restarted with other settings during the point.
         */
        RunKey awaitSingleRun() throws InterruptedException {
            while (true) {
                List<String> runs = session.tail().runIds(point.experimentId());
                if (runs.size() > 1) {
                    throw new PointFailedException("The reconstructions of experiment " + point.experimentId()
                            + " carry several run ids " + runs + ": more than one retriever run served the point");
                }
                if (runs.size() == 1 && complete(new RunKey(point.experimentId(), runs.get(0)))) {
                    return new RunKey(point.experimentId(), runs.get(0));
                }
                step();
            }
        }

        private boolean complete(RunKey run) {
            WindowMetrics metrics = session.tail().cumulative(run);
            return metrics != null && metrics.getCount() + metrics.getUnscoredCount() >= probes;
        }

        private void step() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for point " + point.number());
            }
            session.tail().poll(POLL);
            checkComponents();
            Map<String, Long> deadLetters = session.tail().deadLetters(point.experimentId());
            if (!deadLetters.isEmpty()) {
                throw new PointFailedException("Records of experiment " + point.experimentId()
                        + " went to the dead-letter topic: " + deadLetters);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PointFailedException(timeoutMessage());
            }
        }

        private void checkComponents() {
            if (retriever != null && retriever.state() != RetrieverService.State.RUNNING) {
                throw new PointFailedException("The retriever stopped (state " + retriever.state() + ")"
                        + retriever.failure().map(failure -> ": " + failure.getMessage()).orElse(""));
            }
            if (evaluator != null) {
                if (!evaluator.state().isRunningOrRebalancing()) {
                    throw new PointFailedException("The evaluator stopped (Kafka Streams state " + evaluator.state()
                            + ")");
                }
                long rejected = session.evaluators().rejections() - rejectionsBefore;
                if (rejected > 0) {
                    throw new PointFailedException("The evaluator rejected " + rejected + " records during the point"
                            + " (" + session.evaluators().unknownTruthRejections()
                            + " since its start named a pattern missing from the memory topic)");
                }
            }
        }

        private String timeoutMessage() {
            StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                    "Timed out after %d s waiting for the metrics of %d probes of experiment %s",
                    session.options().pointTimeout().toSeconds(), probes, point.experimentId()));
            for (String runId : session.tail().runIds(point.experimentId())) {
                RunKey run = new RunKey(point.experimentId(), runId);
                WindowMetrics metrics = session.tail().cumulative(run);
                message.append(String.format(Locale.ROOT, "; run %s: %d reconstructions read, metrics count %s", runId,
                        session.tail().reconstructions(run).size(),
                        metrics == null ? "none" : String.valueOf(metrics.getCount() + metrics.getUnscoredCount())));
            }
            return message.toString();
        }
    }
}
