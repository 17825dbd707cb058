package io.hopfieldstream.launcher.experiment.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A table written as CSV (RFC 4180): a header row, then one row per record, with fields quoted when they
 * contain a comma, a double quote or a line break, and lines ending in CRLF.
 */
final class CsvTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    CsvTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /**
     * Adds a row.
     *
     * @throws IllegalArgumentException when the row does not have one field per column
     */
    void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("A row of " + row.size() + " fields for " + header.size() + " columns");
        }
        rows.add(List.copyOf(row));
    }

    /** Writes the table, replacing the file. */
    void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write(text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    /** Returns the table as CSV text. */
    String text() {
        StringBuilder text = new StringBuilder();
        appendRow(text, header);
        rows.forEach(row -> appendRow(text, row));
        return text.toString();
    }

    private static void appendRow(StringBuilder text, List<String> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(quote(row.get(i)));
        }
        text.append("\r\n");
    }

    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
