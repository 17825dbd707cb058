package io.hopfieldstream.launcher.experiment.run;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of record values, each preceded by its length, so that two sequences have the
 * same digest exactly when they hold the same bytes in the same order (up to SHA-256 collisions).
 */
final class ProbeDigest {

    private final MessageDigest digest;

    ProbeDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    void add(byte[] value) {
        digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
        digest.update(value);
    }

    /** Returns the digest as 64 hex digits; the digest cannot be extended afterwards. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
