package io.hopfieldstream.retriever.service;

import io.hopfieldstream.schemas.Topics;

/**
 * Topics the retriever reads and writes. The defaults are the pipeline's topic names; tests that
 * share a broker give each run topics of its own.
 *
 * @param memoryPatterns the compacted memory topic the memory follows
 * @param probes the probe topic the consumer group reads
 * @param reconstructions where reconstructions go
 * @param deadLetter where rejected records go, with headers naming the source and the reason
 */
public record RetrieverTopics(String memoryPatterns, String probes, String reconstructions, String deadLetter) {

    public RetrieverTopics {
        check("memory-topic", memoryPatterns);
        check("probe-topic", probes);
        check("reconstruction-topic", reconstructions);
        check("dead-letter-topic", deadLetter);
    }

    /** Returns the pipeline's topic names. */
    public static RetrieverTopics defaults() {
        return new RetrieverTopics(Topics.MEMORY_PATTERNS, Topics.IMAGES_CORRUPTED, Topics.IMAGES_RECONSTRUCTED,
                Topics.IMAGES_DEAD_LETTER);
    }

    private static void check(String setting, String topic) {
        if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new InvalidRetrieverSettingException(setting, topic,
                    "a topic name of 1 to 249 letters, digits, '.', '_' and '-'");
        }
    }
}
