package io.hopfieldstream.launcher.experiment.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table; '|' in cells is escaped and line breaks become spaces. */
final class MarkdownTable {

    private final List<String> header;
    private final List<Boolean> numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param header the column titles
     * @param numeric which columns are right-aligned
     */
    MarkdownTable(List<String> header, List<Boolean> numeric) {
        if (header.size() != numeric.size()) {
            throw new IllegalArgumentException("One alignment per column is needed");
        }
        this.header = List.copyOf(header);
        this.numeric = List.copyOf(numeric);
    }

    void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("A row of " + row.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(row));
    }

    String text() {
        StringBuilder text = new StringBuilder();
        appendRow(text, header);
        text.append('|');
        for (boolean right : numeric) {
            text.append(right ? " ---: |" : " --- |");
        }
        text.append('\n');
        rows.forEach(row -> appendRow(text, row));
        return text.toString();
    }

    private static void appendRow(StringBuilder text, List<String> row) {
        text.append('|');
        for (String cell : row) {
            text.append(' ').append(escape(cell)).append(" |");
        }
        text.append('\n');
    }

    static String escape(String cell) {
        if (cell == null) {
            return "";
        }
        return cell.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
