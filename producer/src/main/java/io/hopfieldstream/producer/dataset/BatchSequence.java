package io.hopfieldstream.producer.dataset;

import java.io.Closeable;

/** Batch files of one split, opened one after another in ascending batch order. */
public interface BatchSequence extends Closeable {

    /**
     * Opens the next batch; the previous batch's stream is no longer valid afterwards.
     *
     * @param batch batch number, 1-based, greater than the previous one
     * @throws CifarDataException when the batch file is missing or cannot be read
     */
    BatchFile open(int batch);

    /** Releases the open files; does not throw. */
    @Override
    void close();
}
