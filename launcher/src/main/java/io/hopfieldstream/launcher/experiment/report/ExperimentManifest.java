package io.hopfieldstream.launcher.experiment.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopfieldstream.launcher.experiment.run.PointResult;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.ProbeFill;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.retriever.retrieval.Normalization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The record of a sweep that {@code hopfield replay} reads: for every point its experiment id, its settings,
 * the run id of its metrics and the digest of its published probes. Written as JSON next to the report.
 *
 * @param sweepId the sweep run
 * @param memoryTopic the memory topic the sweep used
 * @param entries the points by experiment id
 */
public record ExperimentManifest(String sweepId, String memoryTopic, Map<String, Entry> entries) {

    /** File name of the manifest in the output folder. */
    public static final String FILE = "manifest.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ExperimentManifest {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * One recorded point.
     *
     * @param experimentId its experiment id
     * @param settings its settings
     * @param runId the run id of its metrics, or null when it failed
     * @param probeDigest the digest of its published probes, or null when none were published
     */
    public record Entry(String experimentId, PointSettings settings, String runId, String probeDigest) {
    }

    /** Returns the entry of an experiment. */
    public Optional<Entry> find(String experimentId) {
        return Optional.ofNullable(entries.get(experimentId));
    }

    /** Writes the manifest of a sweep into a folder and returns its path. */
    public static Path write(SweepResult result, String memoryTopic, Path folder) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("sweep", result.plan().definition().name());
        root.put("sweepId", result.plan().sweepId());
        root.put("startedAt", result.startedAt().toString());
        root.put("seconds", result.seconds());
        root.put("environment", result.environment());
        root.put("memoryTopic", memoryTopic);
        ArrayNode points = root.putArray("points");
        for (SweepPoint point : result.plan().points()) {
            PointResult outcome = result.result(point);
            ObjectNode node = points.addObject();
            node.put("point", point.number());
            node.put("experimentId", point.experimentId());
            node.put("status", outcome == null ? "not run" : outcome.succeeded() ? "ok" : "failed");
            node.put("runId", outcome == null ? null : outcome.runId());
            node.put("probeDigest", outcome == null ? null : outcome.probeDigest());
            node.put("probeSeed", point.probeSeed());
            writeSettings(node.putObject("settings"), point.settings());
        }

        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the manifest " + file, e);
        }
        return file;
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException when the file is missing or not a manifest, naming the file and the problem
     */
    public static ExperimentManifest read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid manifest " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Failed to read the manifest " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("points").isArray()) {
            throw new IllegalArgumentException("Invalid manifest " + file + ": no 'points' list");
        }

        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode node : root.path("points")) {
            String experimentId = node.path("experimentId").asText();
            try {
                entries.put(experimentId, new Entry(experimentId, readSettings(node.path("settings")),
                        text(node, "runId"), text(node, "probeDigest")));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid manifest " + file + ": point " + experimentId + ": "
                        + e.getMessage(), e);
            }
        }
        return new ExperimentManifest(root.path("sweepId").asText(), root.path("memoryTopic").asText(), entries);
    }

    private static void writeSettings(ObjectNode node, PointSettings settings) {
        node.put("memory", settings.memory().text());
        node.put("corruption", settings.corruption());
        node.put("fill", settings.fill().id());
        node.put("beta", settings.beta());
        node.put("iterations", settings.iterations());
        node.put("tolerance", settings.tolerance());
        node.put("normalization", settings.normalization().name().toLowerCase(Locale.ROOT));
        node.put("maskAware", settings.maskAware());
        node.put("threshold", settings.threshold());
        node.put("probes", settings.probes());
    }

    private static PointSettings readSettings(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("missing settings");
        }
        return new PointSettings(
                MemorySpec.parse(required(node, "memory").asText()),
                required(node, "corruption").asText(),
                ProbeFill.parse(required(node, "fill").asText()),
                required(node, "beta").asDouble(),
                required(node, "iterations").asInt(),
                required(node, "tolerance").asDouble(),
                Normalization.valueOf(required(node, "normalization").asText().toUpperCase(Locale.ROOT)),
                required(node, "maskAware").asBoolean(),
                required(node, "threshold").asDouble(),
                required(node, "probes").asInt());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing setting '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
