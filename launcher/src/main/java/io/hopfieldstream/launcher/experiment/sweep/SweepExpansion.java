package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.corruption.ProbeRandom;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Expands a sweep into points. A series with one varied setting gives one point per value; with two,
 * every combination; with {@code lines}, every value for every line; with {@code points}, the listed
 * points. Each series starts from the base point with its {@code set} values applied. Points with
 * exactly the same settings are run once and shared by the series that list them.
 */
public final class SweepExpansion {

    private SweepExpansion() {
    }

    /**
     * Expands a sweep.
     *
     * @param definition the sweep
     * @param sweepId identifier of this run of the sweep: letters, digits, '.', '_' and '-'; experiment ids are
     *     {@code <sweepId>-p<number>}
     * @throws SweepDefinitionException naming the series and point whose settings are invalid
     */
    public static SweepPlan expand(SweepDefinition definition, String sweepId) {
        if (!sweepId.matches("[A-Za-z0-9._-]{1,160}")) {
            throw new SweepDefinitionException("Invalid sweep id '" + sweepId
                    + "': expected 1 to 160 letters, digits, '.', '_' and '-'");
        }
        Map<String, SweepPoint> byCanonical = new LinkedHashMap<>();
        List<SeriesPlan> series = new ArrayList<>();

        for (SeriesDefinition one : definition.series()) {
            String place = "series '" + one.name() + "'";
            PointSettings start = SweepParser.apply(definition.base(), one.set(), place + " > set");
            List<SeriesEntry> entries = new ArrayList<>();
            for (Cell cell : cells(one)) {
                PointSettings settings = SweepParser.apply(start, cell.values(), place + " > " + cell.describe());
                SweepPoint point = byCanonical.computeIfAbsent(settings.canonical(), key ->
                        new SweepPoint(byCanonical.size() + 1, experimentId(sweepId, byCanonical.size() + 1), settings,
                                probeSeed(definition.seed(), settings)));
                entries.add(new SeriesEntry(point, cell.x(), cell.line()));
            }
            series.add(new SeriesPlan(one, entries));
        }

        List<ReplayPlan> replays = new ArrayList<>();
        for (ReplayDefinition replay : definition.replays()) {
            SeriesPlan replayed = series.stream().filter(plan -> plan.definition().name().equals(replay.series()))
                    .findFirst().orElseThrow();
            if (replay.point() > replayed.entries().size()) {
                throw new SweepDefinitionException("Replay '" + replay.name() + "' names point " + replay.point()
                        + " of series '" + replay.series() + "', which has " + replayed.entries().size() + " points");
            }
            SweepPoint point = replayed.entries().get(replay.point() - 1).point();
            List<PointSettings> runs = new ArrayList<>();
            for (int i = 0; i < replay.runs().size(); i++) {
                runs.add(SweepParser.apply(point.settings(), replay.runs().get(i),
                        "replay '" + replay.name() + "' > runs[" + (i + 1) + "]"));
            }
            replays.add(new ReplayPlan(replay, point, runs));
        }
        return new SweepPlan(definition, sweepId, new ArrayList<>(byCanonical.values()), series, replays);
    }

    /** Returns the experiment id of a point, for example "default-20260101-120000-p007". */
    public static String experimentId(String sweepId, int number) {
        return String.format(Locale.ROOT, "%s-p%03d", sweepId, number);
    }

    /**
     * Derives the probe seed of a point from the sweep seed and what determines its probes: the memory,
     * the corruption and the probe count. The fill, retrieval and scoring settings are left out, so points
     * that differ only in them are compared on the same probes.
     */
    public static long probeSeed(long sweepSeed, PointSettings settings) {
        String probeKey = settings.memory().text() + ";" + settings.corruption() + ";" + settings.probes();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(probeKey.getBytes(StandardCharsets.UTF_8));
            return ProbeRandom.seedFor(sweepSeed, ByteBuffer.wrap(digest).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** One combination of a series: the settings to apply, its x value and its line. */
    private record Cell(Map<Dimension, Object> values, Object x, String line) {

        String describe() {
            return values.entrySet().stream()
                    .map(entry -> entry.getKey().key() + "=" + entry.getKey().format(entry.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    private static List<Cell> cells(SeriesDefinition series) {
        List<Cell> cells = new ArrayList<>();
        if (!series.points().isEmpty()) {
            for (Map<Dimension, Object> point : series.points()) {
                cells.add(new Cell(point, null, ""));
            }
            return cells;
        }

        List<Map.Entry<Dimension, List<Object>>> varied = new ArrayList<>(series.vary().entrySet());
        Dimension xDimension = varied.get(0).getKey();
        List<Object> xValues = varied.get(0).getValue();
        boolean kindInLine = xDimension == Dimension.CORRUPTION && kinds(xValues).size() > 1;

        List<Map<Dimension, Object>> lineSettings = new ArrayList<>();
        if (varied.size() == 2) {
            for (Object value : varied.get(1).getValue()) {
                lineSettings.add(Map.of(varied.get(1).getKey(), value));
            }
        } else if (!series.lines().isEmpty()) {
            lineSettings.addAll(series.lines());
        } else {
            lineSettings.add(Map.of());
        }

        for (Map<Dimension, Object> line : lineSettings) {
            for (Object x : xValues) {
                Map<Dimension, Object> values = new LinkedHashMap<>(line);
                values.put(xDimension, x);
                cells.add(new Cell(values, x, lineLabel(kindInLine ? kind(x) : null, line)));
            }
        }
        return cells;
    }

    private static String lineLabel(String kind, Map<Dimension, Object> line) {
        List<String> parts = new ArrayList<>();
        if (kind != null) {
            parts.add(kind);
        }
        line.forEach((dimension, value) -> parts.add(dimension.format(value)));
        return String.join(", ", parts);
    }

    private static Set<String> kinds(List<Object> corruptions) {
        Set<String> kinds = new HashSet<>();
        for (Object corruption : corruptions) {
            kinds.add(kind(corruption));
        }
        return kinds;
    }

    private static String kind(Object corruption) {
        return CorruptionSpec.parse((String) corruption).kind();
    }
}
