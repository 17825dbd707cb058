package io.hopfieldstream.producer.dataset;

import java.io.InputStream;

/**
 * One opened batch file: its name for messages, its size in bytes, and a stream positioned at its first byte.
 * The stream belongs to the {@link BatchSequence} that returned it; callers read it but do not close it.
 *
 * @param name  file path, or {@code archive!member} for an archive member
 * @param size  size of the file in bytes
 * @param input the file's bytes
 */
public record BatchFile(String name, long size, InputStream input) {
}
