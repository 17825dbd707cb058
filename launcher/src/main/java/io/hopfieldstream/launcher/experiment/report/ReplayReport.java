package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.experiment.run.ReplayResult;
import io.hopfieldstream.launcher.experiment.sweep.Metric;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.schemas.WindowMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats the comparison of a replay's runs, for the sweep report and for {@code hopfield replay}. */
public final class ReplayReport {

    private ReplayReport() {
    }

    /** Returns one paragraph: probes recorded, whether they are the published bytes, and probes written meanwhile. */
    public static String summary(ReplayResult result) {
        String identical = result.digestMatches() == null ? "the published digest is unknown, so this is not checked"
                : result.digestMatches() ? "byte-identical to the probes as published"
                : "NOT identical to the probes as published";
        return String.format(Locale.ROOT, "Experiment `%s`: %d recorded probes (SHA-256 of their records %s…), %s; "
                + "%d records were written to the probe topic while the replay ran.", result.request().experimentId(),
                result.recordedProbes(), result.recordedDigest().substring(0, 16), identical, result.probesWritten());
    }

    /** Returns the table of runs as Markdown: the original first, then the replay runs, then earlier runs found. */
    public static String tableText(ReplayResult result) {
        return table(result).text();
    }

    static MarkdownTable table(ReplayResult result) {
        MarkdownTable table = new MarkdownTable(
                List.of("run", "role", "beta", "updates", "normalization", "mask-aware", "accuracy", "loss / probe",
                        "exact match", "attention spread", "reconstructed", "recorded probes seen",
                        "same retrieved image as original", "identical pixels to original"),
                List.of(false, false, true, true, false, false, true, true, true, true, true, true, true, true));
        for (ReplayResult.RunComparison run : result.runs()) {
            PointSettings settings = run.settings();
            WindowMetrics metrics = run.metrics();
            List<String> row = new ArrayList<>();
            row.add(run.runId() == null ? "" : "`" + run.runId() + "`");
            row.add(run.failure() == null ? run.role() : run.role() + " (failed: " + run.failure() + ")");
            row.add(settings == null ? "" : Numbers.plain(settings.beta()));
            row.add(settings == null ? "" : String.valueOf(settings.iterations()));
            row.add(settings == null ? "" : settings.normalization().name().toLowerCase(Locale.ROOT));
            row.add(settings == null ? "" : String.valueOf(settings.maskAware()));
            row.add(metrics == null ? "" : Numbers.fixed(metrics.getAccuracy(), 3));
            row.add(metrics == null ? "" : Numbers.fixed(Metric.SIMILARITY_LOSS.valueOf(metrics), 4));
            row.add(metrics == null ? "" : Numbers.fixed(metrics.getExactMatchRate(), 3));
            row.add(metrics == null ? "" : Numbers.fixed(metrics.getMeanAttentionSpread(), 2));
            row.add(String.valueOf(run.reconstructed()));
            row.add(String.valueOf(run.recordedProbesSeen()));
            row.add(run.sameRetrievedAsOriginal() < 0 ? "" : String.valueOf(run.sameRetrievedAsOriginal()));
            row.add(run.samePixelsAsOriginal() < 0 ? "" : String.valueOf(run.samePixelsAsOriginal()));
            table.add(row);
        }
        return table;
    }

    /**
     * Writes a replay's Markdown summary and CSV table into a folder.
     *
     * @return the Markdown file
     */
    public static Path write(ReplayResult result, Path folder) {
        String experimentId = result.request().experimentId();
        Path markdown = folder.resolve("replay-" + experimentId + ".md");
        Path csv = folder.resolve("replay-" + experimentId + ".csv");
        CsvTable table = new CsvTable(ResultsCsv.REPLAY_COLUMNS);
        for (ReplayResult.RunComparison run : result.runs()) {
            table.add(ResultsCsv.replayRow("replay", experimentId, result, run));
        }
        table.write(csv);

        String text = "# Replay of experiment " + experimentId + "\n\n" + summary(result) + "\n\n"
                + table(result).text() + "\nAll numbers: [" + csv.getFileName() + "](" + csv.getFileName() + ").\n";
        try {
            Files.createDirectories(folder);
            Files.writeString(markdown, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + markdown, e);
        }
        return markdown;
    }
}
