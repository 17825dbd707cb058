package io.hopfieldstream.launcher.probes;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.publish.CorruptedPass;
import io.hopfieldstream.producer.publish.ProbePublisher;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.producer.publish.PublishException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the probes of one experiment under several corruptions at once: one
 * {@link ProbePublisher} per corruption, each on its own thread, so the corruptions interleave on
 * the topic. The total rate and count are split evenly between the corruptions, and corruption
 * {@code j} numbers its probes from {@code firstProbeIndex + j * stride}, so probe ids stay unique
 * within the experiment.
 */
public final class ProbeCampaign {

    /** Probe index stride between corruptions when the count is unlimited (a run bounded by time). */
    static final long UNLIMITED_STRIDE = 1_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(ProbeCampaign.class);

    private final Map<String, ?> kafkaProperties;
    private final Plan plan;
    private final List<ProbePublisher> running = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    /**
     * The probes to publish.
     *
     * @param experimentId experiment of every probe
     * @param corruptions one or more corruptions, each with its own share of the probes
     * @param experimentSeed seed from which each probe's corruption seed is derived
     * @param ratePerSecond total probes per second over all corruptions, 0 for unlimited
     * @param count total probes, {@link ProbeSettings#ONE_PASS} for one pass over the targets per corruption,
     *     or {@link ProbeSettings#UNLIMITED_COUNT} to run until the duration ends
     * @param duration longest run time, or null for none
     * @param firstProbeIndex index of the first probe of the first corruption
     * @param topic topic to write
     * @param progressInterval time between two progress lines of each publisher
     */
    public record Plan(String experimentId, List<CorruptionSpec> corruptions, long experimentSeed, double ratePerSecond,
            long count, Duration duration, long firstProbeIndex, String topic, Duration progressInterval) {

        public Plan {
            Objects.requireNonNull(experimentId, "experimentId");
            corruptions = List.copyOf(corruptions);
            if (corruptions.isEmpty()) {
                throw new IllegalArgumentException("No corruption given: expected at least one");
            }
            if (count != ProbeSettings.ONE_PASS && count != ProbeSettings.UNLIMITED_COUNT && count < corruptions.size()) {
                throw new IllegalArgumentException("Invalid probe count " + count + ": expected at least one probe per"
                        + " corruption (" + corruptions.size() + ")");
            }
        }

        /** Returns the probes corruption {@code index} sends, or the count's special value. */
        long countOf(int index) {
            if (count == ProbeSettings.ONE_PASS || count == ProbeSettings.UNLIMITED_COUNT) {
                return count;
            }
            long share = count / corruptions.size();
            return index < count % corruptions.size() ? share + 1 : share;
        }

        /** Returns the probe index distance between the first probes of two neighbouring corruptions. */
        long stride(int targets) {
            if (count == ProbeSettings.ONE_PASS) {
                return targets;
            }
            if (count == ProbeSettings.UNLIMITED_COUNT) {
                return UNLIMITED_STRIDE;
            }
            return countOf(0);
        }

        /** Returns the total probes planned over all corruptions, or -1 when only the duration bounds the run. */
        public long plannedProbes(int targets) {
            if (count == ProbeSettings.ONE_PASS) {
                return (long) targets * corruptions.size();
            }
            return count == ProbeSettings.UNLIMITED_COUNT ? -1 : count;
        }
    }

    public ProbeCampaign(Map<String, ?> kafkaProperties, Plan plan) {
        this.kafkaProperties = Map.copyOf(kafkaProperties);
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * Publishes every corruption's probes and waits until all are acknowledged.
     *
     * @return one summary per corruption, in the plan's order
     * @throws PublishException when a publisher failed to deliver its probes
     * @throws InterruptedException when the calling thread is interrupted; the publishers are asked to stop
     */
    public List<ProbeSummary> run(List<ProbeTarget> targets) throws InterruptedException {
        return run(targets, List.of());
    }

    /**
     * Publishes as {@link #run(List)} does, copying each corruption's probes from its pass.
     *
     * @param passes one pass per corruption of the plan, in its order (see {@link #corruptPasses}), or an
     *     empty list to corrupt every probe on its own
     */
    public List<ProbeSummary> run(List<ProbeTarget> targets, List<CorruptedPass> passes) throws InterruptedException {
        List<CorruptionSpec> corruptions = plan.corruptions();
        if (!passes.isEmpty() && passes.size() != corruptions.size()) {
            throw new IllegalArgumentException("Got " + passes.size() + " corrupted passes for " + corruptions.size()
                    + " corruptions; give one per corruption or none");
        }
        int publishers = corruptions.size();
        double ratePerPublisher = plan.ratePerSecond() / publishers;
        long stride = plan.stride(targets.size());

        ExecutorService threads = Executors.newFixedThreadPool(publishers, runnable -> {
            Thread thread = new Thread(runnable, "probe-publisher");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<ProbeSummary>> results = new ArrayList<>();
        try {
            for (int index = 0; index < publishers; index++) {
                ProbeSettings settings = ProbeSettings.defaults(plan.experimentId(), corruptions.get(index))
                        .withSeed(plan.experimentSeed())
                        .withRate(ratePerPublisher)
                        .withCount(plan.countOf(index))
                        .withDuration(plan.duration())
                        .withFirstProbeIndex(plan.firstProbeIndex() + index * stride)
                        .withTopic(plan.topic())
                        .withProgressInterval(plan.progressInterval());
                Map<String, Object> properties = clientProperties(index, corruptions.get(index));
                CorruptedPass pass = passes.isEmpty() ? null : passes.get(index);
                results.add(threads.submit(() -> publish(properties, targets, settings, pass)));
            }
            return collect(results);
        } catch (InterruptedException e) {
            requestStop();
            throw e;
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Corrupts one pass over {@code targets} for each corruption, for runs of this experiment and seed that
     * copy their probes from it instead of corrupting each one.
     */
    public static List<CorruptedPass> corruptPasses(String experimentId, List<CorruptionSpec> corruptions,
            long experimentSeed, List<ProbeTarget> targets) {
        List<CorruptedPass> passes = new ArrayList<>(corruptions.size());
        for (CorruptionSpec corruption : corruptions) {
            passes.add(CorruptedPass.corrupt(experimentId, corruption, experimentSeed, targets, 0L,
                    ProbePublisher.DEFAULT_CREATION_THREADS));
        }
        return passes;
    }

    /** Ends every running publisher after the probe it is sending; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        running.forEach(ProbePublisher::requestStop);
    }

    private ProbeSummary publish(Map<String, Object> properties, List<ProbeTarget> targets, ProbeSettings settings,
            CorruptedPass pass) {
        ProbePublisher publisher = new ProbePublisher(properties);
        running.add(publisher);
        try {
            // NOTE: ProbePublisher.publish clears a stop requested before it started, so a stop
            // that arrives between this check and the first probe takes effect only at the next request.
            if (stopRequested) {
                return new ProbeSummary(settings.experimentId(), settings.topic(), 0, 0, 0,
                        settings.firstProbeIndex(), 0, 0.0, true);
            }
            return publisher.publish(targets, settings, pass);
        } finally {
            running.remove(publisher);
            publisher.close();
        }
    }

    /** Gives each publisher its own client id unless the caller set one, so their client metrics stay apart. */
    private Map<String, Object> clientProperties(int index, CorruptionSpec corruption) {
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        Object clientId = properties.get(ProducerConfig.CLIENT_ID_CONFIG);
        String base = clientId == null ? "hopfield-probe-publisher" : clientId.toString();
        String suffix = corruption.kind().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, base + "-" + index + "-" + suffix);
        return properties;
    }

    private List<ProbeSummary> collect(List<Future<ProbeSummary>> results) throws InterruptedException {
        List<ProbeSummary> summaries = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<ProbeSummary> result : results) {
            try {
                summaries.add(result.get());
            } catch (ExecutionException e) {
                requestStop();
                Throwable cause = e.getCause();
                log.error("A probe publisher failed: {}", cause.toString());
                if (failure == null) {
                    failure = cause instanceof RuntimeException runtime
                            ? runtime
                            : new PublishException("A probe publisher failed: " + cause, cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return summaries;
    }
}
