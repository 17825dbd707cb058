package io.hopfieldstream.launcher.commands;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.options.SettingChecks;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.LogLevels;
import io.hopfieldstream.launcher.options.Converters;
import io.hopfieldstream.launcher.options.DataOptions;
import io.hopfieldstream.launcher.options.MemoryBankOptions;
import io.hopfieldstream.launcher.stress.LoadProfile;
import io.hopfieldstream.launcher.stress.RateSpec;
import io.hopfieldstream.launcher.stress.StressRun;
import io.hopfieldstream.launcher.stress.StressSettings;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.schemas.config.KafkaProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hopfield stress}: drives the pipeline at an offered rate and measures what it sustains. */
@Command(
        name = "stress",
        mixinStandardHelpOptions = true,
        description = {
                "Drive the pipeline at an offered probe rate and measure what it sustains: an embedded Kafka broker "
                        + "(or --bootstrap-servers), the memory bank, retriever instances in this process (or "
                        + "elsewhere with --retrievers 0) and a read_committed reader that times every reconstruction.",
                "Before the load, the retrieval kernel runs alone on the same settings for --kernel-time; rates may "
                        + "be given as multiples of its rate, for example --rate 1.2x. A fixed run offers --rate for "
                        + "--duration after --warmup; --ramp steps the rate up until the pipeline no longer keeps up, "
                        + "then holds a fraction of the highest sustainable rate.",
                "Prints a line every --report-interval and a summary, and writes stress.json and stress.png to "
                        + "--output. End-to-end latency runs from the probe's creation to the moment this command's "
                        + "read_committed consumer reads its reconstruction."
        })
public final class StressCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StressCommand.class);
    private static final Pattern EXPERIMENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(60);

    /** Options that only a ramp reads. */
    private static final List<String> RAMP_OPTIONS = List.of("--ramp-start", "--ramp-step", "--ramp-max",
            "--step-duration", "--max-p99", "--hold-fraction");

    @Mixin
    MemoryBankOptions memory;

    @Mixin
    DataOptions data;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--producer-only",
            description = "Only publish probes and measure the producer: no retrievers, no kernel measurement, "
                    + "no reconstructions. The rate defaults to max.")
    boolean producerOnly;

    @Option(names = "--corrupt-each-probe",
            description = "Corrupt every probe as it is sent, as hopfield produce probes does. By default one pass "
                    + "over the images is corrupted per corruption before the load starts and the publishers "
                    + "send those probes again under new ids, so making noise takes no CPU from the pipeline.")
    boolean corruptEachProbe;

    @Option(names = "--rate", paramLabel = "RATE", converter = RateConverter.class,
            description = "Offered probes per second of a fixed run: a number, a multiple of the measured kernel "
                    + "rate such as 1.2x, or max (default: 0.7x, or max with --producer-only).")
    RateSpec rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s",
            converter = Converters.DurationConverter.class,
            description = "Length of the measured phase of a fixed run, or of the hold phase after a ramp "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Time at the fixed rate before the measured phase, left out of the measured figures; "
                    + "0 for none (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--ramp",
            description = "Find the highest sustainable rate: step the rate up from --ramp-start by --ramp-step to "
                    + "--ramp-max, stopping at the first step that does not keep up.")
    boolean ramp;

    @Option(names = "--ramp-start", paramLabel = "RATE", defaultValue = "0.5x", converter = RateConverter.class,
            description = "Rate of the ramp's first step (default: ${DEFAULT-VALUE}).")
    RateSpec rampStart;

    @Option(names = "--ramp-step", paramLabel = "RATE", defaultValue = "0.1x", converter = RateConverter.class,
            description = "Rate added per ramp step (default: ${DEFAULT-VALUE}).")
    RateSpec rampStep;

    @Option(names = "--ramp-max", paramLabel = "RATE", defaultValue = "2x", converter = RateConverter.class,
            description = "Highest rate the ramp tries (default: ${DEFAULT-VALUE}).")
    RateSpec rampMax;

    @Option(names = "--step-duration", paramLabel = "DURATION", defaultValue = "20s",
            converter = Converters.DurationConverter.class,
            description = "Length of each ramp step, at least 2 s; the verdict uses its second half "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration stepDuration;

    @Option(names = "--max-p99", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Latency bound of a sustainable ramp step: p99 of the reconstructions read in its second "
                    + "half (default: " + LoadProfile.Ramp.DEFAULT_MAX_P99_BATCHES + " kernel batch times but at least 1 s,"
                    + " or 5 s without a kernel measurement).")
    Duration maxP99;

    @Option(names = "--hold-fraction", paramLabel = "FRACTION", defaultValue = "0.7",
            description = "After the ramp, offer this fraction of the highest sustainable rate for --duration and "
                    + "report its latency, 0..1; 0 skips the hold phase (default: ${DEFAULT-VALUE}).")
    double holdFraction;

    @Option(names = "--corruption", paramLabel = "SPEC", converter = Converters.CorruptionConverter.class,
            description = "A corruption of the mix; repeat for several, each with an equal share of the rate, "
                    + "for example --corruption gaussian:25 --corruption lower-half (default: gaussian:25).")
    List<CorruptionSpec> corruptions = List.of();

    @Option(names = "--experiment-seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the corruptions and of the probe order (default: ${DEFAULT-VALUE}).")
    long experimentSeed;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "" + RetrieverSettings.DEFAULT_BATCH_SIZE,
            description = "Most probes a retriever retrieves together, 1.." + RetrieverSettings.MAX_BATCH_SIZE
                    + " (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "50",
            description = "Maximum wait in milliseconds of a retriever for a partial batch, 0..60000 "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "" + RetrievalSettings.DEFAULT_BETA,
            description = "Inverse temperature of the retrieval softmax, > 0 (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions of the probe and reconstruction topics when this command creates them "
                    + "(default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--retrievers", paramLabel = "N", defaultValue = "1",
            description = "Retriever instances in this process, in one consumer group, each with its own backend;"
                    + " 0 when the retrievers run elsewhere (default: ${DEFAULT-VALUE}).")
    int retrievers;

    @Option(names = "--retriever-group", paramLabel = "GROUP",
            description = "Consumer group of the retrievers, whose lag is reported (default: hopfield-stress-<date>-"
                    + "<time> for the retrievers of this process, " + RetrieverSettings.DEFAULT_GROUP_ID
                    + " with --retrievers 0).")
    String retrieverGroup;

    @Option(names = "--kernel-time", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Time the retrieval kernel runs alone on the same settings before the load; 0 skips the "
                    + "measurement (default: ${DEFAULT-VALUE}).")
    Duration kernelTime;

    @Option(names = "--report-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "Time between two live lines, 1s..1h (default: ${DEFAULT-VALUE}).")
    Duration reportInterval;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = Converters.DurationConverter.class,
            description = "Maximum wait after the last probe, and before a hold phase, for the probes still in "
                    + "flight (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--experiment", paramLabel = "ID",
            description = "Experiment id on every probe. Letters, digits, '.', '_', '-' (default: "
                    + "stress-<date>-<time>).")
    String experimentId;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Folder for stress.json and stress.png (default: runs/stress-<date>-<time>).")
    Path output;

    @Option(names = "--verbose",
            description = "Show the services' own log lines (start, settings, progress) on standard error.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        StressSettings settings = settings();
        Map<String, String> environment = System.getenv();
        KafkaProperties kafkaProperties = kafka.resolve(Map.of(), environment);
        Optional<String> external = kafka.explicitBootstrapServers(environment);
        if (settings.retrievers() == 0 && !settings.producerOnly() && external.isEmpty()) {
            throw new InvalidSettingException("Invalid --retrievers 0 without --bootstrap-servers: retrievers outside"
                    + " this process cannot reach the embedded broker; give the cluster they read from, or start at"
                    + " least one retriever here");
        }
        if (!verbose) {
            LogLevels.quietServices();
        }

        List<CifarImage> bank = memory.select(data.openReader());
        List<ProbeTarget> targets = ProbeTarget.shuffled(ProbeTarget.stored(bank), experimentSeed);
        log.info("Stress run {} on a memory bank of {} ({} images)", settings.experimentId(), memory.describe(),
                bank.size());

        StressRun run = new StressRun(settings, bank, targets, kafkaProperties.asMap(), external, Nd4jCpuBackend::new,
                System.out);
        Thread abortOnSignal = new Thread(() -> abort(run), "stress-shutdown");
        Runtime.getRuntime().addShutdownHook(abortOnSignal);
        try {
            run.run();
        } finally {
            removeHook(abortOnSignal);
        }
        return 0;
    }

    /** Checks every option and returns the run's settings. */
    StressSettings settings() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String experiment = experimentId != null ? experimentId : "stress-" + stamp;
        if (!EXPERIMENT_ID.matcher(experiment).matches()) {
            throw new InvalidSettingException("Invalid --experiment '" + experiment
                    + "': expected 1 to 100 letters, digits, '.', '_' or '-'");
        }
        List<CorruptionSpec> specs = corruptions.isEmpty() ? List.of(CorruptionSpec.parse("gaussian:25")) : corruptions;
        RetrievalSettings retrieval = checkRetrieval();
        checkRange("--partitions", partitions, 1, 10_000);
        checkRange("--retrievers", retrievers, 0, 64);
        SettingChecks.checkDuration("--report-interval", reportInterval, Duration.ofSeconds(1), Duration.ofHours(1));
        SettingChecks.checkDuration("--drain-timeout", drainTimeout, Duration.ZERO, Duration.ofHours(1));
        SettingChecks.checkDuration("--kernel-time", kernelTime, Duration.ZERO, Duration.ofHours(1));
        SettingChecks.checkDuration("--warmup", warmup, Duration.ZERO, Duration.ofDays(1));
        Duration minimumDuration = ramp ? Duration.ZERO : Duration.ofSeconds(1);
        SettingChecks.checkDuration("--duration", duration, minimumDuration, Duration.ofDays(1));
        if (maxWaitMs < 0 || maxWaitMs > RetrieverSettings.MAX_MAX_BATCH_WAIT.toMillis()) {
            throw new InvalidSettingException("Invalid --max-wait-ms " + maxWaitMs + ": expected 0.."
                    + RetrieverSettings.MAX_MAX_BATCH_WAIT.toMillis());
        }

        LoadProfile load = load();
        boolean kernelMeasured = !producerOnly && !kernelTime.isZero();
        if (!kernelMeasured && usesKernelRate(load)) {
            throw new InvalidSettingException("A rate given as a multiple of the kernel rate (such as 1.2x) needs the"
                    + " kernel measurement: give an absolute rate"
                    + (producerOnly ? " with --producer-only" : ", or a --kernel-time above 0"));
        }

        String group = retrieverGroup != null ? retrieverGroup
                : retrievers == 0 ? RetrieverSettings.DEFAULT_GROUP_ID : "hopfield-stress-" + stamp;
        Path outputDirectory = output != null ? output : Path.of("runs", "stress-" + stamp);
        try {
            return new StressSettings(experiment, specs, experimentSeed, retrieval, batchSize,
                    Duration.ofMillis(maxWaitMs), partitions, retrievers, group, producerOnly, load, kernelTime,
                    reportInterval, drainTimeout, outputDirectory, corruptEachProbe);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    private LoadProfile load() {
        if (!ramp) {
            for (String option : RAMP_OPTIONS) {
                if (given(option)) {
                    throw new InvalidSettingException("Invalid " + option + " without --ramp: it sets the ramp;"
                            + " add --ramp, or leave it out for a run at a fixed --rate");
                }
            }
        }
        if (producerOnly && given("--retrievers")) {
            throw new InvalidSettingException("Invalid --retrievers with --producer-only: a producer-only run starts"
                    + " no retrievers");
        }
        if (ramp && producerOnly) {
            throw new InvalidSettingException("Invalid --ramp with --producer-only: a ramp judges each step by its"
                    + " reconstructions; give a --rate instead");
        }
        if (ramp && rate != null) {
            throw new InvalidSettingException("Invalid --rate with --ramp: the ramp sets the rates; use --ramp-start,"
                    + " --ramp-step and --ramp-max");
        }
        if (ramp && stepDuration.compareTo(reportInterval) < 0) {
            throw new InvalidSettingException("Invalid --step-duration " + stepDuration.toMillis() + " ms with"
                    + " --report-interval " + reportInterval.toMillis() + " ms: a ramp step shorter than the report"
                    + " interval can pass without a live line or a point in the chart; lengthen the step or shorten"
                    + " the interval");
        }
        try {
            if (ramp) {
                return new LoadProfile(null, Duration.ZERO, duration,
                        new LoadProfile.Ramp(rampStart, rampStep, rampMax, stepDuration, maxP99, holdFraction));
            }
            RateSpec offered = rate != null ? rate : producerOnly ? RateSpec.UNLIMITED : RateSpec.parse("0.7x");
            return new LoadProfile(offered, warmup, duration, null);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage().replaceFirst("^Invalid ramp step duration",
                    "Invalid --step-duration"), e);
        }
    }

    /** Returns whether the command line named the option; false when the command was built without picocli. */
    private boolean given(String option) {
        return spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static boolean usesKernelRate(LoadProfile load) {
        if (load.isRamp()) {
            return load.ramp().start().relative() || load.ramp().step().relative() || load.ramp().max().relative();
        }
        return load.rate().relative();
    }

    /** Lets the retriever's own checks judge --beta and --batch-size, with the option names in the message. */
    private RetrievalSettings checkRetrieval() {
        RetrievalSettings retrieval = RetrievalSettings.defaults().withBeta(beta);
        try {
            RetrieverSettings.builder().retrieval(retrieval).batchSize(batchSize).instanceId("stress").build();
        } catch (IllegalArgumentException e) {
            throw SettingChecks.asOptionError(e);
        }
        return retrieval;
    }

    private static void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSettingException("Invalid " + option + " " + value + ": expected " + min + ".." + max);
        }
    }

    private static void abort(StressRun run) {
        try {
            if (!run.abort(ABORT_TIMEOUT)) {
                log.warn("The stress run did not stop within {} s; exiting anyway", ABORT_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    /** Parses a rate: probes per second, a multiple of the kernel rate such as 1.2x, or max. */
    static final class RateConverter implements CommandLine.ITypeConverter<RateSpec> {
        @Override
        public RateSpec convert(String value) {
            try {
                return RateSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
