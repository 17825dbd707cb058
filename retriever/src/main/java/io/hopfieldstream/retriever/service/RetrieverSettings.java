package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the retrieval service. Every value is checked when the record is built, and a value
 * out of range raises {@link InvalidRetrieverSettingException} naming the setting.
 *
 * @param retrieval the Modern Hopfield update: beta, iterations, tolerance, normalization, mask-aware, chunk size
 * @param topics the topics read and written
 * @param batchSize maximum number of probes retrieved together, 1 to {@value #MAX_BATCH_SIZE} (default {@value #DEFAULT_BATCH_SIZE})
 * @param maxBatchWait maximum wait for a partial batch to fill after its first probe arrived, 0 to 60 s
 * @param groupId consumer group of the probe topic; instances of one group share its partitions
 * @param instanceId name of this instance within the group, part of the default transactional id
 * @param transactionalId producer transactional id, stable across restarts of one instance, so that a
 *     restart aborts the transaction a crashed predecessor left open
 * @param runId the run id put on every reconstruction, or null to derive it from the retrieval settings and the memory
 * @param replay the experiment to replay from its recorded probes, or null for the live service
 * @param memoryLoadTimeout maximum wait at start for the memory topic to exist and be read to its end
 * @param truthLookupTimeout maximum wait for the memory to catch up when a probe names a stored pattern
 *     it does not hold yet, before the probe is rejected as naming an unknown pattern
 * @param progressInterval time between two progress lines in the log
 * @param shutdownTimeout maximum time a clean stop may take before the clients are closed regardless
 */
public record RetrieverSettings(
        RetrievalSettings retrieval,
        RetrieverTopics topics,
        int batchSize,
        Duration maxBatchWait,
        String groupId,
        String instanceId,
        String transactionalId,
        String runId,
        Replay replay,
        Duration memoryLoadTimeout,
        Duration truthLookupTimeout,
        Duration progressInterval,
        Duration shutdownTimeout) {

    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final int MAX_BATCH_SIZE = 65_536;
    public static final Duration DEFAULT_MAX_BATCH_WAIT = Duration.ofMillis(50);
    public static final Duration MAX_MAX_BATCH_WAIT = Duration.ofSeconds(60);
    public static final String DEFAULT_GROUP_ID = "hopfield-retriever";
    public static final Duration DEFAULT_MEMORY_LOAD_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_TRUTH_LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** Maximum number of update steps a probe may run. */
    public static final int MAX_ITERATIONS = 1_000;

    /** Run, instance and transactional ids: letters, digits, '.', '_' and '-'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public RetrieverSettings {
        Objects.requireNonNull(retrieval, "retrieval");
        checkRetrieval(retrieval);
        Objects.requireNonNull(topics, "topics");

        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidRetrieverSettingException("batch-size", batchSize, "an integer from 1 to " + MAX_BATCH_SIZE);
        }
        checkDuration("max-wait-ms", maxBatchWait, Duration.ZERO, MAX_MAX_BATCH_WAIT);
        checkDuration("memory-load-timeout", memoryLoadTimeout, Duration.ofMillis(1), Duration.ofDays(1));
        checkDuration("truth-lookup-timeout", truthLookupTimeout, Duration.ZERO, Duration.ofHours(1));
        checkDuration("progress-interval", progressInterval, Duration.ofMillis(100), Duration.ofDays(1));
        checkDuration("shutdown-timeout", shutdownTimeout, Duration.ofMillis(1), Duration.ofHours(1));

        if (groupId == null || groupId.isBlank()) {
            throw new InvalidRetrieverSettingException("group-id", groupId, "a non-blank consumer group id");
        }
        checkId("instance-id", instanceId);
        if (transactionalId == null) {
            transactionalId = groupId + "-" + instanceId;
        }
        if (transactionalId.isBlank()) {
            throw new InvalidRetrieverSettingException("transactional-id", transactionalId, "a non-blank transactional id");
        }
        if (runId != null) {
            checkId("run-id", runId);
        }
    }

    /** Returns the default settings: batches of 256, a 50 ms wait, the default group and this host as instance. */
    public static RetrieverSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.retrieval = retrieval;
        builder.topics = topics;
        builder.batchSize = batchSize;
        builder.maxBatchWait = maxBatchWait;
        builder.groupId = groupId;
        builder.instanceId = instanceId;
        builder.transactionalId = transactionalId;
        builder.runId = runId;
        builder.replay = replay;
        builder.memoryLoadTimeout = memoryLoadTimeout;
        builder.truthLookupTimeout = truthLookupTimeout;
        builder.progressInterval = progressInterval;
        builder.shutdownTimeout = shutdownTimeout;
        return builder;
    }

    /**
     * Checks the retrieval settings and raises {@link InvalidRetrieverSettingException} for the first
     * value out of range.
     */
    public static void checkRetrieval(RetrievalSettings retrieval) {
        double beta = retrieval.beta();
        if (!(beta > 0 && beta <= RetrievalSettings.MAX_BETA)) {
            throw new InvalidRetrieverSettingException("beta", beta,
                    "a number greater than 0 and at most " + RetrievalSettings.MAX_BETA);
        }
        if (retrieval.maxIterations() < 1 || retrieval.maxIterations() > MAX_ITERATIONS) {
            throw new InvalidRetrieverSettingException("iterations", retrieval.maxIterations(),
                    "an integer from 1 to " + MAX_ITERATIONS);
        }
        double tolerance = retrieval.tolerance();
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new InvalidRetrieverSettingException("tolerance", tolerance, "a finite number of at least 0");
        }
        if (retrieval.normalization() == null) {
            throw new InvalidRetrieverSettingException("normalization", null, "one of none, center, unit, center_unit");
        }
        if (retrieval.chunkSize() < 1) {
            throw new InvalidRetrieverSettingException("chunk-size", retrieval.chunkSize(), "an integer of at least 1");
        }
    }

    /** Returns this host's name as an instance id, or "local" when the host has no resolvable name. */
    public static String defaultInstanceId() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "local";
            }
        }
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return cleaned.isEmpty() ? "local" : cleaned;
    }

    private static void checkDuration(String setting, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidRetrieverSettingException(setting, value == null ? null : value.toMillis() + " ms",
                    "a duration from " + min.toMillis() + " ms to " + max.toMillis() + " ms");
        }
    }

    private static void checkId(String setting, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidRetrieverSettingException(setting, value,
                    "1 to 200 characters from letters, digits, '.', '_' and '-'");
        }
    }

    /**
     * Replay of one experiment's recorded probes under a fresh consumer group and a new run id.
     *
     * @param experimentId only probes of this experiment are retrieved; others are skipped
     * @param from read probes written at or after this time, or null to read from the start of the topic
     */
    public record Replay(String experimentId, Instant from) {

        public Replay {
            if (experimentId == null || experimentId.isBlank()) {
                throw new InvalidRetrieverSettingException("replay-experiment", experimentId, "a non-blank experiment id");
            }
        }
    }

    /** Builds {@link RetrieverSettings}; unset values take the defaults. */
    public static final class Builder {

        private RetrievalSettings retrieval = RetrievalSettings.defaults();
        private RetrieverTopics topics = RetrieverTopics.defaults();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration maxBatchWait = DEFAULT_MAX_BATCH_WAIT;
        private String groupId;
        private String instanceId;
        private String transactionalId;
        private String runId;
        private Replay replay;
        private Duration memoryLoadTimeout = DEFAULT_MEMORY_LOAD_TIMEOUT;
        private Duration truthLookupTimeout = DEFAULT_TRUTH_LOOKUP_TIMEOUT;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {
        }

        public Builder retrieval(RetrievalSettings value) {
            retrieval = value;
            return this;
        }

        public Builder topics(RetrieverTopics value) {
            topics = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder maxBatchWait(Duration value) {
            maxBatchWait = value;
            return this;
        }

        /** Sets the consumer group; null keeps the default, which for a replay is a fresh group. */
        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        /** Sets the instance id; null keeps the default, this host's name. */
        public Builder instanceId(String value) {
            instanceId = value;
            return this;
        }

        /** Sets the transactional id; null keeps the default, group id and instance id joined by '-'. */
        public Builder transactionalId(String value) {
            transactionalId = value;
            return this;
        }

        /** Sets the run id; null derives it from the retrieval settings and the memory. */
        public Builder runId(String value) {
            runId = value;
            return this;
        }

        /** Sets the experiment to replay, or null for the live service. */
        public Builder replay(Replay value) {
            replay = value;
            return this;
        }

        public Builder memoryLoadTimeout(Duration value) {
            memoryLoadTimeout = value;
            return this;
        }

        public Builder truthLookupTimeout(Duration value) {
            truthLookupTimeout = value;
            return this;
        }

        public Builder progressInterval(Duration value) {
            progressInterval = value;
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        /**
         * Builds and checks the settings. Without a group id, a live service joins
         * {@value #DEFAULT_GROUP_ID} and a replay a group of its own named after the experiment and
         * the start time, so it reads the probes again from the start.
         */
        public RetrieverSettings build() {
            String group = groupId;
            if (group == null) {
                group = replay == null
                        ? DEFAULT_GROUP_ID
                        : DEFAULT_GROUP_ID + "-replay-" + replay.experimentId() + "-" + System.currentTimeMillis();
            }
            String instance = instanceId == null ? defaultInstanceId() : instanceId;
            return new RetrieverSettings(retrieval, topics, batchSize, maxBatchWait, group, instance, transactionalId, runId,
                    replay, memoryLoadTimeout, truthLookupTimeout, progressInterval, shutdownTimeout);
        }
    }
}
