package io.hopfieldstream.producer.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The {@code cifar-10-binary.tar.gz} archive, read as a stream without unpacking it to disk.
 *
 * <p>A member is found by its file name in any folder of the archive. Batches are searched forward in the tar
 * stream; when a wanted member lies before the current position, the archive is opened again from its start.
 * Reading the test batch therefore decompresses only what precedes it in the archive.
 *
 * @param path the archive file
 */
public record CifarArchive(Path path) implements CifarSource {

    private static final int BUFFER_BYTES = 1 << 20;

    @Override
    public BatchSequence openBatches(CifarSplit split, List<Integer> batches) {
        return new ArchiveBatches(split);
    }

    @Override
    public CifarClasses readClasses() {
        String name = memberName(META_FILE);
        try (TarArchiveInputStream tar = openTar()) {
            if (findMember(tar, META_FILE).isEmpty()) {
                throw new CifarDataException(name, "missing member");
            }
            return CifarSource.parseClasses(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CifarSource.readFailure(name, e);
        }
    }

    private String memberName(String fileName) {
        return path + "!" + FOLDER_NAME + "/" + fileName;
    }

    private TarArchiveInputStream openTar() throws IOException {
        try {
            InputStream file = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
            return new TarArchiveInputStream(new GzipCompressorInputStream(file));
        } catch (NoSuchFileException e) {
            throw new CifarDataException(path.toString(), "missing file");
        }
    }

    /** Advances the tar stream to the member with the given file name; empty at the end of the archive. */
    private static Optional<TarArchiveEntry> findMember(TarArchiveInputStream tar, String fileName) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.isFile() && fileNameOf(entry.getName()).equals(fileName)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static String fileNameOf(String memberPath) {
        return memberPath.substring(memberPath.lastIndexOf('/') + 1);
    }

    /** Keeps one tar stream open across batches and reopens it only when a member lies behind its position. */
    private final class ArchiveBatches implements BatchSequence {

        private final CifarSplit split;
        private TarArchiveInputStream tar;

        ArchiveBatches(CifarSplit split) {
            this.split = split;
        }

        @Override
        public BatchFile open(int batch) {
            String fileName = split.batchFileName(batch);
            String name = memberName(fileName);
            try {
                boolean freshStream = tar == null;
                if (freshStream) {
                    tar = openTar();
                }
                Optional<TarArchiveEntry> entry = findMember(tar, fileName);
                if (entry.isEmpty() && !freshStream) {
                    close();
                    tar = openTar();
                    entry = findMember(tar, fileName);
                }
                if (entry.isEmpty()) {
                    throw new CifarDataException(name, "missing member");
                }
                String actualName = path + "!" + entry.get().getName();
                return new BatchFile(actualName, entry.get().getSize(), tar);
            } catch (IOException e) {
                throw CifarSource.readFailure(name, e);
            }
        }

        @Override
        public void close() {
            if (tar == null) {
                return;
            }
            try {
                tar.close();
            } catch (IOException ignored) {
                // A read-only file that fails to close has lost nothing.
            }
            tar = null;
        }
    }
}
