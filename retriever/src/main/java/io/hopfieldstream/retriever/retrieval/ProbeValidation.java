package io.hopfieldstream.retriever.retrieval;

import io.hopfieldstream.schemas.Topics;
import java.util.Optional;

/**
 * The input rules a probe must meet before retrieval. The service dead-letters probes that break
 * them, with {@link #problem}'s text as the reason; the backend raises {@link IllegalArgumentException}
 * for them, so a bad probe never yields a silently wrong result.
 */
public final class ProbeValidation {

    private ProbeValidation() {
    }

    /**
     * Returns what is wrong with a probe, or empty when it can be retrieved.
     *
     * @param pixels raw pixel values, {@value Topics#PIXELS_PER_IMAGE} of them
     * @param knownMask null, or one value per pixel: 1 known, 0 unknown, at least one 1
     */
    public static Optional<String> problem(byte[] pixels, byte[] knownMask) {
        if (pixels == null) {
            return Optional.of("probe has no pixels");
        }
        if (pixels.length != Topics.PIXELS_PER_IMAGE) {
            return Optional.of("probe has " + pixels.length + " pixel values, expected " + Topics.PIXELS_PER_IMAGE);
        }
        if (knownMask == null) {
            return Optional.empty();
        }
        if (knownMask.length != Topics.PIXELS_PER_IMAGE) {
            return Optional.of("known-pixel mask has " + knownMask.length + " values, expected "
                    + Topics.PIXELS_PER_IMAGE);
        }
        int known = 0;
        for (int i = 0; i < knownMask.length; i++) {
            byte value = knownMask[i];
            if (value != 0 && value != 1) {
                return Optional.of("known-pixel mask has value " + Byte.toUnsignedInt(value) + " at index " + i
                        + ", expected 0 (unknown) or 1 (known)");
            }
            known += value;
        }
        if (known == 0) {
            return Optional.of("known-pixel mask marks no pixel as known");
        }
        return Optional.empty();
    }
}
