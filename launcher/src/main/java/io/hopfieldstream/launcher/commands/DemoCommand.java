package io.hopfieldstream.launcher.commands;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.options.SettingChecks;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.LogLevels;
import io.hopfieldstream.launcher.demo.DemoRun;
import io.hopfieldstream.launcher.demo.DemoSettings;
import io.hopfieldstream.launcher.options.Converters;
import io.hopfieldstream.launcher.options.DataOptions;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.retriever.cuda.BackendChoice;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hopfield demo}: the whole pipeline in one process on real CIFAR-10 images. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Run the whole pipeline in this process: an embedded Kafka broker (or --bootstrap-servers), the memory "
                        + "bank, probes under several corruptions, the retriever and the evaluator.",
                "Prints a live line every few seconds, then a summary table per corruption, and writes a PNG of sample "
                        + "triplets (original, probe, reconstruction)."
        })
public final class DemoCommand implements Callable<Integer> {

    /** Corruptions of the default run: two noise levels and two masks. */
    public static final List<String> DEFAULT_CORRUPTIONS =
            List.of("gaussian:25", "gaussian:75", "lower-half", "centre-rectangle:0.25");

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);
    private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(30);

    /** Exit code of a run stopped by a signal, as shells report SIGINT (128 + 2). */
    private static final int INTERRUPTED_EXIT_CODE = 130;

    @Mixin
    DataOptions data;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--memory-size", paramLabel = "N", defaultValue = "1000",
            description = "Stored images: the first N CIFAR-10 test images, 1..10000 (default: ${DEFAULT-VALUE}).")
    int memorySize;

    @Option(names = "--probes", paramLabel = "N", defaultValue = "2000",
            description = "Total probes, split evenly between the corruptions, at least one per corruption "
                    + "(default: ${DEFAULT-VALUE}).")
    long probes;

    @Option(names = "--rate", paramLabel = "PROBES_PER_S", defaultValue = "200",
            description = "Total probes per second, >= 0, where 0 sends as fast as the producer can "
                    + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--corruption", paramLabel = "SPEC", converter = Converters.CorruptionConverter.class,
            description = "A corruption to probe with; repeat for several, for example --corruption gaussian:50 "
                    + "--corruption dropout:0.5 (default: gaussian:25, gaussian:75, lower-half, centre-rectangle:0.25).")
    List<CorruptionSpec> corruptions = List.of();

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "" + RetrievalSettings.DEFAULT_BETA,
            description = "Inverse temperature of the retrieval softmax, > 0 (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + RetrieverSettings.DEFAULT_BATCH_SIZE,
            description = "Most probes the retriever retrieves together, 1.." + RetrieverSettings.MAX_BATCH_SIZE
                    + " (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "cpu",
            converter = RetrieveCommand.BackendConverter.class,
            description = "Retrieval backend: cpu (ND4J), nd4j-cuda (ND4J's CUDA 11.6 build, GPUs up to Ada), cuda "
                    + "(JavaCPP's CUDA presets, Hopper and newer), or auto (default: ${DEFAULT-VALUE}).")
    BackendChoice backend;

    @Option(names = "--experiment-seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the corruptions and of the probe order (default: ${DEFAULT-VALUE}).")
    long experimentSeed;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "3s",
            converter = Converters.DurationConverter.class,
            description = "Time between two live lines, 100ms..1h (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s",
            converter = Converters.DurationConverter.class,
            description = "Maximum wait after the last probe for every reconstruction and its metrics, 1s..24h "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration resultTimeout;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "4",
            description = "Sample triplets per corruption in the picture, 1..20 (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--image-scale", paramLabel = "FACTOR", defaultValue = "3",
            description = "Scale of the 32 x 32 images in the picture, 1..16 (default: ${DEFAULT-VALUE}).")
    int imageScale;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Folder for the picture (default: runs/demo-<date>-<time>).")
    Path output;

    @Option(names = "--verbose",
            description = "Show the services' own log lines (start, settings, progress) on standard error.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        // The hook goes in first, so a signal while the data is read still prints the interrupted line.
        AtomicReference<DemoRun> started = new AtomicReference<>();
        AtomicBoolean signalled = new AtomicBoolean();
        Thread abortOnSignal = new Thread(() -> {
            signalled.set(true);
            abort(started.get());
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(abortOnSignal);
        try {
            DemoSettings settings = settings();
            Map<String, String> environment = System.getenv();
            KafkaProperties kafkaProperties = kafka.resolve(Map.of(), environment);
            Optional<String> external = kafka.explicitBootstrapServers(environment);
            CifarReader reader = data.openReader();
            if (!verbose) {
                LogLevels.quietServices();
            }
            DemoRun run = new DemoRun(settings, reader, kafkaProperties, external, System.out);
            started.set(run);
            run.run();
        } catch (InterruptedException | RuntimeException | Error e) {
            if (signalled.get()) {
                // The hook prints the line: the JVM may halt before this thread reaches the error handler.
                // During shutdown a library's first use can also fail, for example Log4j adding its own hook.
                return INTERRUPTED_EXIT_CODE;
            }
            throw e;
        } finally {
            removeHook(abortOnSignal);
        }
        return 0;
    }

    /** Checks every option and returns the demo's settings. */
    DemoSettings settings() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<CorruptionSpec> specs = corruptions.isEmpty()
                ? DEFAULT_CORRUPTIONS.stream().map(CorruptionSpec::parse).toList()
                : corruptions;

        if (memorySize < 1 || memorySize > CifarSplit.TEST.size()) {
            throw new InvalidSettingException("Invalid --memory-size " + memorySize + ": expected 1.."
                    + CifarSplit.TEST.size() + " (the demo stores CIFAR-10 test images)");
        }
        if (probes < specs.size()) {
            throw new InvalidSettingException("Invalid --probes " + probes + ": expected at least one probe per"
                    + " corruption (" + specs.size() + ")");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new InvalidSettingException("Invalid --rate " + rate + ": expected probes per second >= 0"
                    + " (0 for unlimited)");
        }
        checkRetrieval();
        SettingChecks.checkDuration("--progress-interval", progressInterval,
                Duration.ofMillis(100), Duration.ofHours(1));
        SettingChecks.checkDuration("--timeout", resultTimeout, Duration.ofSeconds(1), Duration.ofHours(24));
        if (samples < 1 || samples > 20) {
            throw new InvalidSettingException("Invalid --samples " + samples + ": expected 1..20");
        }
        if (imageScale < 1 || imageScale > 16) {
            throw new InvalidSettingException("Invalid --image-scale " + imageScale + ": expected 1..16");
        }

        Path outputDirectory = output != null ? output : Path.of("runs", "demo-" + stamp);
        return new DemoSettings("demo-" + stamp, memorySize, probes, rate, specs, beta, batchSize, backend, experimentSeed,
                progressInterval, resultTimeout, samples, imageScale, outputDirectory);
    }

    /** Lets the retriever's own checks judge --beta and --batch-size, with the option names in the message. */
    private void checkRetrieval() {
        RetrievalSettings defaults = RetrievalSettings.defaults();
        RetrievalSettings retrieval = new RetrievalSettings(beta, defaults.maxIterations(), defaults.tolerance(),
                defaults.normalization(), defaults.maskAware(), defaults.chunkSize());
        try {
            RetrieverSettings.builder().retrieval(retrieval).batchSize(batchSize).instanceId("demo").build();
        } catch (IllegalArgumentException e) {
            throw SettingChecks.asOptionError(e);
        }
    }

    /**
     * Stops the run on a signal, when it has started, and prints the line the error handler would print
     * for an interrupted run.
     */
    private static void abort(DemoRun run) {
        try {
            if (run != null && !run.abort(ABORT_TIMEOUT)) {
                log.warn("The demo did not stop within {} s; exiting anyway", ABORT_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("hopfield demo: interrupted.");
        System.err.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }
}
