package io.hopfieldstream.launcher.experiment.sweep;

import java.util.List;
import java.util.Map;

/**
 * Builds a one-series sweep from command-line options: {@code --set KEY=VALUE} for the base point and
 * {@code --vary KEY=V1,V2,...} for one or two varied settings. The sweep is written as YAML and read
 * by {@link SweepParser}, so options and files follow the same rules, and the report quotes the YAML.
 */
public final class OptionSweep {

    /** Name of a sweep built from options. */
    public static final String NAME = "options";

    private OptionSweep() {
    }

    /**
     * Builds the sweep.
     *
     * @param set base settings as key and value, for example "memory" and "test:mixed:1000"
     * @param vary varied settings as {@code KEY=V1,V2,...}, one or two
     * @param seed probe seed
     * @throws SweepDefinitionException naming the invalid option
     */
    public static SweepDefinition build(Map<String, String> set, List<String> vary, long seed) {
        if (vary.isEmpty() || vary.size() > 2) {
            throw new SweepDefinitionException("Give one or two --vary KEY=V1,V2,... options, got " + vary.size());
        }

        StringBuilder yaml = new StringBuilder();
        yaml.append("name: ").append(NAME).append('\n');
        yaml.append("title: Sweep from command-line options\n");
        yaml.append("seed: ").append(seed).append('\n');
        yaml.append("base:\n");
        if (set.isEmpty()) {
            yaml.setLength(yaml.length() - 1);
            yaml.append(" {}\n");
        }
        set.forEach((key, value) -> yaml.append("  ").append(key(key)).append(": ").append(quote(value)).append('\n'));

        yaml.append("series:\n");
        yaml.append("  - name: ").append(NAME).append('\n');
        yaml.append("    title: Results\n");
        yaml.append("    vary:\n");
        for (String option : vary) {
            int equals = option.indexOf('=');
            if (equals <= 0 || equals == option.length() - 1) {
                throw new SweepDefinitionException("Invalid --vary '" + option + "': expected KEY=V1,V2,..., for example"
                        + " beta=8,32,128");
            }
            yaml.append("      ").append(key(option.substring(0, equals))).append(": [");
            String[] values = option.substring(equals + 1).split(",", -1);
            for (int i = 0; i < values.length; i++) {
                yaml.append(i == 0 ? "" : ", ").append(quote(values[i].trim()));
            }
            yaml.append("]\n");
        }
        yaml.append("    metrics: [accuracy, similarityLoss, exactMatchRate, meanAttentionSpread]\n");

        return SweepParser.parse(yaml.toString(), "the command-line options");
    }

    private static String key(String key) {
        String trimmed = key.trim();
        if (!trimmed.matches("[A-Za-z_-]+")) {
            throw new SweepDefinitionException("Invalid setting key '" + key + "': expected letters, '-' or '_'");
        }
        return trimmed;
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
