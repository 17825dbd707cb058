package io.hopfieldstream.launcher.demo;

import io.hopfieldstream.broker.EmbeddedKafkaBroker;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.evaluator.service.EvaluatorSettings;
import io.hopfieldstream.launcher.options.BackendFactories;
import io.hopfieldstream.launcher.options.TopicOptions;
import io.hopfieldstream.launcher.probes.ProbeCampaign;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.producer.publish.MemoryBankPublisher;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.producer.publish.TopicSetup;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the demo: the whole pipeline in this JVM on real CIFAR-10 images. It starts an
 * embedded Kafka broker (unless an external one is given), creates the topics, publishes the
 * memory bank, and starts the evaluator and the retriever. Then it streams probes under several
 * corruptions and prints a live line every few seconds. Once every probe has its reconstruction
 * and every corruption its final metrics, it prints a summary table and writes a picture of
 * sample triplets. Everything it started is stopped at the end, on failure and on {@link #abort}.
 */
public final class DemoRun {

    /** Maximum wait for the evaluator's Kafka Streams application to run with its state restored. */
    static final Duration EVALUATOR_READY_TIMEOUT = Duration.ofSeconds(60);

    /** Maximum time each component may take to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    /** Partitions of the probe and reconstruction topics that the demo creates. */
    static final int PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);

    private final DemoSettings settings;
    private final CifarReader reader;
    private final KafkaProperties kafka;
    private final Optional<String> externalBootstrapServers;
    private final PrintStream out;

    private final Deque<Stoppable> started = new ArrayDeque<>();
    private long startNanos;
    private final CountDownLatch aborted = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile ProbeCampaign campaign;

    /**
     * @param settings what to run
     * @param reader the CIFAR-10 data
     * @param kafka Kafka client properties for every client of the run
     * @param externalBootstrapServers the broker to use, or empty to start an embedded one
     * @param out where the live lines, the summary and the picture's path are printed
     */
    public DemoRun(DemoSettings settings, CifarReader reader, KafkaProperties kafka,
            Optional<String> externalBootstrapServers, PrintStream out) {
        this.settings = settings;
        this.reader = reader;
        this.kafka = kafka;
        this.externalBootstrapServers = externalBootstrapServers;
        this.out = out;
    }

    /**
     * Runs the demo and stops everything it started before returning.
     *
     * @throws DemoFailedException when a component fails or the results do not arrive in time
     * @throws InterruptedException when {@link #abort()} is called or the thread is interrupted
     */
    public DemoResult run() throws InterruptedException {
        startNanos = System.nanoTime();
        try {
            return runSteps();
        } finally {
            long stopNanos = System.nanoTime();
            stopAll();
            status(String.format(Locale.ROOT, "Stopped the pipeline in %.1f s", (System.nanoTime() - stopNanos) / 1e9));
            finished.countDown();
        }
    }

    /**
     * Stops the run from another thread, for example a shutdown hook on Ctrl-C, and waits until
     * everything it started has stopped or the timeout passed.
     *
     * @return whether the run finished its shutdown within the timeout
     */
    public boolean abort(Duration timeout) throws InterruptedException {
        aborted.countDown();
        ProbeCampaign running = campaign;
        if (running != null) {
            running.requestStop();
        }
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private DemoResult runSteps() throws InterruptedException {
        RetrievalBackendFactory backendFactory = BackendFactories.forChoice(settings.backend());
        List<CifarImage> bank = readMemoryBank();
        Map<String, Object> clientProperties = connect();
        createTopics(clientProperties);
        publishMemoryBank(clientProperties, bank);
        checkAborted();

        PipelineWatcher watcher = new PipelineWatcher(clientProperties, settings.experimentId(), originals(bank),
                settings.samplesPerCorruption());
        watcher.start();
        started.push(new Stoppable("watcher", watcher::close));

        EvaluatorService evaluator = startEvaluator(clientProperties);
        RetrieverService retriever = startRetriever(clientProperties, backendFactory);
        awaitEvaluator(evaluator);
        checkAborted();

        LivePrinter printer = new LivePrinter(watcher, settings.probes());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-live-line");
            thread.setDaemon(true);
            return thread;
        });
        started.push(new Stoppable("live line", ticker::shutdownNow));
        long intervalMillis = settings.progressInterval().toMillis();
        ticker.scheduleAtFixedRate(printer::print, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);

        long sent = publishProbes(clientProperties, bank);
        awaitResults(watcher, retriever, evaluator, sent);
        ticker.shutdownNow();
        printer.print();

        PipelineWatcher.Progress progress = watcher.progress();
        Path picture = settings.outputDirectory().resolve("triplets.png");
        new TripletGrid(settings.imageScale(), settings.samplesPerCorruption()).write(inSettingsOrder(watcher.triplets()),
                picture);
        Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);

        out.println();
        out.println("Summary of experiment " + settings.experimentId() + ", run " + retriever.runId() + " ("
                + progress.reconstructions() + " reconstructions of " + sent + " probes, memory of "
                + bank.size() + " images, beta " + settings.beta() + "):");
        out.print(DemoReport.summaryTable(progress.cumulative()));
        if (progress.deadLetters() > 0) {
            out.println(progress.deadLetters() + " records went to " + Topics.IMAGES_DEAD_LETTER + ".");
        }
        out.println("Sample triplets (original, probe, reconstruction): " + picture.toAbsolutePath());
        out.printf(Locale.ROOT, "Finished in %.1f s.%n", wallTime.toMillis() / 1000.0);
        return new DemoResult(settings.experimentId(), retriever.runId(), sent, progress, picture, wallTime);
    }

    private List<CifarImage> readMemoryBank() {
        status("Reading the first " + settings.memorySize() + " CIFAR-10 test images from "
                + reader.source().path());
        return reader.read(CifarSelection.range(CifarSplit.TEST, 0, settings.memorySize()));
    }

    /** Starts the embedded broker unless an external one is given, and returns the client properties. */
    private Map<String, Object> connect() throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(kafka.asMap());
        if (externalBootstrapServers.isPresent()) {
            TopicOptions.requireReachable(properties, TopicOptions.REACHABLE_TIMEOUT);
            status("Using the Kafka broker at " + externalBootstrapServers.get());
            return properties;
        }

        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build();
        started.push(new Stoppable("Kafka broker", broker::close));
        broker.start();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        status("Started an embedded Kafka broker at " + broker.bootstrapServers());
        return properties;
    }

    private void createTopics(Map<String, Object> clientProperties) {
        try (Admin admin = Admin.create(clientProperties)) {
            new TopicSetup(admin, Optional.empty(), Duration.ofSeconds(30))
                    .ensureTopics(TopicSetup.pipelineTopics(PARTITIONS));
        }
    }

    private void publishMemoryBank(Map<String, Object> clientProperties, List<CifarImage> bank) {
        try (MemoryBankPublisher publisher = new MemoryBankPublisher(clientProperties,
                MemoryBankPublisher.Settings.defaults())) {
            publisher.publish(bank);
        }
        status("Published a memory bank of " + bank.size() + " images to " + Topics.MEMORY_PATTERNS);
    }

    private EvaluatorService startEvaluator(Map<String, Object> clientProperties) {
        Path stateDirectory;
        try {
            stateDirectory = Files.createTempDirectory("hopfield-demo-evaluator-");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a state folder for the evaluator", e);
        }
        EvaluatorSettings evaluatorSettings = EvaluatorSettings.defaults(bootstrapServers(clientProperties))
                .withKafka(KafkaProperties.builder().defaults(clientProperties).build())
                .withApplicationId("hopfield-demo-evaluator-" + settings.experimentId())
                .withStateDir(stateDirectory)
                .withHttp(EvaluatorSettings.DEFAULT_HTTP_HOST, 0);

        EvaluatorService evaluator;
        try {
            evaluator = EvaluatorService.start(evaluatorSettings);
        } catch (IOException e) {
            deleteQuietly(stateDirectory);
            throw new UncheckedIOException("Failed to start the evaluator's HTTP server", e);
        }
        started.push(new Stoppable("evaluator", () -> {
            evaluator.close();
            deleteQuietly(stateDirectory);
        }));
        status("Started the evaluator; its metrics are served at http://" + EvaluatorSettings.DEFAULT_HTTP_HOST
                + ":" + evaluator.httpPort() + "/metrics/runs while the demo runs");
        return evaluator;
    }

    /**
     * Starts the retriever in replay mode for the demo's experiment from the current time, so on a
     * shared broker it skips the probes of other experiments and of earlier runs.
     */
    private RetrieverService startRetriever(Map<String, Object> clientProperties,
            RetrievalBackendFactory backendFactory) throws InterruptedException {
        RetrievalSettings retrieval = RetrievalSettings.defaults();
        retrieval = new RetrievalSettings(settings.beta(), retrieval.maxIterations(), retrieval.tolerance(),
                retrieval.normalization(), retrieval.maskAware(), retrieval.chunkSize());
        RetrieverSettings retrieverSettings = RetrieverSettings.builder()
                .retrieval(retrieval)
                .batchSize(settings.batchSize())
                .instanceId("demo")
                .replay(new RetrieverSettings.Replay(settings.experimentId(), Instant.now()))
                .shutdownTimeout(STOP_TIMEOUT)
                .build();

        RetrieverService retriever = new RetrieverService(retrieverSettings, clientProperties,
                backendFactory, new SimpleMeterRegistry());
        started.push(new Stoppable("retriever", retriever::close));
        retriever.start();
        status("Started the retriever (" + retriever.backendDescription() + ", beta " + settings.beta()
                + ", batches of up to " + settings.batchSize() + ")");
        return retriever;
    }

    private void awaitEvaluator(EvaluatorService evaluator) throws InterruptedException {
        if (!evaluator.awaitReady(EVALUATOR_READY_TIMEOUT)) {
            throw new DemoFailedException("The evaluator did not become ready within "
                    + EVALUATOR_READY_TIMEOUT.toSeconds() + " s (Kafka Streams state " + evaluator.state() + ")");
        }
    }

    private long publishProbes(Map<String, Object> clientProperties, List<CifarImage> bank)
            throws InterruptedException {
        List<ProbeTarget> targets = ProbeTarget.shuffled(ProbeTarget.stored(bank), settings.experimentSeed());
        ProbeCampaign.Plan plan = new ProbeCampaign.Plan(settings.experimentId(), settings.corruptions(),
                settings.experimentSeed(), settings.rate(), settings.probes(), null, 0L, Topics.IMAGES_CORRUPTED,
                Duration.ofSeconds(30));
        status(String.format(Locale.ROOT, "Streaming %d probes (%s) at %s", settings.probes(),
                String.join(", ", settings.corruptions().stream().map(Object::toString).toList()),
                settings.rate() > 0 ? String.format(Locale.ROOT, "%.0f probes/s", settings.rate()) : "full speed"));

        campaign = new ProbeCampaign(clientProperties, plan);
        if (aborted.getCount() == 0) {
            campaign.requestStop();
        }
        List<ProbeSummary> summaries = campaign.run(targets);
        checkAborted();
        return summaries.stream().mapToLong(ProbeSummary::probes).sum();
    }

    /** Waits until every probe sent has a reconstruction and every corruption's totals count them all. */
    private void awaitResults(PipelineWatcher watcher, RetrieverService retriever, EvaluatorService evaluator,
            long sent) throws InterruptedException {
        long deadline = System.nanoTime() + settings.resultTimeout().toNanos();
        while (true) {
            PipelineWatcher.Progress progress = watcher.progress();
            if (progress.reconstructions() >= sent && progress.metricsCaughtUp()) {
                return;
            }
            checkRunning(watcher, retriever, evaluator);
            if (System.nanoTime() - deadline > 0) {
                throw new DemoFailedException(String.format(Locale.ROOT,
                        "Timed out after %d s waiting for results: %d of %d probes reconstructed, final metrics for"
                                + " %d of %d corruptions", settings.resultTimeout().toSeconds(),
                        progress.reconstructions(), sent, progress.cumulative().size(),
                        progress.reconstructionsByCorruption().size()));
            }
            if (aborted.await(CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("The demo was stopped");
            }
        }
    }

    private static void checkRunning(PipelineWatcher watcher, RetrieverService retriever, EvaluatorService evaluator) {
        if (retriever.state() == RetrieverService.State.FAILED) {
            Throwable cause = retriever.failure().orElse(null);
            throw new DemoFailedException("The retriever failed: " + cause, cause);
        }
        if (!evaluator.state().isRunningOrRebalancing()) {
            throw new DemoFailedException("The evaluator stopped (Kafka Streams state " + evaluator.state() + ")");
        }
        if (watcher.failure() != null) {
            throw new DemoFailedException("Reading the pipeline's output failed: " + watcher.failure(),
                    watcher.failure());
        }
    }

    private void checkAborted() throws InterruptedException {
        if (aborted.getCount() == 0) {
            throw new InterruptedException("The demo was stopped");
        }
    }

    private static Map<String, byte[]> originals(List<CifarImage> bank) {
        Map<String, byte[]> originals = new HashMap<>();
        bank.forEach(image -> originals.put(image.patternId(), image.pixels()));
        return originals;
    }

    private static String bootstrapServers(Map<String, Object> clientProperties) {
        return String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Prints a status line prefixed with the time since the start, like the live lines. */
    private void status(String message) {
        out.println(String.format(Locale.ROOT, "[%5.1f s] ", elapsedSeconds()) + message);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Orders the triplets by the position of their corruption in the settings, so rows follow the options. */
    private List<Triplet> inSettingsOrder(List<Triplet> triplets) {
        List<String> specs = settings.corruptions().stream().map(CorruptionSpec::spec).toList();
        List<Triplet> ordered = new ArrayList<>(triplets);
        ordered.sort(Comparator.comparingInt(triplet -> {
            int index = specs.indexOf(triplet.corruption());
            return index < 0 ? specs.size() : index;
        }));
        return ordered;
    }

    /** Stops what was started, newest first; a component that fails to stop is logged and skipped. */
    private void stopAll() {
        while (!started.isEmpty()) {
            Stoppable component = started.pop();
            long startNanos = System.nanoTime();
            try {
                component.action().run();
                log.debug("Stopped the {} in {} ms", component.name(), (System.nanoTime() - startNanos) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("Failed to stop the {}: {}", component.name(), e.toString());
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Failed to delete the evaluator's state folder {}: {}", folder, e.toString());
        }
    }

    /** A started component and how to stop it. */
    private record Stoppable(String name, Runnable action) {
    }

    /** Prints the live line: counts, the reconstruction rate since the last line, rolling metrics. */
    private final class LivePrinter {

        private final PipelineWatcher watcher;
        private final long planned;
        private long lastNanos;
        private long lastReconstructions;

        LivePrinter(PipelineWatcher watcher, long planned) {
            this.watcher = watcher;
            this.planned = planned;
            this.lastNanos = System.nanoTime();
        }

        synchronized void print() {
            PipelineWatcher.Progress progress = watcher.progress();
            long now = System.nanoTime();
            double seconds = (now - lastNanos) / 1e9;
            double rate = seconds > 0 ? (progress.reconstructions() - lastReconstructions) / seconds : 0.0;
            lastNanos = now;
            lastReconstructions = progress.reconstructions();
            out.println(DemoReport.liveLine(elapsedSeconds(), progress.probes(), planned,
                    progress.reconstructions(), rate, progress.rolling()));
        }
    }
}
