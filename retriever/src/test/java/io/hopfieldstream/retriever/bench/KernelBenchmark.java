package io.hopfieldstream.retriever.bench;

import java.util.Collection;
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
 */
public final class KernelBenchmark {

    private KernelBenchmark() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(RetrievalStepBenchmark.class.getName() + "\\.")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.print(table(results));
    }

    /** Formats the results as a Markdown table, one row per (B, N). */
    static String table(Collection<RunResult> results) {
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

        StringBuilder table = new StringBuilder();
        table.append("| B | N | step ms | images/s | step GFLOP/s | matmul ms | matmul GFLOP/s | step / matmul |\n");
        table.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (double[] row : rows.values()) {
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
