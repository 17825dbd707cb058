package io.hopfieldstream.producer.dataset;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Iterates over the images of a {@link CifarSelection} in index order, reading one record at a time.
 * Batches outside the index range are not opened; records before the range are skipped undecoded.
 */
public final class CifarImageIterator implements Iterator<CifarImage>, Closeable {

    private final CifarSelection selection;
    private final BatchSequence batches;
    private final List<Integer> batchNumbers;
    private int nextBatchPosition;
    private CifarRecords records;
    private int remainingInBatch;

    CifarImageIterator(CifarSource source, CifarSelection selection) {
        this.selection = selection;
        this.batchNumbers = selection.batchesToRead();
        this.batches = source.openBatches(selection.split(), batchNumbers);
    }

    @Override
    public boolean hasNext() {
        while (remainingInBatch == 0) {
            if (nextBatchPosition >= batchNumbers.size()) {
                return false;
            }
            openBatch(batchNumbers.get(nextBatchPosition++));
        }
        return true;
    }

    @Override
    public CifarImage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more images in " + selection);
        }
        remainingInBatch--;
        return records.next();
    }

    /** Closes the open batch file or archive. */
    @Override
    public void close() {
        batches.close();
    }

    private void openBatch(int batch) {
        CifarSplit split = selection.split();
        int first = split.firstIndexOfBatch(batch);
        int from = Math.max(selection.fromIndex(), first);
        int to = Math.min(selection.toIndex(), first + CifarSplit.IMAGES_PER_BATCH);

        records = new CifarRecords(batches.open(batch), split, first);
        records.skip(from - first);
        remainingInBatch = to - from;
    }
}
