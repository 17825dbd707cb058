package io.hopfieldstream.producer.dataset;

import java.util.OptionalLong;

/**
 * Raised when CIFAR-10 data is missing or malformed. The message names the file (for an archive,
 * {@code archive!member}), the record index where one applies, and what is wrong.
 */
public class CifarDataException extends RuntimeException {

    private final String file;
    private final long recordIndex;

    /** Creates an error about a whole file, for example a missing batch. */
    public CifarDataException(String file, String problem) {
        this(file, -1, problem, null);
    }

    /** Creates an error about a file that could not be read. */
    public CifarDataException(String file, String problem, Throwable cause) {
        this(file, -1, problem, cause);
    }

    /** Creates an error about one record of a batch file (0-based record index within the file). */
    public CifarDataException(String file, long recordIndex, String problem) {
        this(file, recordIndex, problem, null);
    }

    /** Creates an error about one record of a batch file, with the underlying cause. */
    public CifarDataException(String file, long recordIndex, String problem, Throwable cause) {
        super(format(file, recordIndex, problem), cause);
        this.file = file;
        this.recordIndex = recordIndex;
    }

    /** Returns the file the error is about; for an archive member, {@code archive!member}. */
    public String file() {
        return file;
    }

    /** Returns the 0-based record index within the file, when the error is about one record. */
    public OptionalLong recordIndex() {
        return recordIndex < 0 ? OptionalLong.empty() : OptionalLong.of(recordIndex);
    }

    private static String format(String file, long recordIndex, String problem) {
        if (recordIndex < 0) {
            return file + ": " + problem;
        }
        return file + ": record " + recordIndex + ": " + problem;
    }
}
