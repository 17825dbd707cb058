package io.hopfieldstream.launcher.experiment.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a sweep from YAML.
 *
 * <pre>{@code
 * name: noise                 # letters, digits and '-'; part of every experiment id
 * title: Accuracy against noise
 * description: free text for the report
 * seed: 7                     # probe selection and corruption seed (default 1)
 * base:                       # the point every series starts from; unset values take the defaults
 *   memory: test:mixed:1000   # SOURCE:CLASSES:SIZE
 *   corruption: gaussian:25   # as the producer parses it
 *   beta: 32
 *   probes: 200               # a smaller memory is probed once through each stored image
 * series:
 *   - name: sigma
 *     title: Gaussian noise
 *     question: How fast does accuracy fall with the noise level?
 *     plot: noise             # series with the same plot share a chart (default: the series name)
 *     set: {beta: 64}         # applied before the varied settings
 *     vary:                   # one or two settings; the first is the x axis
 *       corruption: [gaussian:10, gaussian:50, gaussian:100]
 *     lines:                  # optional, with one varied setting: one more line per entry
 *       - {maskAware: false}
 *     metrics: [accuracy, similarityLoss]
 *     logX: false             # optional; chosen from the values when missing
 *   - name: listed
 *     title: Listed points
 *     points:                 # instead of vary: points one by one, shown as a table
 *       - {corruption: lower-half, maskAware: false}
 * replays:
 *   - name: sigma-replay
 *     title: Replay with other beta
 *     series: sigma
 *     point: 2                # 1-based position in the series
 *     runs: [{beta: 8}, {beta: 128, iterations: 3}]
 * }</pre>
 *
 * Settings keys: memory, memorySize, memoryClass, memorySource, corruption, fill, beta, iterations,
 * tolerance, normalization, maskAware, threshold, probes. Unknown keys are rejected, so a typo never
 * silently runs the default.
 */
public final class SweepParser {

    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "seed", "base", "series",
            "replays");
    private static final Set<String> SERIES_KEYS = Set.of("name", "title", "question", "plot", "set", "vary", "lines",
            "points", "metrics", "logX");
    private static final Set<String> REPLAY_KEYS = Set.of("name", "title", "series", "point", "runs");
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";

    /** Seed used when a sweep file sets none. */
    public static final long DEFAULT_SEED = 1;

    private SweepParser() {
    }

    /**
     * Reads a sweep file.
     *
     * @throws SweepDefinitionException when the file cannot be read or is invalid
     */
    public static SweepDefinition read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SweepDefinitionException("Failed to read the sweep file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Reads a sweep from a class path resource, such as the default sweep.
     *
     * @throws SweepDefinitionException when the resource is missing or invalid
     */
    public static SweepDefinition readResource(String resource) {
        try (InputStream input = SweepParser.class.getResourceAsStream(resource)) {
            if (input == null) {
                throw new SweepDefinitionException("Sweep resource " + resource + " not found on the class path");
            }
            return parse(new String(input.readAllBytes(), StandardCharsets.UTF_8), "resource " + resource);
        } catch (IOException e) {
            throw new SweepDefinitionException("Failed to read the sweep resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a sweep.
     *
     * @param text the YAML text
     * @param origin where the text comes from, for error messages
     * @throws SweepDefinitionException naming the origin, the place in the file and the problem
     */
    public static SweepDefinition parse(String text, String origin) {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new SweepDefinitionException("Invalid YAML in " + origin + ": " + e.getMessage(), e);
        }

        try {
            Map<String, Object> top = map(document, "the document");
            checkKeys(top, TOP_KEYS, "the document");

            String name = name(top.get("name"), "name");
            String title = optionalText(top.get("title"), "title", name);
            String description = optionalText(top.get("description"), "description", "");
            long seed = top.containsKey("seed") ? wholeNumber(top.get("seed"), "seed") : DEFAULT_SEED;
            Map<Dimension, Object> baseValues = settings(top.get("base"), "base", false);
            PointSettings base = apply(PointSettings.defaults(), baseValues, "base");

            List<SeriesDefinition> series = new ArrayList<>();
            List<Object> seriesList = list(top.get("series"), "series");
            for (int i = 0; i < seriesList.size(); i++) {
                series.add(series(seriesList.get(i), "series[" + (i + 1) + "]"));
            }
            List<ReplayDefinition> replays = new ArrayList<>();
            if (top.get("replays") != null) {
                List<Object> replayList = list(top.get("replays"), "replays");
                for (int i = 0; i < replayList.size(); i++) {
                    replays.add(replay(replayList.get(i), "replays[" + (i + 1) + "]"));
                }
            }
            return new SweepDefinition(name, title, description, seed, base, series, replays, text);
        } catch (IllegalArgumentException e) {
            throw new SweepDefinitionException("Invalid sweep in " + origin + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies settings to a point and checks the result.
     *
     * @throws SweepDefinitionException naming the place and the invalid setting
     */
    static PointSettings apply(PointSettings start, Map<Dimension, Object> values, String place) {
        PointDraft draft = new PointDraft(start);
        values.forEach((dimension, value) -> dimension.apply(draft, value));
        try {
            return draft.build();
        } catch (IllegalArgumentException e) {
            throw new SweepDefinitionException(place + ": " + e.getMessage(), e);
        }
    }

    private static SeriesDefinition series(Object node, String place) {
        Map<String, Object> fields = map(node, place);
        String name = name(fields.get("name"), place + " > name");
        String where = place + " '" + name + "'";
        checkKeys(fields, SERIES_KEYS, where);

        Map<Dimension, List<Object>> vary = new LinkedHashMap<>();
        if (fields.get("vary") != null) {
            Map<String, Object> varied = map(fields.get("vary"), where + " > vary");
            for (Map.Entry<String, Object> entry : varied.entrySet()) {
                Dimension dimension = dimension(entry.getKey(), where + " > vary");
                List<Object> raw = list(entry.getValue(), where + " > vary > " + entry.getKey());
                if (raw.isEmpty()) {
                    throw new SweepDefinitionException(where + " > vary > " + entry.getKey() + ": no values listed");
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < raw.size(); i++) {
                    values.add(value(dimension, raw.get(i), where + " > vary > " + entry.getKey() + "[" + (i + 1) + "]"));
                }
                vary.put(dimension, values);
            }
        }

        List<Map<Dimension, Object>> lines = settingsList(fields.get("lines"), where + " > lines");
        List<Map<Dimension, Object>> points = settingsList(fields.get("points"), where + " > points");
        List<Metric> metrics = new ArrayList<>();
        if (fields.get("metrics") != null) {
            for (Object metric : list(fields.get("metrics"), where + " > metrics")) {
                try {
                    metrics.add(Metric.byKey(String.valueOf(metric)));
                } catch (IllegalArgumentException e) {
                    throw new SweepDefinitionException(where + " > metrics: " + e.getMessage(), e);
                }
            }
        } else if (points.isEmpty()) {
            metrics.add(Metric.ACCURACY);
        }
        Boolean logX = fields.get("logX") == null ? null : bool(fields.get("logX"), where + " > logX");

        try {
            return new SeriesDefinition(name, optionalText(fields.get("title"), where + " > title", name),
                    optionalText(fields.get("question"), where + " > question", ""),
                    fields.get("plot") == null ? null : name(fields.get("plot"), where + " > plot"),
                    settings(fields.get("set"), where + " > set", true), vary, lines, points, metrics, logX);
        } catch (IllegalArgumentException e) {
            throw new SweepDefinitionException(where + ": " + e.getMessage(), e);
        }
    }

    private static ReplayDefinition replay(Object node, String place) {
        Map<String, Object> fields = map(node, place);
        String name = name(fields.get("name"), place + " > name");
        String where = place + " '" + name + "'";
        checkKeys(fields, REPLAY_KEYS, where);
        String series = name(fields.get("series"), where + " > series");
        long point = wholeNumber(require(fields.get("point"), where + " > point"), where + " > point");
        List<Map<Dimension, Object>> runs = settingsList(require(fields.get("runs"), where + " > runs"),
                where + " > runs");
        try {
            return new ReplayDefinition(name, optionalText(fields.get("title"), where + " > title", name), series,
                    (int) Math.min(point, Integer.MAX_VALUE), runs);
        } catch (IllegalArgumentException e) {
            throw new SweepDefinitionException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<Dimension, Object>> settingsList(Object node, String place) {
        List<Map<Dimension, Object>> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        List<Object> entries = list(node, place);
        for (int i = 0; i < entries.size(); i++) {
            result.add(settings(entries.get(i), place + "[" + (i + 1) + "]", false));
        }
        return result;
    }

    private static Map<Dimension, Object> settings(Object node, String place, boolean allowMissing) {
        Map<Dimension, Object> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        Map<String, Object> fields = map(node, place);
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            Dimension dimension = dimension(entry.getKey(), place);
            result.put(dimension, value(dimension, entry.getValue(), place + " > " + entry.getKey()));
        }
        return result;
    }

    private static Dimension dimension(String key, String place) {
        try {
            return Dimension.byKey(key);
        } catch (IllegalArgumentException e) {
            throw new SweepDefinitionException(place + ": " + e.getMessage(), e);
        }
    }

    private static Object value(Dimension dimension, Object raw, String place) {
        try {
            return dimension.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new SweepDefinitionException(place + ": " + e.getMessage(), e);
        }
    }

    private static void checkKeys(Map<String, Object> fields, Set<String> allowed, String place) {
        for (String key : fields.keySet()) {
            if (!allowed.contains(key)) {
                throw new SweepDefinitionException(place + ": unknown key '" + key + "': expected one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String place) {
        if (!(node instanceof Map<?, ?> raw)) {
            throw new SweepDefinitionException(place + ": expected a mapping of keys to values, got "
                    + describe(node));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new SweepDefinitionException(place + ": key " + entry.getKey() + " is not a text key");
            }
            result.put(key, entry.getValue());
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node, String place) {
        if (!(node instanceof List<?> raw)) {
            throw new SweepDefinitionException(place + ": expected a list, got " + describe(node));
        }
        return (List<Object>) raw;
    }

    private static Object require(Object node, String place) {
        if (node == null) {
            throw new SweepDefinitionException(place + ": missing");
        }
        return node;
    }

    private static String name(Object node, String place) {
        String text = require(node, place).toString();
        if (!text.matches(NAME_PATTERN)) {
            throw new SweepDefinitionException(place + ": invalid name '" + text
                    + "': expected 1 to 40 lower-case letters, digits and '-', starting with a letter or digit");
        }
        return text;
    }

    private static String optionalText(Object node, String place, String fallback) {
        if (node == null) {
            return fallback;
        }
        if (node instanceof Map<?, ?> || node instanceof List<?>) {
            throw new SweepDefinitionException(place + ": expected text, got " + describe(node));
        }
        return node.toString().strip();
    }

    private static long wholeNumber(Object node, String place) {
        if (node instanceof Integer || node instanceof Long) {
            return ((Number) node).longValue();
        }
        if (node instanceof java.math.BigInteger) {
            throw new SweepDefinitionException(place + ": " + node + " is too large for a 64-bit number");
        }
        throw new SweepDefinitionException(place + ": expected a whole number, got " + describe(node));
    }

    private static boolean bool(Object node, String place) {
        if (node instanceof Boolean flag) {
            return flag;
        }
        throw new SweepDefinitionException(place + ": expected true or false, got " + describe(node));
    }

    private static String describe(Object node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (node instanceof List<?>) {
            return "a list";
        }
        return "'" + node + "'";
    }
}
