package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.demo.Triplet;
import io.hopfieldstream.launcher.demo.TripletGrid;
import io.hopfieldstream.launcher.experiment.run.PointResult;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.SeriesEntry;
import io.hopfieldstream.launcher.experiment.sweep.SeriesPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the sample grids of a sweep with the demo's {@link TripletGrid}: one row per kind of probe (its
 * corruption and how masked pixels were treated), each showing original, probe and reconstruction of a few
 * probes. Noisy probes and masked probes get one picture each. A row's samples come from the first point
 * that has them, preferring points with the sweep's base memory and beta.
 */
public final class SampleGrids {

    /** Pixels per image pixel in the grids. */
    static final int SCALE = 2;

    /** Triplets per row. */
    static final int TRIPLETS_PER_ROW = 3;

    private SampleGrids() {
    }

    /**
     * A written grid.
     *
     * @param title what the grid shows
     * @param file the PNG file
     */
    public record Grid(String title, Path file) {
    }

    /** Writes the grids into a folder; a grid without samples is not written. */
    public static List<Grid> write(SweepResult result, Path folder) {
        Map<String, List<Triplet>> rows = rows(result);
        List<Triplet> noise = new ArrayList<>();
        List<Triplet> masks = new ArrayList<>();
        for (Map.Entry<String, List<Triplet>> row : rows.entrySet()) {
            boolean masked = isMaskLabel(result, row.getKey());
            (masked ? masks : noise).addAll(row.getValue());
        }

        TripletGrid grid = new TripletGrid(SCALE, TRIPLETS_PER_ROW);
        List<Grid> grids = new ArrayList<>();
        if (!noise.isEmpty()) {
            Path file = folder.resolve("samples-noise.png");
            grid.write(noise, file);
            grids.add(new Grid("Noisy probes", file));
        }
        if (!masks.isEmpty()) {
            Path file = folder.resolve("samples-masks.png");
            grid.write(masks, file);
            grids.add(new Grid("Masked probes", file));
        }
        return grids;
    }

    /** Returns the triplets of each probe label, in the order the series first show the label. */
    static Map<String, List<Triplet>> rows(SweepResult result) {
        PointSettings base = result.plan().definition().base();
        Map<String, PointResult> chosen = new LinkedHashMap<>();
        for (SeriesPlan series : result.plan().series()) {
            for (SeriesEntry entry : series.entries()) {
                PointResult outcome = result.result(entry.point());
                if (outcome == null || !outcome.succeeded() || outcome.samples().isEmpty()) {
                    continue;
                }
                String label = entry.point().settings().probeLabel();
                PointResult current = chosen.get(label);
                if (current == null || (!preferred(current, base) && preferred(outcome, base))) {
                    chosen.put(label, outcome);
                }
            }
        }
        Map<String, List<Triplet>> rows = new LinkedHashMap<>();
        chosen.forEach((label, outcome) -> rows.put(label, outcome.samples()));
        return rows;
    }

    private static boolean preferred(PointResult outcome, PointSettings base) {
        PointSettings settings = outcome.point().settings();
        return settings.memory().equals(base.memory()) && settings.beta() == base.beta();
    }

    private static boolean isMaskLabel(SweepResult result, String label) {
        return result.plan().points().stream()
                .filter(point -> point.settings().probeLabel().equals(label))
                .anyMatch(point -> point.settings().corruptionSpec().hasMask());
    }
}
