package io.hopfieldstream.producer.download;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hopfieldstream.producer.dataset.CifarArchive;
import io.hopfieldstream.producer.dataset.CifarSource;

/**
 * Finds the CIFAR-10 binary data, downloading the official archive when no copy is found.
 *
 * <p>Lookup order, first match wins:
 * <ol>
 *   <li>the path given by the user ({@code --data PATH}): an archive file or a folder;</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE}: an archive file or a folder;</li>
 *   <li>{@code ./data/} in the working folder;</li>
 *   <li>the per-user cache folder, {@code $XDG_CACHE_HOME/hopfield-stream} or else
 *       {@code ~/.cache/hopfield-stream};</li>
 *   <li>otherwise the official archive is downloaded into the cache folder with a progress bar on standard
 *       error, and its MD5 is checked against {@value #OFFICIAL_MD5}.</li>
 * </ol>
 * A folder matches when {@link CifarSource#detect(Path)} finds data in it. A path given explicitly (by
 * {@code --data} or the environment variable) that contains no data is an error instead of being skipped,
 * so a typo never triggers a download. Local copies are used as found: their checksum is not checked, so
 * re-encoded copies of the archive work too.
 *
 * <p>Every failure is a {@link DataUnavailableException} whose message names the folders where the user can put the file.
 *
 * <pre>{@code
 * CifarSource source = new DataLocator(DataLocator.Settings.defaults().withDataPath(cliPath)).locate();
 * }</pre>
 */
public final class DataLocator {

    /** Environment variable that points at the archive or a folder containing it. */
    public static final String ENVIRONMENT_VARIABLE = "HOPFIELD_DATA";

    /** URL of the official archive. */
    public static final URI OFFICIAL_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    /** MD5 of the official archive, as published on the CIFAR-10 page. */
    public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

    /** Name of the cache subfolder. */
    public static final String CACHE_SUBFOLDER = "hopfield-stream";

    private static final Logger LOG = LoggerFactory.getLogger(DataLocator.class);

    private final Settings settings;

    /** Creates a locator. */
    public DataLocator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Finds the data, or downloads it into the cache folder.
     *
     * @throws DataUnavailableException when an explicit path contains no data, or nothing is found and the
     *                                  download is disabled or fails
     */
    public CifarSource locate() {
        List<String> searched = new ArrayList<>();

        if (settings.dataPath() != null) {
            return explicit(settings.dataPath(), "--data " + settings.dataPath(), searched);
        }
        String variable = settings.environment().get(ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return explicit(Path.of(variable), ENVIRONMENT_VARIABLE + "=" + variable, searched);
        }

        Path localFolder = settings.workingFolder().resolve("data");
        Optional<CifarSource> local = find(localFolder, searched);
        if (local.isPresent()) {
            return local.get();
        }
        Optional<CifarSource> cached = find(settings.cacheFolder(), searched);
        if (cached.isPresent()) {
            return cached.get();
        }
        return download(searched);
    }

    private CifarSource explicit(Path path, String origin, List<String> searched) {
        searched.add(origin);
        Optional<CifarSource> source = CifarSource.detect(path.toAbsolutePath());
        if (source.isEmpty()) {
            throw new DataUnavailableException("No CIFAR-10 binary data at " + path.toAbsolutePath() + " (from "
                    + origin + "). Point it at " + CifarSource.ARCHIVE_NAME + ", at the extracted "
                    + CifarSource.FOLDER_NAME + "/ folder, or at a folder that contains either.", searched, null);
        }
        LOG.info("Reading CIFAR-10 from {} (from {})", source.get().path(), origin);
        return source.get();
    }

    private static Optional<CifarSource> find(Path folder, List<String> searched) {
        Path absolute = folder.toAbsolutePath().normalize();
        searched.add(absolute.toString());
        Optional<CifarSource> source = CifarSource.detect(absolute);
        source.ifPresent(found -> LOG.info("Reading CIFAR-10 from {}", found.path()));
        return source;
    }

    private CifarSource download(List<String> searched) {
        Path target = settings.cacheFolder().toAbsolutePath().normalize().resolve(CifarSource.ARCHIVE_NAME);
        if (!settings.downloadAllowed()) {
            throw new DataUnavailableException("CIFAR-10 data not found and downloading is disabled. "
                    + whereToPut(searched), searched, null);
        }
        try {
            new ArchiveDownloader(settings.connectTimeout(), settings.readTimeout(), settings.progressOut())
                    .download(settings.downloadUrl(), target, settings.downloadMd5());
            return new CifarArchive(target);
        } catch (IOException e) {
            String reason = describe(e);
            throw new DataUnavailableException("CIFAR-10 data not found, and downloading " + settings.downloadUrl()
                    + " failed: " + reason + ". " + whereToPut(searched), searched, e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage() + " (is this machine offline?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private String whereToPut(List<String> searched) {
        return "Put " + CifarSource.ARCHIVE_NAME + " (or its extracted " + CifarSource.FOLDER_NAME + "/ folder) in "
                + settings.workingFolder().toAbsolutePath().normalize().resolve("data") + " or "
                + settings.cacheFolder().toAbsolutePath().normalize() + ", or set " + ENVIRONMENT_VARIABLE
                + " to its path, or pass --data PATH. Searched: " + String.join(", ", searched) + ".";
    }

    /**
     * Returns the per-user cache folder: {@code $XDG_CACHE_HOME/hopfield-stream} when that variable contains an
     * absolute path, else {@code USER_HOME/.cache/hopfield-stream}.
     */
    public static Path defaultCacheFolder(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, CACHE_SUBFOLDER);
        }
        return Path.of(userHome, ".cache", CACHE_SUBFOLDER);
    }

    /**
     * Settings of the lookup and the download.
     *
     * @param dataPath        path given by the user (--data), or null
     * @param environment     environment variables to read {@value #ENVIRONMENT_VARIABLE} from
     * @param workingFolder   folder whose {@code data/} subfolder is searched
     * @param cacheFolder     per-user cache folder, searched and downloaded into
     * @param downloadUrl     URL of the archive
     * @param downloadMd5     MD5 the downloaded archive must have, lowercase hex
     * @param downloadAllowed whether a missing archive is downloaded
     * @param connectTimeout  maximum time to open the download connection
     * @param readTimeout     maximum time a download read may wait for data
     * @param progressOut     where the download progress bar is drawn
     */
    public record Settings(Path dataPath, Map<String, String> environment, Path workingFolder, Path cacheFolder,
                           URI downloadUrl, String downloadMd5, boolean downloadAllowed, Duration connectTimeout,
                           Duration readTimeout, PrintStream progressOut) {

        /** Default time to open the download connection. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

        /** Default time a download read may wait for data. */
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

        /** Validates the settings; only dataPath may be null. */
        public Settings {
            environment = Map.copyOf(environment);
            Objects.requireNonNull(workingFolder, "workingFolder");
            Objects.requireNonNull(cacheFolder, "cacheFolder");
            Objects.requireNonNull(downloadUrl, "downloadUrl");
            Objects.requireNonNull(downloadMd5, "downloadMd5");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(progressOut, "progressOut");
        }

        /**
         * Returns the settings of this process: its environment, its working folder, the default cache folder,
         * the official URL and MD5, downloads allowed, the progress bar on standard error.
         */
        public static Settings defaults() {
            Map<String, String> environment = System.getenv();
            return new Settings(null, environment, Path.of(""),
                    defaultCacheFolder(environment, System.getProperty("user.home")), OFFICIAL_URL, OFFICIAL_MD5,
                    true, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, System.err);
        }

        /** Returns a copy with the path given by the user; null removes it. */
        public Settings withDataPath(Path path) {
            return new Settings(path, environment, workingFolder, cacheFolder, downloadUrl, downloadMd5,
                    downloadAllowed, connectTimeout, readTimeout, progressOut);
        }

        /** Returns a copy that reads the environment variables from {@code variables}. */
        public Settings withEnvironment(Map<String, String> variables) {
            return new Settings(dataPath, variables, workingFolder, cacheFolder, downloadUrl, downloadMd5,
                    downloadAllowed, connectTimeout, readTimeout, progressOut);
        }

        /** Returns a copy that searches {@code folder/data}. */
        public Settings withWorkingFolder(Path folder) {
            return new Settings(dataPath, environment, folder, cacheFolder, downloadUrl, downloadMd5,
                    downloadAllowed, connectTimeout, readTimeout, progressOut);
        }

        /** Returns a copy with another cache folder. */
        public Settings withCacheFolder(Path folder) {
            return new Settings(dataPath, environment, workingFolder, folder, downloadUrl, downloadMd5,
                    downloadAllowed, connectTimeout, readTimeout, progressOut);
        }

        /** Returns a copy that downloads from another URL, checking the given MD5. */
        public Settings withDownload(URI url, String md5) {
            return new Settings(dataPath, environment, workingFolder, cacheFolder, url, md5,
                    downloadAllowed, connectTimeout, readTimeout, progressOut);
        }

        /** Returns a copy that allows or forbids the download. */
        public Settings withDownloadAllowed(boolean allowed) {
            return new Settings(dataPath, environment, workingFolder, cacheFolder, downloadUrl, downloadMd5,
                    allowed, connectTimeout, readTimeout, progressOut);
        }

        /** Returns a copy with other download timeouts. */
        public Settings withTimeouts(Duration connect, Duration read) {
            return new Settings(dataPath, environment, workingFolder, cacheFolder, downloadUrl, downloadMd5,
                    downloadAllowed, connect, read, progressOut);
        }

        /** Returns a copy that draws the progress bar on {@code out}. */
        public Settings withProgressOut(PrintStream out) {
            return new Settings(dataPath, environment, workingFolder, cacheFolder, downloadUrl, downloadMd5,
                    downloadAllowed, connectTimeout, readTimeout, out);
        }
    }
}
