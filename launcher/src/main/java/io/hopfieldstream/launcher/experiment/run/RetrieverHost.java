package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retriever of a sweep in this JVM: at most one {@link RetrieverService} at a time, kept while
 * points with the same memory and retrieval settings follow each other and replaced otherwise.
 *
 * <p>Each service joins a consumer group of its own whose offsets are set to the end of the probe topic
 * before it starts, so it retrieves only the probes published after that, whatever the topic contained
 * before. It reads the memory topic to its end on start. Its memory's content fingerprint must equal the
 * fingerprint of the bank the sweep published, or the point fails, because the run id on every
 * reconstruction is derived from that memory and the retrieval settings.
 */
final class RetrieverHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetrieverHost.class);

    private final Map<String, Object> clientProperties;
    private final Admin admin;
    private final TopicNames topics;
    private final String groupPrefix;
    private final RetrieverOptions options;
    private final RetrievalBackendFactory backendFactory;
    private final List<String> groups = new ArrayList<>();

    private RetrieverService current;
    private String currentKey;

    /**
     * @param clientProperties Kafka client properties of the cluster
     * @param admin admin client of the cluster
     * @param topics the sweep's topics
     * @param groupPrefix prefix of the consumer groups, unique for this run of the sweep
     * @param options batch and timeout settings of the services
     * @param backendFactory creates each service's retrieval backend
     */
    RetrieverHost(Map<String, Object> clientProperties, Admin admin, TopicNames topics, String groupPrefix,
            RetrieverOptions options, RetrievalBackendFactory backendFactory) {
        this.clientProperties = clientProperties;
        this.admin = admin;
        this.topics = topics;
        this.groupPrefix = groupPrefix;
        this.options = options;
        this.backendFactory = backendFactory;
    }

    /**
     * Returns a running retriever for this memory and these settings, starting one when the current one
     * serves another memory or other settings.
     *
     * @param fingerprint content fingerprint of the bank on the memory topic
     * @throws PointFailedException when the service fails to start or loads another memory
     */
    RetrieverService ensure(MemorySpec memory, String fingerprint, RetrievalSettings retrieval)
            throws InterruptedException {
        String key = memory.text() + "|" + fingerprint + "|" + retrieval;
        if (current != null && key.equals(currentKey) && current.state() == RetrieverService.State.RUNNING) {
            return current;
        }
        stop();

        String groupId = groupPrefix + "-r" + (groups.size() + 1);
        ConsumerGroups.startAtEnd(admin, groupId, topics.probes());
        groups.add(groupId);
        RetrieverSettings settings = builder(retrieval).groupId(groupId).build();
        current = start(settings, fingerprint);
        currentKey = key;
        return current;
    }

    /**
     * Starts a retriever that replays the recorded probes of one experiment from the start of the probe
     * topic under a fresh consumer group and a new run id; it is stopped by the next call or {@link #stop()}.
     *
     * @throws PointFailedException when the service fails to start or loads another memory
     */
    RetrieverService replay(String experimentId, String fingerprint, RetrievalSettings retrieval)
            throws InterruptedException {
        stop();
        RetrieverSettings settings = builder(retrieval)
                .replay(new RetrieverSettings.Replay(experimentId, null))
                .build();
        groups.add(settings.groupId());
        current = start(settings, fingerprint);
        currentKey = null;
        return current;
    }

    /** Stops the current retriever, if any, within the shutdown timeout. */
    void stop() {
        if (current == null) {
            return;
        }
        RetrieverService stopping = current;
        current = null;
        currentKey = null;
        if (!stopping.stop(options.shutdownTimeout())) {
            log.warn("The retriever of group {} did not stop within {} s", stopping.settings().groupId(),
                    options.shutdownTimeout().toSeconds());
        }
    }

    /** Stops the current retriever and deletes the consumer groups this host created. */
    @Override
    public void close() {
        stop();
        ConsumerGroups.deleteQuietly(admin, groups);
        groups.clear();
    }

    private RetrieverSettings.Builder builder(RetrievalSettings retrieval) {
        return RetrieverSettings.builder()
                .retrieval(retrieval)
                .topics(topics.retrieverTopics())
                .batchSize(options.batchSize())
                .maxBatchWait(options.maxBatchWait())
                .instanceId("experiment")
                .memoryLoadTimeout(options.memoryLoadTimeout())
                .shutdownTimeout(options.shutdownTimeout());
    }

    private RetrieverService start(RetrieverSettings settings, String fingerprint) throws InterruptedException {
        RetrieverService service = new RetrieverService(settings, clientProperties, backendFactory,
                new SimpleMeterRegistry());
        try {
            service.start();
        } catch (RuntimeException e) {
            throw new PointFailedException("The retriever failed to start: " + e.getMessage(), e);
        }

        String loaded = service.memory().fingerprint();
        if (!Objects.equals(loaded, fingerprint)) {
            int size = service.memory().size();
            service.stop(options.shutdownTimeout());
            throw new PointFailedException("The retriever loaded a memory of " + size + " patterns with fingerprint "
                    + loaded.substring(0, 16) + ", not the published bank (" + fingerprint.substring(0, 16)
                    + "); another client may be writing to the memory topic " + topics.memory());
        }
        log.info("Retriever running: group {}, run id {}, memory of {} patterns", settings.groupId(),
                service.runId(), service.memory().size());
        return service;
    }

    /**
     * Settings of the in-process retrievers.
     *
     * @param batchSize most probes per batch
     * @param maxBatchWait maximum wait for a partial batch
     * @param memoryLoadTimeout maximum wait for the memory topic to be read at start
     * @param shutdownTimeout maximum wait for a clean stop
     */
    record RetrieverOptions(int batchSize, Duration maxBatchWait, Duration memoryLoadTimeout,
            Duration shutdownTimeout) {

        /** Batches of 256, a 50 ms wait, 5 minutes to read the memory, 30 s to stop. */
        static RetrieverOptions defaults() {
            return new RetrieverOptions(RetrieverSettings.DEFAULT_BATCH_SIZE, RetrieverSettings.DEFAULT_MAX_BATCH_WAIT,
                    Duration.ofMinutes(5), Duration.ofSeconds(30));
        }
    }
}
