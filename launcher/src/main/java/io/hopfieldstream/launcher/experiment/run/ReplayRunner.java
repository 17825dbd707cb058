package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.WindowMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a recorded experiment. Its probes are read back from the probe topic and never made again. The
 * experiment's memory is switched back onto the memory topic, and for each run an in-process retriever in
 * replay mode retrieves the probes with the run's retrieval settings, under a fresh consumer group and a
 * new run id. The evaluator scores every run apart, and the runs are then compared with the recorded one
 * probe by probe.
 */
public final class ReplayRunner {

    private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final PipelineSession session;

    public ReplayRunner(PipelineSession session) {
        if (session.externalServices()) {
            throw new IllegalArgumentException("A replay runs its own retriever: it cannot use external services");
        }
        this.session = session;
    }

    /**
     * Replays an experiment.
     *
     * @throws PointFailedException when the experiment has no recorded probes, or the memory or evaluator cannot
     *     be set up. A run that fails is reported in the result, and the other runs go on.
     * @throws InterruptedException when the thread is interrupted
     */
    public ReplayResult replay(ReplayRequest request) throws InterruptedException {
        long start = System.nanoTime();
        PointSettings original = request.original();
        Map<String, Object> client = session.connection().clientProperties();
        TopicNames topics = session.options().topics();
        long probeOffsetsBefore = TopicScan.endOffsetTotal(client, topics.probes());

        RecordedProbes recorded = RecordedProbes.read(client, topics.probes(), request.experimentId());
        if (recorded.size() == 0) {
            throw new PointFailedException("No probes of experiment " + request.experimentId() + " are recorded on "
                    + topics.probes() + " at " + session.connection().bootstrapServers());
        }
        String digest = recorded.digest();
        Boolean digestMatches = request.publishedDigest() == null ? null : request.publishedDigest().equals(digest);
        log.info("Replaying {} recorded probes of experiment {} (digest {}{})", recorded.size(),
                request.experimentId(), digest.substring(0, 16),
                digestMatches == null ? "" : digestMatches ? ", equal to the published probes"
                        : ", DIFFERENT from the published probes");

        List<CifarImage> images = session.memory(original.memory());
        String fingerprint = session.switchMemory(original.memory(), images);
        session.evaluators().ensure(original.threshold(), fingerprint);
        session.tail().track(request.experimentId(), java.util.Set.of());

        Map<String, PointSettings> newRuns = new LinkedHashMap<>();
        List<ReplayResult.RunComparison> failedRuns = new ArrayList<>();
        for (PointSettings run : request.runs()) {
            try {
                String runId = runOnce(request.experimentId(), fingerprint, run, recorded.size());
                newRuns.put(runId, run);
            } catch (RuntimeException e) {
                log.warn("Replay run of {} with {} failed: {}", request.experimentId(), run.retrievalKey(),
                        e.getMessage(), e);
                failedRuns.add(new ReplayResult.RunComparison(null, "replay", run, null, PointRunner.describe(e), 0, 0,
                        -1, -1));
            } finally {
                session.retrievers().stop();
            }
        }

        RecordedRuns runs = RecordedRuns.read(client, topics, request.experimentId());
        long probesWritten = TopicScan.endOffsetTotal(client, topics.probes()) - probeOffsetsBefore;
        List<ReplayResult.RunComparison> comparisons = compare(request, recorded, runs, newRuns);
        comparisons.addAll(failedRuns);
        return new ReplayResult(request, recorded.size(), digest, digestMatches, probesWritten, comparisons,
                (System.nanoTime() - start) / 1e9);
    }

    private String runOnce(String experimentId, String fingerprint, PointSettings settings, int probes)
            throws InterruptedException {
        RetrieverService retriever = session.retrievers().replay(experimentId, fingerprint, settings.retrieval());
        RunKey run = new RunKey(experimentId, retriever.runId());
        long deadline = System.nanoTime() + session.options().pointTimeout().toNanos();
        while (true) {
            WindowMetrics metrics = session.tail().cumulative(run);
            if (metrics != null && metrics.getCount() + metrics.getUnscoredCount() >= probes) {
                log.info("Replay run {} of {} finished: accuracy {}", run.runId(), experimentId, metrics.getAccuracy());
                return run.runId();
            }
            if (retriever.state() != RetrieverService.State.RUNNING) {
                throw new PointFailedException("The replay retriever stopped (state " + retriever.state() + ")");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PointFailedException("Timed out after " + session.options().pointTimeout().toSeconds()
                        + " s waiting for the metrics of replay run " + run.runId() + " (" + session.tail()
                        .reconstructions(run).size() + " of " + probes + " probes reconstructed)");
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for replay run " + run.runId());
            }
            session.tail().poll(POLL);
        }
    }

    private static List<ReplayResult.RunComparison> compare(ReplayRequest request, RecordedProbes recorded,
            RecordedRuns runs, Map<String, PointSettings> newRuns) {
        Map<String, Probe> recordedById = new HashMap<>();
        recorded.probes().forEach(probe -> recordedById.put(probe.getProbeId(), probe));
        Map<String, ReconstructionSummary> originalReconstructions = request.originalRunId() == null ? null
                : runs.reconstructions().get(request.originalRunId());

        List<String> order = new ArrayList<>();
        if (request.originalRunId() != null) {
            order.add(request.originalRunId());
        }
        order.addAll(newRuns.keySet());
        for (String runId : runs.reconstructions().keySet()) {
            if (!order.contains(runId)) {
                order.add(runId);
            }
        }

        List<ReplayResult.RunComparison> comparisons = new ArrayList<>();
        for (String runId : order) {
            Map<String, ReconstructionSummary> reconstructions = runs.reconstructions().getOrDefault(runId, Map.of());
            int seen = 0;
            int sameRetrieved = 0;
            int samePixels = 0;
            for (ReconstructionSummary summary : reconstructions.values()) {
                Probe probe = recordedById.get(summary.probeId());
                if (probe != null && probe.getCreatedAtMs() == summary.probeCreatedAtMs()
                        && probe.getCorruption().getSeed() == summary.corruptionSeed()) {
                    seen++;
                }
                ReconstructionSummary originalSummary = originalReconstructions == null ? null
                        : originalReconstructions.get(summary.probeId());
                if (originalSummary != null) {
                    if (Objects.equals(originalSummary.retrievedPatternId(), summary.retrievedPatternId())) {
                        sameRetrieved++;
                    }
                    if (originalSummary.pixelsHash() == summary.pixelsHash()) {
                        samePixels++;
                    }
                }
            }
            String role = runId.equals(request.originalRunId()) ? "original"
                    : newRuns.containsKey(runId) ? "replay" : "earlier";
            PointSettings settings = role.equals("original") ? request.original() : newRuns.get(runId);
            comparisons.add(new ReplayResult.RunComparison(runId, role, settings, runs.metrics().get(runId), null,
                    reconstructions.size(), seen, originalReconstructions == null ? -1 : sameRetrieved,
                    originalReconstructions == null ? -1 : samePixels));
        }
        return comparisons;
    }
}
