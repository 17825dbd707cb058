package io.hopfieldstream.evaluator.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes percent-encoded URL path segments as UTF-8. Unlike {@link java.net.URLDecoder}, which decodes form
 * data, it keeps {@code +} as it is, so a corruption kind such as {@code gaussian+lower-half} survives.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    /**
     * Decodes one path segment.
     *
     * @throws IllegalArgumentException when a {@code %} is not followed by two hexadecimal digits
     */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            int percent = segment.indexOf('%', i);
            if (percent < 0) {
                bytes.writeBytes(segment.substring(i).getBytes(StandardCharsets.UTF_8));
                break;
            }
            bytes.writeBytes(segment.substring(i, percent).getBytes(StandardCharsets.UTF_8));
            if (percent + 2 >= segment.length()) {
                throw new IllegalArgumentException("Invalid percent-encoding in '" + segment + "'");
            }
            int high = Character.digit(segment.charAt(percent + 1), 16);
            int low = Character.digit(segment.charAt(percent + 2), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("Invalid percent-encoding in '" + segment + "'");
            }
            bytes.write(high * 16 + low);
            i = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
