package io.hopfieldstream.launcher.options;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.download.DataLocator;
import io.hopfieldstream.producer.download.DataUnavailableException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Location of the CIFAR-10 binary data, and whether a missing archive may be downloaded. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "PATH",
            description = "CIFAR-10 binary data: cifar-10-binary.tar.gz, the extracted cifar-10-batches-bin/ folder, "
                    + "or a folder holding either. Without it: $HOPFIELD_DATA, then ./data/, then the per-user cache "
                    + "($XDG_CACHE_HOME/hopfield-stream, else ~/.cache/hopfield-stream), then a download of the official "
                    + "archive.")
    Path dataPath;

    @Option(names = "--no-download",
            description = "Fail instead of downloading the archive when no local copy is found.")
    boolean noDownload;

    /**
     * Finds the data and opens a reader on it.
     *
     * @throws InvalidSettingException with the locator's message (what was searched, where to put
     *     the archive) when no data is found
     */
    public CifarReader openReader() {
        DataLocator.Settings settings = DataLocator.Settings.defaults()
                .withDataPath(dataPath)
                .withDownloadAllowed(!noDownload);
        try {
            return new CifarReader(new DataLocator(settings).locate());
        } catch (DataUnavailableException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }
}
