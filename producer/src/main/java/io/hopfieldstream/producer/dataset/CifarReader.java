package io.hopfieldstream.producer.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads CIFAR-10 images from the binary version, one record at a time.
 *
 * <p>Each batch file is a sequence of {@value CifarRecords#RECORD_BYTES}-byte records: one label byte (0..9),
 * then 3072 pixel bytes in planar order (red, green, blue). Before a batch is read its size is checked against
 * {@value CifarSplit#IMAGES_PER_BATCH} whole records, and each label is checked as it is read, so a malformed
 * file fails with a {@link CifarDataException} naming the file, the record and the problem.
 *
 * <p>Usage:
 * <pre>{@code
 * CifarReader reader = new CifarReader(CifarSource.open(Path.of("data/cifar-10-binary.tar.gz")));
 * try (Stream<CifarImage> images = reader.stream(CifarSelection.range(CifarSplit.TEST, 0, 100))) {
 *     images.forEach(image -> ...);
 * }
 * List<CifarImage> firstTen = reader.read(CifarSelection.range(CifarSplit.TEST, 0, 10));
 * }</pre>
 */
public final class CifarReader {

    private final CifarSource source;

    /** Creates a reader over a folder or archive. */
    public CifarReader(CifarSource source) {
        this.source = source;
    }

    /** Creates a reader over the CIFAR-10 data found at a path (see {@link CifarSource#detect(Path)}). */
    public static CifarReader open(Path path) {
        return new CifarReader(CifarSource.open(path));
    }

    /** Returns the folder or archive this reader reads. */
    public CifarSource source() {
        return source;
    }

    /** Reads the class names from {@code batches.meta.txt}. */
    public CifarClasses classes() {
        return source.readClasses();
    }

    /**
     * Opens an iterator over the selected images in index order. The caller closes it.
     *
     * @throws CifarDataException from {@code next()} or {@code hasNext()} when a file is missing or malformed
     */
    public CifarImageIterator iterator(CifarSelection selection) {
        return new CifarImageIterator(source, selection);
    }

    /** Returns a lazy stream of the selected images in index order; close it to release the files. */
    public Stream<CifarImage> stream(CifarSelection selection) {
        CifarImageIterator iterator = iterator(selection);
        Spliterator<CifarImage> spliterator = Spliterators.spliterator(iterator, selection.size(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
        return StreamSupport.stream(spliterator, false).onClose(iterator::close);
    }

    /** Reads all selected images into a list (3 KB each). */
    public List<CifarImage> read(CifarSelection selection) {
        List<CifarImage> images = new ArrayList<>(selection.size());
        try (CifarImageIterator iterator = iterator(selection)) {
            iterator.forEachRemaining(images::add);
        }
        return images;
    }
}
