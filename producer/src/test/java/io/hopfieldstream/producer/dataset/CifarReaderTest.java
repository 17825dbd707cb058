package io.hopfieldstream.producer.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hopfieldstream.producer.TestData;

/**
 * Reads the shared CIFAR-10 archive. The expected pixel values were read from the archive with Python's
 * tarfile module, independently of this reader.
 */
class CifarReaderTest {

    private static CifarReader reader;

    @BeforeAll
    static void openArchive() {
        reader = new CifarReader(TestData.source());
    }

    @Test
    void testSplitCount() {
        try (Stream<CifarImage> images = reader.stream(CifarSelection.all(CifarSplit.TEST))) {
            assertThat(images.count()).isEqualTo(10_000);
        }
    }

    @Test
    void testSplitLabelsRepeatInOrder() {
        List<CifarImage> images = reader.read(CifarSelection.range(CifarSplit.TEST, 0, 12));

        assertThat(images).extracting(CifarImage::label).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
        assertThat(images).extracting(CifarImage::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void knownPixelValues() {
        List<CifarImage> images = reader.read(CifarSelection.range(CifarSplit.TEST, 0, 43));
        CifarImage first = images.get(0);
        CifarImage image42 = images.get(42);

        assertThat(first.pixel(0, 0, 0)).isEqualTo(141);
        assertThat(first.pixel(1, 0, 0)).isEqualTo(159);
        assertThat(first.pixel(2, 0, 0)).isEqualTo(179);
        assertThat(first.pixel(0, 10, 20)).isEqualTo(166);
        assertThat(image42.label()).isEqualTo(2);
        assertThat(image42.pixel(0, 0, 0)).isEqualTo(186);
        assertThat(image42.pixel(1, 5, 7)).isEqualTo(174);
        assertThat(image42.pixel(2, 31, 31)).isEqualTo(143);
    }

    @Test
    void lastTestImage() {
        List<CifarImage> images = reader.read(CifarSelection.range(CifarSplit.TEST, 9_999, 10_000));

        assertThat(images).hasSize(1);
        assertThat(images.get(0).patternId()).isEqualTo("test-09999");
        assertThat(images.get(0).label()).isEqualTo(9);
        assertThat(images.get(0).pixel(0, 0, 0)).isEqualTo(255);
    }

    @Test
    void rangeSelectionMatchesFullRead() {
        List<CifarImage> all = reader.read(CifarSelection.range(CifarSplit.TEST, 0, 50));
        List<CifarImage> range = reader.read(CifarSelection.range(CifarSplit.TEST, 40, 45));

        assertThat(range).extracting(CifarImage::patternId)
                .containsExactly("test-00040", "test-00041", "test-00042", "test-00043", "test-00044");
        assertThat(range).containsExactlyElementsOf(all.subList(40, 45));
    }

    @Test
    void trainBatchSelection() {
        CifarSelection selection = CifarSelection.range(CifarSplit.TRAIN, 9_998, 10_002).withBatches(List.of(2));

        List<CifarImage> images = reader.read(selection);

        assertThat(selection.size()).isEqualTo(2);
        assertThat(images).extracting(CifarImage::patternId).containsExactly("train-10000", "train-10001");
        assertThat(images.get(0).label()).isZero();
        assertThat(images.get(0).pixel(0, 0, 0)).isEqualTo(255);
        assertThat(images.get(0).pixel(0, 3, 3)).isEqualTo(254);
    }

    @Test
    void classNamesFromMetaFile() {
        CifarClasses classes = reader.classes();

        assertThat(classes.names()).containsExactly(
                "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        assertThat(classes.label("cat")).isEqualTo(3);
        assertThat(classes.label("9")).isEqualTo(9);
    }

    @Test
    void extractedFolderReadsLikeArchive(@TempDir Path folder) throws IOException {
        Path batches = Files.createDirectory(folder.resolve(CifarSource.FOLDER_NAME));
        extract(TestData.archive(), batches, List.of("batches.meta.txt", "test_batch.bin"));
        CifarReader folderReader = CifarReader.open(folder);

        List<CifarImage> fromFolder = folderReader.read(CifarSelection.range(CifarSplit.TEST, 100, 110));
        List<CifarImage> fromArchive = reader.read(CifarSelection.range(CifarSplit.TEST, 100, 110));

        assertThat(folderReader.source()).isInstanceOf(CifarFolder.class);
        assertThat(fromFolder).containsExactlyElementsOf(fromArchive);
        assertThat(folderReader.classes()).isEqualTo(reader.classes());
    }

    private static void extract(Path archive, Path target, List<String> fileNames) throws IOException {
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String fileName = Path.of(entry.getName()).getFileName().toString();
                if (fileNames.contains(fileName)) {
                    Files.copy(tar, target.resolve(fileName));
                }
            }
        }
    }
}
