package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarClasses;
import io.hopfieldstream.retriever.retrieval.Normalization;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A setting that a sweep can vary, with the key it has in sweep files, how its values are parsed and
 * applied to a point, and how they are shown on axes and in legends.
 */
public enum Dimension {

    /** The whole memory spec, for example "test:mixed:1000". */
    MEMORY("memory", "memory") {
        @Override
        Object parse(Object raw) {
            return MemorySpec.parse(text(raw));
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.memory((MemorySpec) value);
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.memory();
        }

        @Override
        public String format(Object value) {
            return ((MemorySpec) value).describe();
        }
    },

    /** Number of stored images N. */
    MEMORY_SIZE("memorySize", "stored images N") {
        @Override
        Object parse(Object raw) {
            return MemorySpec.parseSize(text(raw));
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.memorySize = (Integer) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.memory().size();
        }

        @Override
        public OptionalDouble numeric(Object value) {
            return OptionalDouble.of((Integer) value);
        }

        @Override
        public String format(Object value) {
            return String.format(Locale.ROOT, "N = %,d", (Integer) value);
        }
    },

    /** The stored class, or "mixed" for every class. */
    MEMORY_CLASS("memoryClass", "stored classes") {
        @Override
        Object parse(Object raw) {
            return MemorySpec.parseClasses(text(raw));
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.memoryLabel = (Integer) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.memory().label();
        }

        @Override
        public String format(Object value) {
            int label = (Integer) value;
            return label == MemorySpec.MIXED ? "mixed classes"
                    : "class " + CifarClasses.STANDARD.name(label);
        }

        @Override
        public String cell(Object value) {
            int label = (Integer) value;
            return label == MemorySpec.MIXED ? "mixed" : CifarClasses.STANDARD.name(label);
        }
    },

    /** The split the stored images come from. */
    MEMORY_SOURCE("memorySource", "image source") {
        @Override
        Object parse(Object raw) {
            return MemorySource.parse(text(raw));
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.memorySource = (MemorySource) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.memory().source();
        }

        @Override
        public String format(Object value) {
            return ((MemorySource) value).id() + " images";
        }
    },

    /** The corruption spec of the probes; its level is the numeric value. */
    CORRUPTION("corruption", "corruption level") {
        @Override
        Object parse(Object raw) {
            return CorruptionSpec.parse(text(raw)).spec();
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.corruption = (String) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.corruption();
        }

        @Override
        public OptionalDouble numeric(Object value) {
            return OptionalDouble.of(CorruptionSpec.parse((String) value).level());
        }

        @Override
        public String format(Object value) {
            return (String) value;
        }
    },

    /** The fill of the hidden values of masked probes. */
    FILL("fill", "fill of hidden pixels") {
        @Override
        Object parse(Object raw) {
            return ProbeFill.parse(text(raw));
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.fill = (ProbeFill) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.fill();
        }

        @Override
        public String format(Object value) {
            return "fill " + ((ProbeFill) value).id();
        }
    },

    /** Inverse temperature of the softmax. */
    BETA("beta", "beta (inverse temperature)") {
        @Override
        Object parse(Object raw) {
            return number(raw);
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.beta = (Double) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.beta();
        }

        @Override
        public OptionalDouble numeric(Object value) {
            return OptionalDouble.of((Double) value);
        }

        @Override
        public String format(Object value) {
            return "beta " + plain((Double) value);
        }
    },

    /** Most update steps per probe. */
    ITERATIONS("iterations", "update steps (max)") {
        @Override
        Object parse(Object raw) {
            return wholeNumber(raw);
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.iterations = (Integer) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.iterations();
        }

        @Override
        public OptionalDouble numeric(Object value) {
            return OptionalDouble.of((Integer) value);
        }

        @Override
        public String format(Object value) {
            return value + (((Integer) value) == 1 ? " update" : " updates");
        }
    },

    /** Change of the attention weights at which iteration stops. */
    TOLERANCE("tolerance", "tolerance (attention weight change)") {
        @Override
        Object parse(Object raw) {
            return number(raw);
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.tolerance = (Double) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.tolerance();
        }

        @Override
        public OptionalDouble numeric(Object value) {
            return OptionalDouble.of((Double) value);
        }

        @Override
        public String format(Object value) {
            return "tolerance " + plain((Double) value);
        }
    },

    /** Preparation of patterns and probes. */
    NORMALIZATION("normalization", "normalization") {
        @Override
        Object parse(Object raw) {
            String text = text(raw).trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Normalization.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid normalization '" + raw
                        + "': expected none, center, unit or center-unit", e);
            }
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.normalization = (Normalization) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.normalization();
        }

        @Override
        public String format(Object value) {
            return "normalization " + ((Normalization) value).name().toLowerCase(Locale.ROOT);
        }
    },

    /** Whether masked probes are scored on their known pixels only. */
    MASK_AWARE("maskAware", "mask-aware retrieval") {
        @Override
        Object parse(Object raw) {
            if (raw instanceof Boolean flag) {
                return flag;
            }
            String text = text(raw).trim().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true", "yes", "mask-aware" -> true;
                case "false", "no", "plain" -> false;
                default -> throw new IllegalArgumentException("invalid maskAware '" + raw
                        + "': expected true (mask-aware) or false (plain)");
            };
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.maskAware = (Boolean) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.maskAware();
        }

        @Override
        public String format(Object value) {
            return ((Boolean) value) ? "mask-aware" : "plain";
        }
    },

    /** Similarity at or above which a reconstruction is correct. */
    THRESHOLD("threshold", "similarity threshold") {
        @Override
        Object parse(Object raw) {
            return number(raw);
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.threshold = (Double) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.threshold();
        }

        @Override
        public OptionalDouble numeric(Object value) {
            return OptionalDouble.of((Double) value);
        }

        @Override
        public String format(Object value) {
            return "threshold " + plain((Double) value);
        }
    },

    /** Probes per point. */
    PROBES("probes", "probes per point") {
        @Override
        Object parse(Object raw) {
            return wholeNumber(raw);
        }

        @Override
        void apply(PointDraft draft, Object value) {
            draft.probes = (Integer) value;
        }

        @Override
        public Object valueOf(PointSettings settings) {
            return settings.probes();
        }

        @Override
        public OptionalDouble numeric(Object value) {
            return OptionalDouble.of((Integer) value);
        }

        @Override
        public String format(Object value) {
            return value + " probes";
        }
    };

    private final String key;
    private final String axisTitle;

    Dimension(String key, String axisTitle) {
        this.key = key;
        this.axisTitle = axisTitle;
    }

    /** Returns the key in sweep files, for example "memorySize". */
    public String key() {
        return key;
    }

    /** Returns the axis title with its unit, for example "stored images N". */
    public String axisTitle() {
        return axisTitle;
    }

    /**
     * Returns whether changing this dimension changes only how the retriever works, so a recorded experiment can
     * be replayed with another value.
     */
    public boolean retrievalOnly() {
        return this == BETA || this == ITERATIONS || this == TOLERANCE || this == NORMALIZATION || this == MASK_AWARE;
    }

    /**
     * Parses a value as read from a sweep file (a string, number or boolean).
     *
     * @throws IllegalArgumentException describing what is wrong with the value
     */
    abstract Object parse(Object raw);

    /** Sets a parsed value on a draft point. */
    abstract void apply(PointDraft draft, Object value);

    /** Returns this dimension's value of a point, of the type {@link #parse} returns. */
    public abstract Object valueOf(PointSettings settings);

    /** Returns the number that places a value on a numeric axis, or empty for a categorical dimension. */
    public OptionalDouble numeric(Object value) {
        return OptionalDouble.empty();
    }

    /** Formats a value for legends and lines, for example "beta 32" or "mask-aware". */
    public abstract String format(Object value);

    /**
     * Formats a value for a table column headed by this dimension's key: a number alone ("32",
     * "50,000"), anything else as {@link #format} does.
     */
    public String cell(Object value) {
        if (value instanceof Integer whole) {
            return String.format(Locale.ROOT, "%,d", whole);
        }
        if (value instanceof Double number) {
            return plain(number);
        }
        if (value instanceof Normalization normalization) {
            return normalization.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof ProbeFill fill) {
            return fill.id();
        }
        if (value instanceof MemorySource source) {
            return source.id();
        }
        return format(value);
    }

    /**
     * Finds a dimension by its sweep file key, ignoring case, '-' and '_'.
     *
     * @throws IllegalArgumentException naming the accepted keys
     */
    public static Dimension byKey(String key) {
        String wanted = simplify(key);
        for (Dimension dimension : values()) {
            if (simplify(dimension.key).equals(wanted)) {
                return dimension;
            }
        }
        StringBuilder keys = new StringBuilder();
        for (Dimension dimension : values()) {
            keys.append(keys.isEmpty() ? "" : ", ").append(dimension.key);
        }
        throw new IllegalArgumentException("unknown setting '" + key + "': expected one of " + keys);
    }

    private static String simplify(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static String text(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("missing value");
        }
        return raw.toString();
    }

    private static double number(Object raw) {
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(text(raw).trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number '" + raw + "'", e);
        }
    }

    private static int wholeNumber(Object raw) {
        double value = number(raw);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid whole number '" + raw + "'");
        }
        return (int) value;
    }

    /** Formats a number without trailing zeros, for example 32 or 0.95. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
