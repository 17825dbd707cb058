package io.hopfieldstream.producer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of malformed CIFAR-10 file fails with a message naming the file, the record and the problem. */
class CifarMalformedFileTest {

    private static final int RECORD = 3073;
    private static final int BATCH_RECORDS = 10_000;
    private static final String META = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n";

    @TempDir
    Path folder;

    @Test
    void shortRecord() throws IOException {
        Path file = write("test_batch.bin", records(2, 0), new byte[100]);

        assertThatThrownBy(() -> readAll(CifarSplit.TEST))
                .isInstanceOf(CifarDataException.class)
                .hasMessage(file + ": record 2: short record: 100 of 3073 bytes (file has 6246 bytes)")
                .satisfies(e -> assertThat(((CifarDataException) e).recordIndex()).hasValue(2));
    }

    @Test
    void missingRecords() throws IOException {
        Path file = write("test_batch.bin", records(3, 0));

        assertThatThrownBy(() -> readAll(CifarSplit.TEST))
                .isInstanceOf(CifarDataException.class)
                .hasMessage(file + ": record 3: missing record: the file ends after 3 records, expected 10000");
    }

    @Test
    void extraBytes() throws IOException {
        Path file = write("test_batch.bin", records(BATCH_RECORDS, 0), new byte[5]);

        assertThatThrownBy(() -> readAll(CifarSplit.TEST))
                .isInstanceOf(CifarDataException.class)
                .hasMessageStartingWith(file + ": record 10000: unexpected data after the last record: 30730005 bytes");
    }

    @Test
    void badLabel() throws IOException {
        byte[] batch = records(BATCH_RECORDS, 0);
        batch[17 * RECORD] = 12;
        Path file = write("test_batch.bin", batch);

        assertThatThrownBy(() -> readAll(CifarSplit.TEST))
                .isInstanceOf(CifarDataException.class)
                .hasMessage(file + ": record 17: invalid label 12: expected 0..9");
    }

    @Test
    void badLabelOutsideRangeIsNotRead() throws IOException {
        byte[] batch = records(BATCH_RECORDS, 0);
        batch[17 * RECORD] = 12;
        write("test_batch.bin", batch);

        List<CifarImage> images = new CifarReader(new CifarFolder(folder))
                .read(CifarSelection.range(CifarSplit.TEST, 0, 17));

        assertThat(images).hasSize(17);
    }

    @Test
    void badLabelInSecondTrainBatch() throws IOException {
        write("data_batch_1.bin", records(BATCH_RECORDS, 0));
        byte[] batch = records(BATCH_RECORDS, 0);
        batch[3 * RECORD] = (byte) 200;
        Path file = write("data_batch_2.bin", batch);
        CifarSelection selection = CifarSelection.range(CifarSplit.TRAIN, 9_990, 10_010).withBatches(List.of(1, 2));

        assertThatThrownBy(() -> new CifarReader(new CifarFolder(folder)).read(selection))
                .isInstanceOf(CifarDataException.class)
                .hasMessage(file + ": record 3: invalid label 200: expected 0..9");
    }

    @Test
    void missingBatchFile() throws IOException {
        write("data_batch_1.bin", records(BATCH_RECORDS, 0));
        CifarSelection selection = CifarSelection.all(CifarSplit.TRAIN).withBatches(List.of(1, 3));

        assertThatThrownBy(() -> new CifarReader(new CifarFolder(folder)).read(selection))
                .isInstanceOf(CifarDataException.class)
                .hasMessage(folder.resolve("data_batch_3.bin") + ": missing file");
    }

    @Test
    void missingMetaFile() {
        assertThatThrownBy(() -> new CifarFolder(folder).readClasses())
                .isInstanceOf(CifarDataException.class)
                .hasMessage(folder.resolve("batches.meta.txt") + ": missing file");
    }

    @Test
    void shortClassList() throws IOException {
        Path file = write("batches.meta.txt", "airplane\nautomobile\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new CifarFolder(folder).readClasses())
                .isInstanceOf(CifarDataException.class)
                .hasMessageStartingWith(file + ": invalid class list: Expected 10 class names, got 2");
    }

    @Test
    void missingArchiveMember() throws IOException {
        Path archive = folder.resolve("cifar-10-binary.tar.gz");
        writeArchive(archive, "cifar-10-batches-bin/batches.meta.txt", META.getBytes(StandardCharsets.UTF_8));
        CifarReader reader = CifarReader.open(archive);

        assertThat(reader.classes().name(3)).isEqualTo("cat");
        assertThatThrownBy(() -> reader.read(CifarSelection.range(CifarSplit.TEST, 0, 1)))
                .isInstanceOf(CifarDataException.class)
                .hasMessage(archive + "!cifar-10-batches-bin/test_batch.bin: missing member");
    }

    @Test
    void shortRecordInArchive() throws IOException {
        Path archive = folder.resolve("cifar-10-binary.tar.gz");
        byte[] batch = Arrays.copyOf(records(4, 1), 4 * RECORD - 1);
        writeArchive(archive, "cifar-10-batches-bin/test_batch.bin", batch);

        assertThatThrownBy(() -> CifarReader.open(archive).read(CifarSelection.all(CifarSplit.TEST)))
                .isInstanceOf(CifarDataException.class)
                .hasMessage(archive + "!cifar-10-batches-bin/test_batch.bin: record 3: short record: 3072 of 3073 bytes"
                        + " (file has 12291 bytes)");
    }

    @Test
    void truncatedArchive() throws IOException {
        Path archive = folder.resolve("cifar-10-binary.tar.gz");
        writeArchive(archive, "cifar-10-batches-bin/test_batch.bin", records(BATCH_RECORDS, 0));
        byte[] compressed = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(compressed, compressed.length / 2));

        assertThatThrownBy(() -> CifarReader.open(archive).read(CifarSelection.all(CifarSplit.TEST)))
                .isInstanceOf(CifarDataException.class)
                .hasMessageStartingWith(archive + "!cifar-10-batches-bin/test_batch.bin: record ")
                .hasMessageContaining("unexpected end of file")
                .hasMessageNotContaining("null");
    }

    @Test
    void folderWithoutData() {
        assertThatThrownBy(() -> CifarReader.open(folder))
                .isInstanceOf(CifarDataException.class)
                .hasMessageStartingWith(folder + ": no CIFAR-10 binary data found");
    }

    /** Returns {@code count} records with labels 0..9 in turn and pixel values derived from the record index. */
    private static byte[] records(int count, int seed) {
        byte[] bytes = new byte[count * RECORD];
        for (int record = 0; record < count; record++) {
            bytes[record * RECORD] = (byte) (record % 10);
            Arrays.fill(bytes, record * RECORD + 1, (record + 1) * RECORD, (byte) (record + seed));
        }
        return bytes;
    }

    private Path write(String fileName, byte[]... parts) throws IOException {
        Path file = folder.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
        return file;
    }

    private static void writeArchive(Path archive, String member, byte[] content) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry(member);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
    }

    private List<CifarImage> readAll(CifarSplit split) {
        return new CifarReader(new CifarFolder(folder)).read(CifarSelection.all(split));
    }
}
