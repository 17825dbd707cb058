package io.hopfieldstream.producer.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A location that contains the CIFAR-10 binary version: the extracted {@code cifar-10-batches-bin/} folder or
 * the {@code cifar-10-binary.tar.gz} archive, which is read without unpacking it to disk.
 */
public sealed interface CifarSource permits CifarFolder, CifarArchive {

    /** File name of the official archive. */
    String ARCHIVE_NAME = "cifar-10-binary.tar.gz";

    /** Folder name inside the official archive. */
    String FOLDER_NAME = "cifar-10-batches-bin";

    /** File that lists the class names, one per line. */
    String META_FILE = "batches.meta.txt";

    /** Returns the folder or archive file. */
    Path path();

    /**
     * Opens the batch files of a split, to be taken in the given order.
     *
     * @param batches batch numbers, 1-based, ascending
     */
    BatchSequence openBatches(CifarSplit split, List<Integer> batches);

    /**
     * Reads the class names from {@value #META_FILE}.
     *
     * @throws CifarDataException when the file is missing, unreadable or does not list 10 names
     */
    CifarClasses readClasses();

    /**
     * Finds CIFAR-10 data at a path: an archive file ({@code .tar.gz} or {@code .tgz}), a folder that contains the
     * batch files, a folder with a {@value #FOLDER_NAME} subfolder, or a folder with a {@value #ARCHIVE_NAME}.
     * The extracted folder wins over an archive beside it because it reads faster.
     *
     * @return the source, or empty when the path contains none of these
     */
    static Optional<CifarSource> detect(Path path) {
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            return name.endsWith(".tar.gz") || name.endsWith(".tgz")
                    ? Optional.of(new CifarArchive(path))
                    : Optional.empty();
        }
        if (!Files.isDirectory(path)) {
            return Optional.empty();
        }
        if (containsBatchFiles(path)) {
            return Optional.of(new CifarFolder(path));
        }
        Path subfolder = path.resolve(FOLDER_NAME);
        if (containsBatchFiles(subfolder)) {
            return Optional.of(new CifarFolder(subfolder));
        }
        Path archive = path.resolve(ARCHIVE_NAME);
        if (Files.isRegularFile(archive)) {
            return Optional.of(new CifarArchive(archive));
        }
        return Optional.empty();
    }

    /**
     * Opens CIFAR-10 data at a path, as {@link #detect(Path)} finds it.
     *
     * @throws CifarDataException when the path contains no CIFAR-10 data
     */
    static CifarSource open(Path path) {
        return detect(path).orElseThrow(() -> new CifarDataException(path.toString(),
                "no CIFAR-10 binary data found: expected " + ARCHIVE_NAME + ", a " + FOLDER_NAME
                        + "/ folder, or a folder holding its batch files"));
    }

    private static boolean containsBatchFiles(Path folder) {
        return Files.isRegularFile(folder.resolve("test_batch.bin"))
                || Files.isRegularFile(folder.resolve("data_batch_1.bin"))
                || Files.isRegularFile(folder.resolve(META_FILE));
    }

    /** Reads the class names from the text of {@value #META_FILE}: one per line, blank lines ignored. */
    static CifarClasses parseClasses(String file, String text) {
        List<String> names = text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        try {
            return new CifarClasses(names);
        } catch (IllegalArgumentException e) {
            throw new CifarDataException(file, "invalid class list: " + e.getMessage());
        }
    }

    /** Wraps a read failure into a {@link CifarDataException} naming the file. */
    static CifarDataException readFailure(String file, IOException e) {
        return new CifarDataException(file, "failed to read: " + e.getMessage(), e);
    }
}
