package io.hopfieldstream.producer.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The extracted {@code cifar-10-batches-bin/} folder.
 *
 * @param path the folder that contains the batch files
 */
public record CifarFolder(Path path) implements CifarSource {

    private static final int BUFFER_BYTES = 1 << 20;

    @Override
    public BatchSequence openBatches(CifarSplit split, List<Integer> batches) {
        return new FolderBatches(split);
    }

    @Override
    public CifarClasses readClasses() {
        Path file = path.resolve(META_FILE);
        if (!Files.isRegularFile(file)) {
            throw new CifarDataException(file.toString(), "missing file");
        }
        try {
            return CifarSource.parseClasses(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CifarSource.readFailure(file.toString(), e);
        }
    }

    /** Opens each batch file in turn, closing the previous one. */
    private final class FolderBatches implements BatchSequence {

        private final CifarSplit split;
        private InputStream current;

        FolderBatches(CifarSplit split) {
            this.split = split;
        }

        @Override
        public BatchFile open(int batch) {
            close();
            Path file = path.resolve(split.batchFileName(batch));
            try {
                long size = Files.size(file);
                current = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
                return new BatchFile(file.toString(), size, current);
            } catch (NoSuchFileException e) {
                throw new CifarDataException(file.toString(), "missing file");
            } catch (IOException e) {
                throw CifarSource.readFailure(file.toString(), e);
            }
        }

        @Override
        public void close() {
            if (current == null) {
                return;
            }
            try {
                current.close();
            } catch (IOException ignored) {
                // A read-only file that fails to close has lost nothing.
            }
            current = null;
        }
    }
}
