package io.hopfieldstream.launcher.experiment;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.LogLevels;
import io.hopfieldstream.launcher.experiment.report.ExperimentManifest;
import io.hopfieldstream.launcher.experiment.report.ReplayReport;
import io.hopfieldstream.launcher.experiment.run.PipelineSession;
import io.hopfieldstream.launcher.experiment.run.ReplayRequest;
import io.hopfieldstream.launcher.experiment.run.ReplayResult;
import io.hopfieldstream.launcher.experiment.run.ReplayRunner;
import io.hopfieldstream.launcher.experiment.run.SweepOptions;
import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.options.DataOptions;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.retriever.retrieval.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield replay}: retrieves the recorded probes of an experiment again with other retrieval
 * settings, each set under a new run id, and compares the runs.
 *
 * <p>The experiment's memory and threshold come from the manifest of the sweep that recorded it, or from
 * {@code --memory} and {@code --threshold}. Runs are every combination of the listed retrieval settings;
 * an unlisted setting keeps its recorded value. Exit codes: 0 when every run finished, 1 when one failed,
 * 2 for invalid settings.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
                "Retrieve the probes recorded in images.corrupted for one experiment again with other retrieval "
                        + "settings, without producing new probes; each combination of settings runs under a new run "
                        + "id, and the evaluator scores the runs apart.",
                "Prints and writes a comparison of every run of the experiment (replay-<experiment>.md and .csv)."
        })
public final class ReplayCommand implements Callable<Integer> {

    /** Most runs one replay may ask for. */
    static final int MAX_RUNS = 64;

    @Mixin
    DataOptions data;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ExperimentRunOptions run;

    @Option(names = "--experiment", paramLabel = "ID", required = true,
            description = "Experiment whose recorded probes are replayed, as listed in a sweep's points.csv.")
    String experimentId;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Manifest of the sweep that recorded the experiment (default: <output>/manifest.json).")
    Path manifest;

    @Option(names = "--memory", paramLabel = "SPEC",
            description = "Memory of the experiment as SOURCE:CLASSES:SIZE, for example test:mixed:1000; needed only "
                    + "when no manifest lists the experiment.")
    String memory;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Similarity threshold of a correct reconstruction, -1..1 (default: the recorded one, else "
                    + "0.95).")
    Double threshold;

    @Option(names = "--beta", paramLabel = "BETA[,BETA...]", split = ",",
            description = "Inverse temperatures to replay with (default: the recorded one).")
    List<Double> betas = new ArrayList<>();

    @Option(names = "--iterations", paramLabel = "N[,N...]", split = ",",
            description = "Most update steps per probe, 1..1000 (default: the recorded value).")
    List<Integer> iterations = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Largest change of an attention weight at which iteration stops (default: the recorded one).")
    Double tolerance;

    @Option(names = "--normalization", paramLabel = "MODE[,MODE...]", split = ",",
            description = "Preparation of patterns and probes: none, center, unit or center-unit (default: the "
                    + "recorded one).")
    List<String> normalizations = new ArrayList<>();

    @Option(names = "--mask-aware", paramLabel = "true|false[,...]", split = ",", arity = "1",
            description = "Whether masked probes are scored on their known pixels only (default: the recorded value).")
    List<Boolean> maskAware = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ExperimentManifest.Entry recorded = recordedEntry();
        List<PointSettings> runs = runs(recorded.settings());
        SweepOptions options = run.options(kafka);
        if (options.externalServices()) {
            throw new InvalidSettingException("--external-services does not apply to a replay, which runs its own "
                    + "retriever and evaluator");
        }
        CifarReader reader = data.openReader();
        if (!run.verbose()) {
            LogLevels.quietServices();
        }

        String sessionId = "replay-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss",
                Locale.ROOT));
        ReplayResult result;
        try (StopOnSignal stop = StopOnSignal.install();
                PipelineSession session = PipelineSession.open(options, reader, sessionId)) {
            System.out.println("Replaying experiment " + experimentId + " with " + runs.size() + " run"
                    + (runs.size() == 1 ? "" : "s") + " on " + session.connection().bootstrapServers());
            result = new ReplayRunner(session).replay(new ReplayRequest(experimentId, recorded.settings(),
                    recorded.runId(), recorded.probeDigest(), runs));
        }

        Path markdown = ReplayReport.write(result, run.output());
        System.out.println();
        System.out.println(ReplayReport.summary(result));
        System.out.println();
        System.out.print(ReplayReport.tableText(result));
        System.out.println();
        System.out.println("Comparison: " + markdown.toAbsolutePath());
        boolean failed = result.runs().stream().anyMatch(comparison -> comparison.failure() != null);
        return failed || Boolean.FALSE.equals(result.digestMatches()) ? 1 : 0;
    }

    /** Returns the recorded settings from the manifest, or from --memory when no manifest lists the experiment. */
    ExperimentManifest.Entry recordedEntry() {
        Path file = manifest != null ? manifest : run.output().resolve(ExperimentManifest.FILE);
        ExperimentManifest.Entry entry = null;
        if (Files.isRegularFile(file)) {
            try {
                entry = ExperimentManifest.read(file).find(experimentId).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(e.getMessage(), e);
            }
        } else if (manifest != null) {
            throw new InvalidSettingException("Manifest " + file + " not found");
        }

        if (entry == null && memory == null) {
            throw new InvalidSettingException("Experiment " + experimentId + " is not listed in " + file
                    + "; give --manifest of the sweep that recorded it, or --memory SOURCE:CLASSES:SIZE");
        }
        try {
            PointSettings settings = entry != null ? entry.settings() : PointSettings.defaults()
                    .withMemory(MemorySpec.parse(memory)).withProbes(1);
            if (memory != null) {
                settings = settings.withMemory(MemorySpec.parse(memory));
            }
            if (threshold != null) {
                settings = settings.withThreshold(threshold);
            }
            return new ExperimentManifest.Entry(experimentId, settings, entry == null ? null : entry.runId(),
                    entry == null ? null : entry.probeDigest());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    /** Returns every combination of the listed retrieval settings over the recorded ones. */
    List<PointSettings> runs(PointSettings recorded) {
        List<Double> betaValues = betas.isEmpty() ? List.of(recorded.beta()) : betas;
        List<Integer> iterationValues = iterations.isEmpty() ? List.of(recorded.iterations()) : iterations;
        List<Normalization> normalizationValues = new ArrayList<>();
        for (String name : normalizations) {
            try {
                normalizationValues.add(Normalization.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("Invalid --normalization '" + name
                        + "': expected none, center, unit or center-unit", e);
            }
        }
        if (normalizationValues.isEmpty()) {
            normalizationValues.add(recorded.normalization());
        }
        List<Boolean> maskValues = maskAware.isEmpty() ? List.of(recorded.maskAware()) : maskAware;

        List<PointSettings> runs = new ArrayList<>();
        try {
            for (double beta : betaValues) {
                for (int steps : iterationValues) {
                    for (Normalization normalization : normalizationValues) {
                        for (boolean aware : maskValues) {
                            PointSettings settings = recorded.withBeta(beta).withIterations(steps)
                                    .withNormalization(normalization).withMaskAware(aware);
                            runs.add(tolerance == null ? settings : settings.withTolerance(tolerance));
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
        if (runs.size() > MAX_RUNS) {
            throw new InvalidSettingException("The listed settings make " + runs.size() + " runs; at most " + MAX_RUNS
                    + " are allowed in one replay");
        }
        return runs;
    }
}
