package io.hopfieldstream.producer.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.hopfieldstream.producer.TestData;
import io.hopfieldstream.producer.dataset.CifarArchive;
import io.hopfieldstream.producer.dataset.CifarFolder;
import io.hopfieldstream.producer.dataset.CifarSource;

/** Lookup order, the offline error and the download, against local files and a loopback HTTP server only. */
class DataLocatorTest {

    @TempDir
    Path temp;

    private Path working;
    private Path cache;
    private ByteArrayOutputStream progress;
    private HttpServer server;

    @BeforeEach
    void createFolders() throws IOException {
        working = Files.createDirectory(temp.resolve("working"));
        cache = temp.resolve("cache");
        progress = new ByteArrayOutputStream();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void dataPathToSharedArchive() {
        Path archive = TestData.archive();

        CifarSource source = new DataLocator(settings().withDataPath(archive)).locate();

        assertThat(source).isEqualTo(new CifarArchive(archive.toAbsolutePath()));
    }

    @Test
    void dataPathWinsOverEnvironment() throws IOException {
        Path archive = emptyFile(temp.resolve("given/cifar-10-binary.tar.gz"));
        Path other = emptyFile(temp.resolve("other/cifar-10-binary.tar.gz"));
        DataLocator.Settings settings = settings()
                .withDataPath(archive.getParent())
                .withEnvironment(Map.of("HOPFIELD_DATA", other.toString()));

        assertThat(new DataLocator(settings).locate().path()).isEqualTo(archive);
    }

    @Test
    void dataPathWithoutData() {
        Path missing = temp.resolve("nowhere");

        assertThatThrownBy(() -> new DataLocator(settings().withDataPath(missing)).locate())
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageStartingWith("No CIFAR-10 binary data at " + missing + " (from --data " + missing + ").")
                .hasNoCause();
    }

    @Test
    void environmentVariableFolder() throws IOException {
        Path folder = temp.resolve("env");
        emptyFile(folder.resolve("cifar-10-batches-bin/test_batch.bin"));
        DataLocator.Settings settings = settings().withEnvironment(Map.of("HOPFIELD_DATA", folder.toString()));

        CifarSource source = new DataLocator(settings).locate();

        assertThat(source).isEqualTo(new CifarFolder(folder.resolve("cifar-10-batches-bin")));
    }

    @Test
    void environmentVariableWithoutData() {
        Path missing = temp.resolve("stale");
        DataLocator.Settings settings = settings().withEnvironment(Map.of("HOPFIELD_DATA", missing.toString()));

        assertThatThrownBy(() -> new DataLocator(settings).locate())
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("(from HOPFIELD_DATA=" + missing + ")");
    }

    @Test
    void localDataFolderBeforeCache() throws IOException {
        Path local = emptyFile(working.resolve("data/cifar-10-binary.tar.gz"));
        emptyFile(cache.resolve("cifar-10-binary.tar.gz"));

        assertThat(new DataLocator(settings()).locate().path()).isEqualTo(local);
    }

    @Test
    void cacheFolder() throws IOException {
        Path cached = emptyFile(cache.resolve("cifar-10-binary.tar.gz"));

        assertThat(new DataLocator(settings()).locate().path()).isEqualTo(cached);
    }

    @Test
    void offlineGivesOneClearError() throws IOException {
        URI unreachable = URI.create("http://127.0.0.1:" + closedPort() + "/cifar-10-binary.tar.gz");
        DataLocator.Settings settings = settings().withDownload(unreachable, DataLocator.OFFICIAL_MD5);

        assertThatThrownBy(() -> new DataLocator(settings).locate())
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageStartingWith("CIFAR-10 data not found, and downloading " + unreachable + " failed: ")
                .hasMessageContaining("Put cifar-10-binary.tar.gz (or its extracted cifar-10-batches-bin/ folder) in "
                        + working.resolve("data") + " or " + cache)
                .hasMessageContaining("or set HOPFIELD_DATA to its path, or pass --data PATH")
                .satisfies(e -> assertThat(((DataUnavailableException) e).searched())
                        .containsExactly(working.resolve("data").toString(), cache.toString()));
        assertThat(cache.resolve("cifar-10-binary.tar.gz")).doesNotExist();
        assertThat(cache.resolve("cifar-10-binary.tar.gz.part")).doesNotExist();
    }

    @Test
    void downloadDisabled() {
        assertThatThrownBy(() -> new DataLocator(settings().withDownloadAllowed(false)).locate())
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageStartingWith("CIFAR-10 data not found and downloading is disabled. Put ");
    }

    @Test
    void downloadVerifiesChecksum() throws Exception {
        byte[] content = "not really an archive, but bytes with a known MD5".repeat(5_000)
                .getBytes(StandardCharsets.UTF_8);
        URI url = serve(content);
        DataLocator.Settings settings = settings().withDownload(url, md5(content));

        CifarSource source = new DataLocator(settings).locate();

        Path target = cache.resolve("cifar-10-binary.tar.gz");
        assertThat(source).isEqualTo(new CifarArchive(target));
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("cifar-10-binary.tar.gz [").contains("100%");
    }

    @Test
    void downloadWithWrongChecksum() throws Exception {
        URI url = serve("corrupt".getBytes(StandardCharsets.UTF_8));
        DataLocator.Settings settings = settings().withDownload(url, DataLocator.OFFICIAL_MD5);

        assertThatThrownBy(() -> new DataLocator(settings).locate())
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("failed: checksum mismatch: the downloaded file has MD5 ")
                .hasMessageContaining("expected c32a1d4ab5d03f1284b67883e8d87530");
        assertThat(cache.resolve("cifar-10-binary.tar.gz")).doesNotExist();
        assertThat(cache.resolve("cifar-10-binary.tar.gz.part")).doesNotExist();
    }

    @Test
    void downloadHttpError() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/missing.tar.gz");

        assertThatThrownBy(() -> new DataLocator(settings().withDownload(url, DataLocator.OFFICIAL_MD5)).locate())
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("failed: HTTP status 404");
    }

    @Test
    void cacheFolderFromXdg() {
        assertThat(DataLocator.defaultCacheFolder(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/me"))
                .isEqualTo(Path.of("/var/cache/me/hopfield-stream"));
        assertThat(DataLocator.defaultCacheFolder(Map.of(), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache/hopfield-stream"));
        assertThat(DataLocator.defaultCacheFolder(Map.of("XDG_CACHE_HOME", "relative"), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache/hopfield-stream"));
    }

    /** Settings that search only the temporary folders and never reach the real download URL. */
    private DataLocator.Settings settings() {
        URI unreachable = URI.create("http://127.0.0.1:1/cifar-10-binary.tar.gz");
        return DataLocator.Settings.defaults()
                .withEnvironment(Map.of())
                .withWorkingFolder(working)
                .withCacheFolder(cache)
                .withDownload(unreachable, DataLocator.OFFICIAL_MD5)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withProgressOut(new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private URI serve(byte[] content) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(content);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path emptyFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.createFile(file);
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
