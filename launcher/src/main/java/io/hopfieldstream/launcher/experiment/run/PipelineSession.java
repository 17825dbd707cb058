package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.stats.CorrelationStatistics;
import io.hopfieldstream.launcher.experiment.stats.MemoryStatistics;
import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components a sweep or replay keeps open while it runs: the cluster, the tail on the pipeline's output, the
 * memory bank switcher, the CIFAR-10 images, and (unless the services run elsewhere) the in-process
 * retriever and evaluator. Closing it stops all of them, newest first.
 */
public final class PipelineSession implements AutoCloseable {

    /** Folder beside the embedded broker's data folder where the in-process evaluators keep their state. */
    static final String EVALUATOR_STATE_FOLDER = "experiment-evaluator-state";

    private static final Logger log = LoggerFactory.getLogger(PipelineSession.class);

    private final SweepOptions options;
    private final String sessionId;
    private final ImageLibrary library;
    private final CorrelationStatistics statistics;
    private final Map<String, MemoryStatistics> statisticsByMemory = new HashMap<>();
    private final Map<String, String> fingerprintByMemory = new HashMap<>();
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    private PipelineConnection connection;
    private PipelineTail tail;
    private MemoryBankSwitcher switcher;
    private RetrieverHost retrievers;
    private EvaluatorHost evaluators;
    private RetrieverBarrier barrier;

    private PipelineSession(SweepOptions options, CifarReader reader, String sessionId) {
        this.options = options;
        this.sessionId = sessionId;
        this.library = new ImageLibrary(reader);
        this.statistics = options.statistics();
    }

    /**
     * Connects to the cluster (starting the embedded broker when none is named), creates the topics, opens the
     * tail and the bank switcher, and prepares the in-process services.
     *
     * @param sessionId unique id of this run, part of the consumer group and application ids
     */
    public static PipelineSession open(SweepOptions options, CifarReader reader, String sessionId) {
        PipelineSession session = new PipelineSession(options, reader, sessionId);
        try {
            session.connect();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private void connect() {
        TopicNames topics = options.topics();
        connection = PipelineConnection.open(options.kafkaProperties(), options.externalBootstrapServers(),
                options.kafkaDirectory(), topics, options.partitions());
        opened.push(connection);
        tail = PipelineTail.open(connection.clientProperties(), topics);
        opened.push(tail);
        switcher = MemoryBankSwitcher.open(connection.clientProperties(), topics.memory());
        opened.push(switcher);
        if (!options.externalServices()) {
            String prefix = "hopfield-experiment-" + sessionId;
            Path stateRoot = options.kafkaDirectory().toAbsolutePath().resolveSibling(EVALUATOR_STATE_FOLDER);
            evaluators = new EvaluatorHost(connection.clientProperties(), connection.admin(), topics, prefix,
                    stateRoot);
            opened.push(evaluators);
            // NOTE: sweeps retrieve on the ND4J CPU backend only; no option selects a GPU backend yet.
            retrievers = new RetrieverHost(connection.clientProperties(), connection.admin(), topics, prefix,
                    options.retrieverOptions(), Nd4jCpuBackend::new);
            opened.push(retrievers);
        } else {
            barrier = new RetrieverBarrier(this, sessionId);
        }
    }

    public SweepOptions options() {
        return options;
    }

    public PipelineConnection connection() {
        return connection;
    }

    public PipelineTail tail() {
        return tail;
    }

    /** Returns whether the retriever and evaluator run elsewhere. */
    public boolean externalServices() {
        return options.externalServices();
    }

    /** Returns the in-process retrievers; null with external services. */
    RetrieverHost retrievers() {
        return retrievers;
    }

    /** Returns the in-process evaluators; null with external services. */
    EvaluatorHost evaluators() {
        return evaluators;
    }

    /** Returns the images of a memory. */
    public List<CifarImage> memory(MemorySpec spec) {
        return library.memory(spec);
    }

    /**
     * Makes the memory topic contain exactly this memory's images. With external services it then waits
     * until the external retriever has applied the switch (see {@link RetrieverBarrier}).
     *
     * <p>NOTE: an external evaluator gets no such barrier. If its table of the memory topic lags behind a
     * switch, it rejects the point's first reconstructions as naming an unknown pattern, and the point fails
     * with that reason instead of reporting wrong numbers.
     *
     * @return the content fingerprint of the memory, as a retriever holding it reports
     * @throws PointFailedException when the external retriever does not catch up in time
     */
    public String switchMemory(MemorySpec spec, List<CifarImage> images) throws InterruptedException {
        MemoryBankSwitcher.BankChange change = switcher.switchTo(images);
        if (change.changed() && barrier != null) {
            barrier.await();
        }
        return fingerprintByMemory.computeIfAbsent(spec.text(), key -> MemoryBankSwitcher.fingerprint(images));
    }

    /** Returns the correlation statistics of a memory, computing them on first use. */
    public MemoryStatistics statistics(MemorySpec spec, List<CifarImage> images) {
        MemoryStatistics known = statisticsByMemory.get(spec.text());
        if (known != null) {
            return known;
        }
        long start = System.nanoTime();
        MemoryStatistics computed = statistics.compute(images.stream().map(CifarImage::pixels).toList(),
                spec.text().hashCode());
        log.info("Correlation statistics of memory {} ({}) in {} ms: mean {}, max {}, smallest separation {}",
                spec.text(), computed.method(), (System.nanoTime() - start) / 1_000_000, computed.meanCorrelation(),
                computed.maxCorrelation(), computed.minSeparation());
        statisticsByMemory.put(spec.text(), computed);
        return computed;
    }

    /** Stops what the session started, newest first; a component that fails to stop is logged and skipped. */
    @Override
    public void close() {
        while (!opened.isEmpty()) {
            AutoCloseable component = opened.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Failed to close {}: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
