package io.hopfieldstream.producer.corruption;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import io.hopfieldstream.schemas.Corruption;

/**
 * A corruption as a sequence of steps, parsed from a spec such as {@code gaussian:25},
 * {@code salt-and-pepper:0.1}, {@code lower-half}, {@code centre-rectangle:0.25} or
 * {@code gaussian:10+random-rectangle:0.25}.
 *
 * <p>Steps, joined by {@code +} and applied left to right:
 * <ul>
 *   <li>{@code gaussian:SIGMA}: additive Gaussian noise, SIGMA in pixel levels 0..255;</li>
 *   <li>{@code salt-and-pepper:FRACTION}: that share of the known pixels turns black or white;</li>
 *   <li>{@code lower-half}, {@code upper-half}: hides rows 16..31 or rows 0..15;</li>
 *   <li>{@code centre-rectangle:FRACTION} ({@code center-rectangle} also accepted): hides a centred
 *       rectangle of that share of the area;</li>
 *   <li>{@code random-rectangle:FRACTION}: hides a rectangle of that share of the area at a random place;</li>
 *   <li>{@code dropout:FRACTION}: hides that share of the known pixels, chosen at random;</li>
 *   <li>{@code none}: the image unchanged (only on its own).</li>
 * </ul>
 * Masks hide whole pixels (all three channels), set hidden values to 0 and give the probe a known-value mask.
 * Noise changes only known values. The output is always within 0..255.
 *
 * <p>{@link #apply(byte[], long)} draws all randomness from one {@link ProbeRandom} seeded with the given seed,
 * so the same image, spec and seed always give the same bytes. Derive the seed of probe {@code i} with
 * {@link ProbeRandom#seedFor(long, long)}.
 *
 * @param steps the steps, in order; empty for {@code none}
 */
public record CorruptionSpec(List<CorruptionStep> steps) {

    /** Spec of the unchanged image. */
    public static final String NONE = "none";

    private static final String SYNTAX = "expected steps joined by '+': gaussian:SIGMA, salt-and-pepper:FRACTION, "
            + "lower-half, upper-half, centre-rectangle:FRACTION, random-rectangle:FRACTION, dropout:FRACTION, "
            + "or none (SIGMA in pixel levels 0..255, FRACTION within 0..1), for example gaussian:25+lower-half";

    /** Copies the steps. */
    public CorruptionSpec {
        steps = List.copyOf(steps);
    }

    /** Returns the spec that leaves images unchanged. */
    public static CorruptionSpec none() {
        return new CorruptionSpec(List.of());
    }

    /**
     * Parses a spec. Step names ignore case, and blanks around steps are ignored.
     *
     * @throws CorruptionSpecException naming the spec, the bad step and the accepted syntax
     */
    public static CorruptionSpec parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.trim();
        if (text.isEmpty()) {
            throw invalid(spec, "the spec is empty");
        }
        if (text.equalsIgnoreCase(NONE)) {
            return none();
        }

        String[] parts = text.split("\\+", -1);
        CorruptionStep[] steps = new CorruptionStep[parts.length];
        for (int i = 0; i < parts.length; i++) {
            steps[i] = parseStep(spec, parts[i].trim());
        }
        return new CorruptionSpec(List.of(steps));
    }

    /** Returns the canonical spec, for example "gaussian:25+lower-half". Parsing it gives an equal spec. */
    public String spec() {
        if (steps.isEmpty()) {
            return NONE;
        }
        return steps.stream().map(CorruptionStep::spec).collect(Collectors.joining("+"));
    }

    /** Returns the step names joined by '+', for example "gaussian+lower-half", or "none". Metrics are grouped by it. */
    public String kind() {
        if (steps.isEmpty()) {
            return NONE;
        }
        return steps.stream().map(CorruptionStep::name).collect(Collectors.joining("+"));
    }

    /** Returns the first step's level (sigma for gaussian, a fraction for the others, 0.5 for a half), 0 for none. */
    public double level() {
        return steps.isEmpty() ? 0.0 : steps.get(0).level();
    }

    /** Returns whether some step hides pixels, so that probes carry a known-value mask. */
    public boolean hasMask() {
        return steps.stream().anyMatch(CorruptionStep::isMask);
    }

    /**
     * Corrupts an image.
     *
     * @param pixels 3072 values in planar order; not changed
     * @param seed   seed of this probe's random generator
     */
    public CorruptedImage apply(byte[] pixels, long seed) {
        CorruptionCanvas canvas = new CorruptionCanvas(pixels);
        ProbeRandom random = new ProbeRandom(seed);
        for (CorruptionStep step : steps) {
            step.apply(canvas, random);
        }
        return canvas.toImage();
    }

    /** Returns the Avro record that describes this corruption for a probe with the given seed. */
    public Corruption toRecord(long seed) {
        return Corruption.newBuilder()
                .setKind(kind())
                .setLevel(level())
                .setSpec(spec())
                .setSeed(seed)
                .build();
    }

    @Override
    public String toString() {
        return spec();
    }

    private static CorruptionStep parseStep(String spec, String step) {
        if (step.isEmpty()) {
            throw invalid(spec, "empty step between '+' signs");
        }
        int colon = step.indexOf(':');
        String name = (colon < 0 ? step : step.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? null : step.substring(colon + 1).trim();

        try {
            return switch (name) {
                case GaussianNoise.NAME -> new GaussianNoise(number(spec, step, name, argument, "SIGMA"));
                case SaltAndPepper.NAME -> new SaltAndPepper(number(spec, step, name, argument, "FRACTION"));
                case "lower-half" -> noArgument(spec, step, argument, new HalfMask(HalfMask.Half.LOWER));
                case "upper-half" -> noArgument(spec, step, argument, new HalfMask(HalfMask.Half.UPPER));
                case CentreRectangleMask.NAME, "center-rectangle" ->
                        new CentreRectangleMask(number(spec, step, name, argument, "FRACTION"));
                case RandomRectangleMask.NAME -> new RandomRectangleMask(number(spec, step, name, argument, "FRACTION"));
                case PixelDropout.NAME -> new PixelDropout(number(spec, step, name, argument, "FRACTION"));
                case NONE -> throw invalid(spec, "'none' cannot be combined with other steps");
                default -> throw invalid(spec, "unknown step '" + name + "'");
            };
        } catch (CorruptionSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw invalid(spec, e.getMessage());
        }
    }

    private static double number(String spec, String step, String name, String argument, String parameter) {
        if (argument == null || argument.isEmpty()) {
            throw invalid(spec, "step '" + step + "' needs a value, for example " + name + ":"
                    + (parameter.equals("SIGMA") ? "25" : "0.25"));
        }
        try {
            double value = Double.parseDouble(argument);
            if (!Double.isFinite(value)) {
                throw invalid(spec, parameter + " '" + argument + "' of step '" + step + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(spec, parameter + " '" + argument + "' of step '" + step + "' is not a number");
        }
    }

    private static CorruptionStep noArgument(String spec, String step, String argument, CorruptionStep result) {
        if (argument != null) {
            throw invalid(spec, "step '" + result.name() + "' takes no value, got '" + step + "'");
        }
        return result;
    }

    private static CorruptionSpecException invalid(String spec, String problem) {
        return new CorruptionSpecException("Invalid corruption spec '" + spec + "': " + problem + "; " + SYNTAX);
    }
}
