package io.hopfieldstream.launcher.experiment;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.LogLevels;
import io.hopfieldstream.launcher.experiment.report.ExperimentReport;
import io.hopfieldstream.launcher.experiment.run.SweepOptions;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.run.SweepRunner;
import io.hopfieldstream.launcher.experiment.sweep.OptionSweep;
import io.hopfieldstream.launcher.experiment.sweep.SweepDefinition;
import io.hopfieldstream.launcher.experiment.sweep.SweepDefinitionException;
import io.hopfieldstream.launcher.experiment.sweep.SweepExpansion;
import io.hopfieldstream.launcher.experiment.sweep.SweepParser;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.launcher.options.DataOptions;
import io.hopfieldstream.producer.dataset.CifarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield experiment}: runs a sweep through the pipeline and writes its report.
 *
 * <p>Exit codes: 0 when every point succeeded, 1 when some failed (the report is written either way),
 * 2 for invalid settings.
 */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = {
                "Run a sweep of retrieval experiments through the pipeline (an embedded Kafka broker, or "
                        + "--bootstrap-servers) and write a report: a CSV of every point, PNG charts, sample grids and "
                        + "a Markdown summary.",
                "Without --sweep or --vary it runs the built-in default sweep (print it with --print-default-sweep). "
                        + "It uses every core while it runs."
        })
public final class ExperimentCommand implements Callable<Integer> {

    /** Class path resource of the default sweep. */
    public static final String DEFAULT_SWEEP = "/experiments/default-sweep.yaml";

    @Mixin
    DataOptions data;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ExperimentRunOptions run;

    @Option(names = "--sweep", paramLabel = "FILE",
            description = "Sweep file (YAML). Default: the built-in default sweep.")
    Path sweepFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "With --vary: a setting of the base point, for example --set memory=test:mixed:1000. "
                    + "Keys: memory, memorySize, memoryClass, memorySource, corruption, fill, beta, iterations, "
                    + "tolerance, normalization, maskAware, threshold, probes.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...",
            description = "Instead of a sweep file: a varied setting, for example --vary beta=8,32,128; give one or "
                    + "two (the second makes one line per value).")
    List<String> vary = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of probe selection and corruption (default: the sweep file's, else 1).")
    Long seed;

    @Option(names = "--sweep-id", paramLabel = "ID",
            description = "Identifier of this run, the prefix of its experiment ids (default: <sweep name>-<date>-<time>).")
    String sweepId;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Markdown report (default: <output>/report.md).")
    Path report;

    @Option(names = "--report-command", paramLabel = "TEXT",
            description = "Command quoted in the report as the way to regenerate it (default: this command line).")
    String reportCommand;

    @Option(names = "--dry-run",
            description = "Print the points the sweep expands to and exit without running anything.")
    boolean dryRun;

    @Option(names = "--print-default-sweep",
            description = "Print the built-in default sweep file and exit.")
    boolean printDefaultSweep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (printDefaultSweep) {
            spec.commandLine().getOut().print(defaultSweepText());
            spec.commandLine().getOut().flush();
            return 0;
        }
        SweepDefinition definition = definition();
        String id = sweepId != null ? sweepId : definition.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        SweepPlan plan;
        try {
            plan = SweepExpansion.expand(definition, id);
        } catch (SweepDefinitionException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
        if (dryRun) {
            printPlan(plan);
            return 0;
        }

        SweepOptions options = run.options(kafka);
        try {
            SweepRunner.check(plan, options);
        } catch (SweepDefinitionException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
        CifarReader reader = data.openReader();
        if (!run.verbose()) {
            LogLevels.quietServices();
        }
        SweepResult result;
        try (StopOnSignal stop = StopOnSignal.install()) {
            result = new SweepRunner(options, reader, System.out).run(plan);
        }

        Path reportFile = report != null ? report : run.output().resolve("report.md");
        ExperimentReport.write(result, reportFile, run.output(), reportCommand != null ? reportCommand : commandLine(),
                options.memoryTopic());
        System.out.println("Report: " + reportFile.toAbsolutePath());
        System.out.println("Points, charts, sample grids and manifest: " + run.output().toAbsolutePath());
        return result.failedPoints() == 0 ? 0 : 1;
    }

    /** Reads the sweep from --vary, --sweep or the built-in default, with --seed applied. */
    SweepDefinition definition() {
        try {
            if (!vary.isEmpty()) {
                if (sweepFile != null) {
                    throw new InvalidSettingException("Give either --sweep or --vary, not both");
                }
                return OptionSweep.build(set, vary, seed == null ? SweepParser.DEFAULT_SEED : seed);
            }
            if (!set.isEmpty()) {
                throw new InvalidSettingException("--set needs --vary; to change a sweep file's base point, edit the file");
            }
            SweepDefinition definition = sweepFile != null ? SweepParser.read(sweepFile)
                    : SweepParser.readResource(DEFAULT_SWEEP);
            return seed == null ? definition : new SweepDefinition(definition.name(), definition.title(),
                    definition.description(), seed, definition.base(), definition.series(), definition.replays(),
                    definition.source());
        } catch (SweepDefinitionException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    private void printPlan(SweepPlan plan) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Sweep %s: %d points, %d replays, %,d probes%n", plan.sweepId(),
                plan.points().size(), plan.replays().size(), plan.totalProbes());
        for (SweepPoint point : plan.executionOrder()) {
            out.printf(Locale.ROOT, "p%03d %s: %s%n", point.number(), point.experimentId(),
                    point.settings().canonical());
        }
        out.flush();
    }

    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int start = args.indexOf(spec.name()) + 1;
        StringBuilder line = new StringBuilder("./hopfield experiment");
        for (String arg : args.subList(start, args.size())) {
            line.append(' ').append(arg.matches("[A-Za-z0-9_./:=,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    private static String defaultSweepText() {
        try (InputStream input = ExperimentCommand.class.getResourceAsStream(DEFAULT_SWEEP)) {
            if (input == null) {
                throw new IllegalStateException("The default sweep " + DEFAULT_SWEEP + " is missing from the class path");
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the default sweep", e);
        }
    }
}
