package io.hopfieldstream.producer.download;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for a download, redrawn in place with a carriage return, for example
 * {@code cifar-10-binary.tar.gz [==========>         ]  52%   84.6 / 162.6 MB   9.8 MB/s}.
 * Redraws are at most every {@value #REDRAW_INTERVAL_MS} ms; the last one ends the line.
 */
final class DownloadProgress {

    private static final long REDRAW_INTERVAL_MS = 250;
    private static final int BAR_WIDTH = 30;
    private static final double MEGABYTE = 1_000_000.0;

    private final PrintStream out;
    private final String name;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private long lastRedrawNanos;

    /**
     * Creates the bar.
     *
     * @param out        where to draw, usually standard error
     * @param name       file name shown in front of the bar
     * @param totalBytes expected size, or a negative value when the server sent none
     */
    DownloadProgress(PrintStream out, String name, long totalBytes) {
        this.out = out;
        this.name = name;
        this.totalBytes = totalBytes;
    }

    /** Redraws the bar when the last redraw is old enough. */
    void update(long receivedBytes) {
        long now = System.nanoTime();
        if (now - lastRedrawNanos < REDRAW_INTERVAL_MS * 1_000_000) {
            return;
        }
        lastRedrawNanos = now;
        out.print("\r" + line(receivedBytes, now));
        out.flush();
    }

    /** Draws the final state and ends the line. */
    void finish(long receivedBytes) {
        out.println("\r" + line(receivedBytes, System.nanoTime()));
        out.flush();
    }

    private String line(long receivedBytes, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = receivedBytes / MEGABYTE / seconds;
        if (totalBytes <= 0) {
            return String.format(Locale.ROOT, "%s %8.1f MB %6.1f MB/s", name, receivedBytes / MEGABYTE, rate);
        }
        double share = Math.min(1.0, (double) receivedBytes / totalBytes);
        int filled = (int) Math.round(share * BAR_WIDTH);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        return String.format(Locale.ROOT, "%s [%s] %3d%% %7.1f / %.1f MB %6.1f MB/s", name, bar,
                Math.round(share * 100), receivedBytes / MEGABYTE, totalBytes / MEGABYTE, rate);
    }
}
