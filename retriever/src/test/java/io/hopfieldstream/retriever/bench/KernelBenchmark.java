package io.hopfieldstream.retriever.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RetrievalStepBenchmark} and prints, per batch size B and memory size N, the step time,
 * images/s and GFLOP/s ({@code 4 B N 3072} operations a step) of the retrieval step and of the plain
 * matrix products, and the step's share of the matrix-product rate.
 *
 * <p>Arguments are JMH's own command-line options, for example {@code -p batch=256 -p patterns=10000
 * -wi 1 -i 3 -f 1}; without {@code -p} every shape of the benchmark runs.
 *
 * <p>With {@code --rounds R} each shape is measured in R rounds, and each round runs one fork of the
 * matrix products right before one fork of the step. The share is then computed per round, from two
 * measurements taken a minute apart at most, so a drift in the machine's speed between the start and
 * the end of a long run moves both sides of a round alike. The table gives the median times of the
 * rounds (its share is the ratio of those medians), and a second table every round's share and the
 * median of those shares, so the two can differ slightly.
 */
public final class KernelBenchmark {

    private static final String ROUNDS_OPTION = "--rounds";

    private KernelBenchmark() {
    }

    public static void main(String[] args) throws RunnerException {
        List<String> jmhArguments = new ArrayList<>(Arrays.asList(args));
        int rounds;
        CommandLineOptions commandLine;
        try {
            rounds = takeRounds(jmhArguments);
            commandLine = new CommandLineOptions(jmhArguments.toArray(String[]::new));
            if (rounds > 0) {
                checkRoundOptions(commandLine);
            }
        } catch (IllegalArgumentException | CommandLineOptionException e) {
            System.err.println("bench/kernel.sh: " + e.getMessage());
            System.exit(2);
            return;
        }

        if (rounds == 0) {
            Options options = new OptionsBuilder()
                    .parent(commandLine)
                    .include(RetrievalStepBenchmark.class.getName() + "\\.")
                    .build();
            System.out.print(table(new Runner(options).run()));
            return;
        }

        List<String> batches = parameterValues(commandLine, "batch", "1", "64", "256");
        List<String> patterns = parameterValues(commandLine, "patterns", "1000", "10000", "50000");
        List<Collection<RunResult>> roundResults = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<RunResult> results = new ArrayList<>();
            for (String batch : batches) {
                for (String patternCount : patterns) {
                    System.err.printf("== Round %d of %d: B = %s, N = %s%n", round, rounds, batch, patternCount);
                    results.addAll(runPair(commandLine, batch, patternCount));
                }
            }
            roundResults.add(results);
        }
        System.out.print(medianTable(roundResults));
        System.out.println();
        System.out.print(roundTable(roundResults));
    }

    /** Removes {@code --rounds R} or {@code --rounds=R} from the arguments and returns R, or 0 without it. */
    static int takeRounds(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.startsWith(ROUNDS_OPTION + "=")) {
                arguments.set(i, ROUNDS_OPTION);
                arguments.add(i + 1, argument.substring(ROUNDS_OPTION.length() + 1));
            }
        }
        int position = arguments.indexOf(ROUNDS_OPTION);
        if (position < 0) {
            return 0;
        }
        if (position + 1 >= arguments.size()) {
            throw new IllegalArgumentException("Missing value of " + ROUNDS_OPTION + ": give a number of rounds, for example"
                    + " --rounds 5");
        }
        String value = arguments.get(position + 1);
        int rounds;
        try {
            rounds = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + ROUNDS_OPTION + " value '" + value + "': expected a whole "
                    + "number of rounds, at least 1");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("Invalid " + ROUNDS_OPTION + " value " + rounds
                    + ": expected at least 1 round");
        }
        arguments.subList(position, position + 2).clear();
        return rounds;
    }

    /**
     * Rejects the JMH options that a round sets itself: the fork count (one of each benchmark a round)
     * and benchmark patterns (a round runs the products, then the step).
     */
    static void checkRoundOptions(CommandLineOptions commandLine) {
        if (commandLine.getForkCount().hasValue()) {
            throw new IllegalArgumentException("Invalid -f with --rounds: each round runs one fork of each benchmark;"
                    + " give more rounds instead");
        }
        if (!commandLine.getIncludes().isEmpty()) {
            throw new IllegalArgumentException("Invalid benchmark pattern " + commandLine.getIncludes()
                    + " with --rounds: each round runs the matrix products and then the step; choose shapes with"
                    + " -p batch=... -p patterns=...");
        }
    }

    /** Runs one fork of the matrix products and then one fork of the step for one shape. */
    private static Collection<RunResult> runPair(CommandLineOptions commandLine, String batch, String patterns)
            throws RunnerException {
        List<RunResult> results = new ArrayList<>();
        for (String benchmark : List.of("matrixProducts", "retrievalStep")) {
            Options options = new OptionsBuilder()
                    .parent(commandLine)
                    .include(RetrievalStepBenchmark.class.getName() + "\\." + benchmark + "$")
                    .param("batch", batch)
                    .param("patterns", patterns)
                    .forks(1)
                    .build();
            results.addAll(new Runner(options).run());
        }
        return results;
    }

    private static List<String> parameterValues(CommandLineOptions commandLine, String name, String... defaults) {
        // JMH's own Optional, which has no map().
        if (commandLine.getParameter(name).hasValue()) {
            return new ArrayList<>(commandLine.getParameter(name).get());
        }
        return List.of(defaults);
    }

    /** Formats the results as a Markdown table, one row per (B, N). */
    static String table(Collection<RunResult> results) {
        return formatTable(times(results).values());
    }

    /** Formats the median step and matrix-product times over the rounds as the table of {@link #table}. */
    static String medianTable(List<Collection<RunResult>> rounds) {
        Map<String, List<double[]>> byShape = timesByShape(rounds);
        List<double[]> rows = new ArrayList<>();
        for (List<double[]> shapeRounds : byShape.values()) {
            double[] first = shapeRounds.get(0);
            rows.add(new double[] {first[0], first[1], median(shapeRounds, 2), median(shapeRounds, 3)});
        }
        return formatTable(rows);
    }

    /** Formats every round's times and share, and each shape's median, lowest and highest share. */
    static String roundTable(List<Collection<RunResult>> rounds) {
        StringBuilder table = new StringBuilder();
        table.append("| B | N | step rate / matmul rate per round (step ms, matmul ms) | median | lowest | highest |\n");
        table.append("| ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (List<double[]> shapeRounds : timesByShape(rounds).values()) {
            List<String> shares = new ArrayList<>();
            double[] sorted = new double[shapeRounds.size()];
            for (int i = 0; i < shapeRounds.size(); i++) {
                double[] row = shapeRounds.get(i);
                sorted[i] = row[3] / row[2];
                shares.add(String.format("%.1f%% (%.1f, %.1f)", 100 * sorted[i], row[2], row[3]));
            }
            Arrays.sort(sorted);
            double[] first = shapeRounds.get(0);
            table.append(String.format("| %d | %,d | %s | %.1f%% | %.1f%% | %.1f%% |%n", (int) first[0],
                    (int) first[1], String.join(", ", shares), 100 * medianOfSorted(sorted), 100 * sorted[0],
                    100 * sorted[sorted.length - 1]));
        }
        return table.toString();
    }

    /** Returns {batch, patterns, step ms, matmul ms} per shape, keyed so that shapes sort by B, then N. */
    private static Map<String, double[]> times(Collection<RunResult> results) {
        Map<String, double[]> rows = new TreeMap<>();
        for (RunResult result : results) {
            int batch = Integer.parseInt(result.getParams().getParam("batch"));
            int patterns = Integer.parseInt(result.getParams().getParam("patterns"));
            String key = String.format("%06d %06d", batch, patterns);
            double[] row = rows.computeIfAbsent(key, ignored -> new double[] {batch, patterns, Double.NaN, Double.NaN});
            double millis = result.getPrimaryResult().getScore();
            if (result.getParams().getBenchmark().endsWith("retrievalStep")) {
                row[2] = millis;
            } else {
                row[3] = millis;
            }
        }
        return rows;
    }

    private static Map<String, List<double[]>> timesByShape(List<Collection<RunResult>> rounds) {
        Map<String, List<double[]>> byShape = new TreeMap<>();
        for (Collection<RunResult> round : rounds) {
            times(round).forEach((shape, row) -> byShape.computeIfAbsent(shape, ignored -> new ArrayList<>()).add(row));
        }
        return byShape;
    }

    private static double median(List<double[]> rows, int column) {
        return medianOfSorted(rows.stream().mapToDouble(row -> row[column]).sorted().toArray());
    }

    private static double medianOfSorted(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String formatTable(Collection<double[]> rows) {
        StringBuilder table = new StringBuilder();
        table.append("| B | N | step ms | images/s | step GFLOP/s | matmul ms | matmul GFLOP/s | step / matmul |\n");
        table.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (double[] row : rows) {
            double flops = 4.0 * row[0] * row[1] * RetrievalStepBenchmark.DIMENSION;
            double stepRate = flops / (row[2] / 1e3) / 1e9;
            double productRate = flops / (row[3] / 1e3) / 1e9;
            table.append(String.format("| %d | %,d | %.2f | %,.0f | %.1f | %.2f | %.1f | %.0f%% |%n", (int) row[0],
                    (int) row[1], row[2], row[0] / (row[2] / 1e3), stepRate, row[3], productRate,
                    100 * stepRate / productRate));
        }
        return table.toString();
    }
}
