package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.evaluator.scoring.RejectionReason;
import io.hopfieldstream.evaluator.scoring.SimilarityMeasure;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.evaluator.service.EvaluatorSettings;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.schemas.config.KafkaProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the evaluator of a sweep in this JVM: one {@link EvaluatorService} at a time, replaced when the
 * similarity threshold or the memory bank changes.
 *
 * <p>A new evaluator reads the memory topic to its end into its global table before it scores anything
 * (Kafka Streams starts its stream threads only after every global table is restored, as the javadoc of
 * {@code KafkaStreams.start()} states since Kafka 2.1). So replacing it after a memory switch guarantees
 * that the table contains every stored original of the next point. A running evaluator would follow the
 * switch too, but nothing outside it can tell when.
 *
 * <p>Each service gets an application id of its own whose consumer group starts at the end of the
 * reconstruction topic, so it scores only reconstructions written afterwards, and never re-scores old
 * ones against a memory topic that no longer contains their originals. A stopped evaluator's state folder
 * and internal topics are deleted at once, its consumer group when the host closes.
 */
final class EvaluatorHost implements AutoCloseable {

    /** Maximum wait for a started evaluator to run with its state restored. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(EvaluatorHost.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientProperties;
    private final Admin admin;
    private final TopicNames topics;
    private final String applicationPrefix;
    private final Path stateRoot;
    private final List<String> applicationIds = new ArrayList<>();

    private EvaluatorService current;
    private String currentApplicationId;
    private Path currentStateFolder;
    private double currentThreshold = Double.NaN;
    private String currentMemory;

    /**
     * @param clientProperties Kafka client properties of the cluster
     * @param admin admin client of the cluster
     * @param topics the sweep's topics
     * @param applicationPrefix prefix of the application ids, unique for this run of the sweep
     * @param stateRoot folder under which each evaluator gets a state folder named after its application id
     */
    EvaluatorHost(Map<String, Object> clientProperties, Admin admin, TopicNames topics, String applicationPrefix,
            Path stateRoot) {
        this.clientProperties = clientProperties;
        this.admin = admin;
        this.topics = topics;
        this.applicationPrefix = applicationPrefix;
        this.stateRoot = stateRoot;
    }

    /**
     * Returns a running evaluator that scores with this threshold and has read this memory bank, starting one
     * when needed.
     *
     * @param memoryFingerprint content fingerprint of the bank on the memory topic
     * @throws PointFailedException when the evaluator does not become ready in time
     */
    EvaluatorService ensure(double threshold, String memoryFingerprint) throws InterruptedException {
        if (current != null && threshold == currentThreshold && memoryFingerprint.equals(currentMemory)
                && current.state().isRunningOrRebalancing()) {
            return current;
        }
        stop();

        String applicationId = applicationPrefix + "-e" + (applicationIds.size() + 1);
        ConsumerGroups.startAtEnd(admin, applicationId, topics.reconstructions());
        applicationIds.add(applicationId);
        Path stateFolder = stateRoot.resolve(applicationId);
        try {
            Files.createDirectories(stateFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a state folder for the evaluator", e);
        }

        TopologySettings topology = TopologySettings.defaults()
                .withTopics(topics.reconstructions(), topics.memory(), topics.metrics())
                .withSimilarity(SimilarityMeasure.PEARSON, threshold);
        EvaluatorSettings settings = EvaluatorSettings
                .defaults(String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)))
                .withKafka(KafkaProperties.builder().defaults(clientProperties).build())
                .withTopology(topology)
                .withApplicationId(applicationId)
                .withStateDir(stateFolder)
                .withDeadLetterTopic(topics.deadLetter())
                .withHttp(EvaluatorSettings.DEFAULT_HTTP_HOST, 0)
                .withShutdownTimeout(SHUTDOWN_TIMEOUT);
        try {
            current = EvaluatorService.start(settings);
        } catch (IOException e) {
            deleteQuietly(stateFolder);
            throw new PointFailedException("The evaluator's HTTP server failed to start: " + e.getMessage(), e);
        }
        currentApplicationId = applicationId;
        currentStateFolder = stateFolder;
        currentThreshold = threshold;
        currentMemory = memoryFingerprint;
        if (!current.awaitReady(READY_TIMEOUT)) {
            throw new PointFailedException("The evaluator did not become ready within " + READY_TIMEOUT.toSeconds()
                    + " s (Kafka Streams state " + current.state() + ")");
        }
        log.info("Evaluator running: application id {}, threshold {}", applicationId, threshold);
        return current;
    }

    /** Returns how many reconstructions the current evaluator rejected because their truth pattern was unknown. */
    long unknownTruthRejections() {
        return current == null ? 0 : current.rejections().count(RejectionReason.UNKNOWN_TRUTH_PATTERN);
    }

    /** Returns how many records the current evaluator rejected for any reason. */
    long rejections() {
        return current == null ? 0 : current.rejections().total();
    }

    /** Stops the current evaluator, if any, and deletes its state folder and internal topics. */
    void stop() {
        if (current == null) {
            return;
        }
        current.close();
        deleteInternalTopics(currentApplicationId);
        deleteQuietly(currentStateFolder);
        current = null;
        currentApplicationId = null;
        currentStateFolder = null;
        currentThreshold = Double.NaN;
        currentMemory = null;
    }

    /** Stops the current evaluator and deletes the consumer groups of this host's evaluators. */
    @Override
    public void close() {
        stop();
        ConsumerGroups.deleteQuietly(admin, applicationIds);
        applicationIds.clear();
    }

    private void deleteInternalTopics(String applicationId) {
        try {
            List<String> internal = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream()
                    .filter(topic -> topic.startsWith(applicationId + "-"))
                    .toList();
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.debug("Deleted the evaluator's internal topics {}", internal);
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Failed to delete the evaluator's internal topics: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Failed to delete the evaluator's state folder {}: {}", folder, e.toString());
        }
    }
}
