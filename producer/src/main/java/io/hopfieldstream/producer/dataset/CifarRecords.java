package io.hopfieldstream.producer.dataset;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads and validates the fixed-size records of one batch file. */
final class CifarRecords {

    /** Bytes per record: the label byte and the pixels. */
    static final int RECORD_BYTES = 1 + CifarImage.PIXEL_COUNT;

    private static final long BATCH_BYTES = (long) RECORD_BYTES * CifarSplit.IMAGES_PER_BATCH;

    private final BatchFile file;
    private final CifarSplit split;
    private final int firstIndex;
    private long nextRecord;

    /**
     * Checks the batch size and prepares to read from its first record.
     *
     * @param firstIndex split index of the batch's first record
     * @throws CifarDataException when the file does not hold exactly one batch of whole records
     */
    CifarRecords(BatchFile file, CifarSplit split, int firstIndex) {
        this.file = file;
        this.split = split;
        this.firstIndex = firstIndex;
        checkSize();
    }

    /** Skips records without decoding them. */
    void skip(int records) {
        try {
            file.input().skipNBytes((long) records * RECORD_BYTES);
            nextRecord += records;
        } catch (EOFException e) {
            throw new CifarDataException(file.name(), nextRecord,
                    "unexpected end of file while skipping records: the file or its archive is truncated", e);
        } catch (IOException e) {
            throw new CifarDataException(file.name(), nextRecord, "failed to read: " + describe(e), e);
        }
    }

    /** Reads and validates the next record. */
    CifarImage next() {
        byte[] record = new byte[RECORD_BYTES];
        int read;
        try {
            read = file.input().readNBytes(record, 0, RECORD_BYTES);
        } catch (EOFException e) {
            throw new CifarDataException(file.name(), nextRecord,
                    "unexpected end of file: the data ends early, so the file or its archive is truncated", e);
        } catch (IOException e) {
            throw new CifarDataException(file.name(), nextRecord, "failed to read: " + describe(e), e);
        }
        if (read < RECORD_BYTES) {
            throw new CifarDataException(file.name(), nextRecord,
                    "short record: " + read + " of " + RECORD_BYTES + " bytes (data ended early)");
        }
        int label = record[0] & 0xFF;
        if (label >= CifarImage.CLASS_COUNT) {
            throw new CifarDataException(file.name(), nextRecord,
                    "invalid label " + label + ": expected 0.." + (CifarImage.CLASS_COUNT - 1));
        }
        byte[] pixels = new byte[CifarImage.PIXEL_COUNT];
        System.arraycopy(record, 1, pixels, 0, pixels.length);
        CifarImage image = new CifarImage(split, firstIndex + (int) nextRecord, label, pixels);
        nextRecord++;
        return image;
    }

    private void checkSize() {
        long size = file.size();
        if (size == BATCH_BYTES) {
            return;
        }
        long wholeRecords = size / RECORD_BYTES;
        long remainder = size % RECORD_BYTES;
        if (size > BATCH_BYTES) {
            throw new CifarDataException(file.name(), CifarSplit.IMAGES_PER_BATCH, "unexpected data after the last record: "
                    + size + " bytes, expected " + BATCH_BYTES + " (" + CifarSplit.IMAGES_PER_BATCH + " records of "
                    + RECORD_BYTES + " bytes)");
        }
        if (remainder != 0) {
            throw new CifarDataException(file.name(), wholeRecords,
                    "short record: " + remainder + " of " + RECORD_BYTES + " bytes (file has " + size + " bytes)");
        }
        throw new CifarDataException(file.name(), wholeRecords, "missing record: the file ends after " + wholeRecords
                + " records, expected " + CifarSplit.IMAGES_PER_BATCH);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
