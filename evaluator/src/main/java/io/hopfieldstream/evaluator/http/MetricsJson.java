package io.hopfieldstream.evaluator.http;

import io.hopfieldstream.schemas.WindowMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the endpoints' JSON. {@link WindowMetrics} becomes an object with one member per schema field, under the
 * field's name, so the JSON matches the records on {@code metrics.rolling}.
 */
public final class MetricsJson {

    private final ObjectMapper mapper = new ObjectMapper();

    /** Returns the JSON text of a value built from maps, lists, strings and numbers. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write JSON: " + e.getMessage(), e);
        }
    }

    /** Returns the JSON of {@code GET /metrics/runs}. */
    public byte[] runs(List<RunSummary> runs) {
        return write(Map.of("runs", runs.stream().map(MetricsJson::toMap).toList()));
    }

    /** Returns the JSON of {@code GET /metrics/runs/{experiment}/{run}}. */
    public byte[] run(RunReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experimentId", report.experimentId());
        json.put("runId", report.runId());
        json.put("groups", report.groups().stream().map(MetricsJson::toMap).toList());
        return write(json);
    }

    static Map<String, Object> toMap(RunSummary run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experimentId", run.experimentId());
        json.put("runId", run.runId());
        json.put("corruptions", run.corruptions());
        json.put("count", run.count());
        json.put("correctCount", run.correctCount());
        json.put("unscoredCount", run.unscoredCount());
        return json;
    }

    static Map<String, Object> toMap(GroupReport group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("corruptionKind", group.corruptionKind());
        json.put("corruptionLevel", group.corruptionLevel());
        json.put("lateRecords", group.lateRecords());
        json.put("cumulative", toMap(group.cumulative()));
        json.put("count", toMap(group.count()));
        json.put("hopping", group.hopping().stream().map(MetricsJson::toMap).toList());
        return json;
    }

    /** Returns the record's fields by schema name, or null for a null record. */
    public static Map<String, Object> toMap(WindowMetrics metrics) {
        if (metrics == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : metrics.getSchema().getFields()) {
            json.put(field.name(), metrics.get(field.pos()));
        }
        return json;
    }
}
