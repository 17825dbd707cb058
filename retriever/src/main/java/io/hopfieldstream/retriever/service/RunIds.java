package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives a run id from what determines a run's results: beta, iterations, tolerance,
 * normalization, mask-aware and the memory's content fingerprint, plus the consumer group for a
 * replay. The chunk size and the backend are left out because they change results only within
 * float32 rounding. A restart with the same settings and memory therefore continues the same run,
 * while other settings or another memory start a new one.
 */
public final class RunIds {

    /** Hex digits of the digest kept in a derived run id. */
    static final int DIGEST_HEX_DIGITS = 12;

    private RunIds() {
    }

    /**
     * Returns the given run id when there is one, else a derived id of the form
     * {@code run-<12 hex digits>} (live service) or {@code replay-<12 hex digits>} (replay).
     */
    public static String resolve(RetrieverSettings settings, MemoryVersion memory) {
        if (settings.runId() != null) {
            return settings.runId();
        }
        String replayGroup = settings.replay() == null ? null : settings.groupId();
        return derive(settings.retrieval(), memory.fingerprint(), replayGroup);
    }

    /**
     * Derives a run id.
     *
     * @param retrieval the retrieval settings
     * @param memoryFingerprint the memory's content fingerprint, see {@link MemoryVersion#fingerprint()}
     * @param replayGroup the consumer group of a replay, or null for the live service
     */
    public static String derive(RetrievalSettings retrieval, String memoryFingerprint, String replayGroup) {
        String canonical = String.format(Locale.ROOT,
                "beta=%s;iterations=%d;tolerance=%s;normalization=%s;maskAware=%b;memory=%s;replayGroup=%s",
                Double.toString(retrieval.beta()),
                retrieval.maxIterations(),
                Double.toString(retrieval.tolerance()),
                retrieval.normalization().name(),
                retrieval.maskAware(),
                memoryFingerprint,
                replayGroup == null ? "" : replayGroup);

        String digest = HexFormat.of().formatHex(sha256(canonical)).substring(0, DIGEST_HEX_DIGITS);
        return (replayGroup == null ? "run-" : "replay-") + digest;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
