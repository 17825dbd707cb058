package io.hopfieldstream.producer.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a file over HTTP(S) into a folder, drawing a progress bar, and verifies its MD5 before it gets its
 * final name. The bytes go to {@code NAME.part} first, so an interrupted or corrupt download never looks like a
 * finished one.
 */
final class ArchiveDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveDownloader.class);
    private static final int BUFFER_BYTES = 1 << 16;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final PrintStream progressOut;

    /**
     * Creates a downloader.
     *
     * @param connectTimeout maximum time to open the connection
     * @param readTimeout    maximum time one read may wait for data before the download fails
     * @param progressOut    where the progress bar is drawn, usually standard error
     */
    ArchiveDownloader(Duration connectTimeout, Duration readTimeout, PrintStream progressOut) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.progressOut = progressOut;
    }

    /**
     * Downloads {@code url} to {@code target} and checks its MD5.
     *
     * @param expectedMd5 lowercase hex MD5 the file must have
     * @throws IOException when the connection, the transfer or the checksum fails; no file is left behind
     */
    void download(URI url, Path target, String expectedMd5) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        LOG.info("Downloading {} to {}", url, target);

        try {
            String actualMd5 = transfer(url, partial);
            if (!actualMd5.equalsIgnoreCase(expectedMd5)) {
                throw new IOException("checksum mismatch: the downloaded file has MD5 " + actualMd5 + ", expected "
                        + expectedMd5);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Downloaded {} ({} bytes, MD5 {})", target, Files.size(target), actualMd5);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Copies the response body to {@code partial} and returns its MD5 in hex. */
    private String transfer(URI url, Path partial) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setInstanceFollowRedirects(true);
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP status " + status + " " + connection.getResponseMessage());
            }
            MessageDigest md5 = newMd5();
            DownloadProgress progress = new DownloadProgress(progressOut, partial.getFileName().toString()
                    .replace(".part", ""), connection.getContentLengthLong());
            long received = 0;
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    md5.update(buffer, 0, read);
                    received += read;
                    progress.update(received);
                }
            }
            progress.finish(received);
            return HexFormat.of().formatHex(md5.digest());
        } finally {
            connection.disconnect();
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
