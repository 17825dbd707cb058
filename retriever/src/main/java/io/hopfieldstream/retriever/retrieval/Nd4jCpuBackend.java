package io.hopfieldstream.retriever.retrieval;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modern Hopfield retrieval of CIFAR-10 images on ND4J (nd4j-native by default, whatever ND4J backend
 * the classpath holds otherwise), in float32.
 *
 * <p>The memory matrix holds the stored images as pixel / 255, normalised by the settings'
 * {@link Normalization}; a plain probe is prepared the same way. The reconstruction is the
 * attention-weighted sum of the raw stored images, rounded and clamped to 0..255. With mask-aware
 * retrieval on, a probe with a known-pixel mask is scored by beta times the Pearson correlation of its
 * known pixels with the same pixels of each stored image, and its unknown pixel values are never read.
 * {@link HopfieldKernel} documents the update, the chunked softmax, iterations and convergence.
 *
 * <p>The prepared matrices are rebuilt when a snapshot's version differs from the last one seen. They
 * take 2 x N x 3072 float32 values off the Java heap (about 1.2 GB for N = 50,000), and a third N x 3072
 * matrix once a mask-aware probe arrives; working arrays add O(B x (3072 + chunkSize)).
 *
 * <p>Confined to one thread: the first thread that calls {@link #retrieve} owns the instance, and a
 * call from any other thread raises {@link IllegalStateException}. Call {@link #close} only after that
 * thread has stopped retrieving.
 */
public final class Nd4jCpuBackend implements RetrievalBackend {

    private static final Logger log = LoggerFactory.getLogger(Nd4jCpuBackend.class);
    private static final int PIXELS = Topics.PIXELS_PER_IMAGE;

    private final RetrievalSettings settings;
    private final HopfieldKernel kernel = new HopfieldKernel();
    private final String description;
    private KernelMemory memory;
    private long memoryVersion = -1;
    private int memorySize = -1;
    private Thread owner;
    private boolean closed;

    /**
     * Loads ND4J (on first use in the JVM) and logs the backend, its thread count and the data type.
     *
     * @throws IllegalArgumentException when a setting is out of range
     */
    public Nd4jCpuBackend(RetrievalSettings settings) {
        this.settings = settings.validate();
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        int threads = Nd4j.getEnvironment().maxThreads();
        this.description = String.format("ND4J %s (%s, BLAS %s), %d threads, float32", backend,
                environment.getOrDefault("backend", "unknown device"),
                environment.getOrDefault("blas.vendor", "unknown"), threads);
        log.info("Retrieval backend: ND4J {} on {}, BLAS {}, {} ND4J threads, {} BLAS threads, OMP_NUM_THREADS={}, "
                        + "data type float32",
                backend, environment.getOrDefault("backend", "unknown device"),
                environment.getOrDefault("blas.vendor", "unknown"), threads,
                environment.getOrDefault("blas.threads", "unknown"),
                Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("unset"));
        log.info("Retrieval settings: beta {}, at most {} iterations, tolerance {}, normalization {}, mask-aware {}, "
                        + "chunks of {} patterns",
                settings.beta(), settings.maxIterations(), settings.tolerance(), settings.normalization(),
                settings.maskAware(), settings.chunkSize());
    }

    public RetrievalSettings settings() {
        return settings;
    }

    /**
     * {@inheritDoc}
     *
     * <p>For an empty memory every result has index -1, weight 0, spread 0, no iterations and an all-zero
     * reconstruction, the weighted sum over no patterns.
     *
     * @throws IllegalArgumentException for a probe that breaks {@link ProbeValidation}, or a stored pattern
     *     without 3072 pixels
     * @throws IllegalStateException when called from a thread other than the owner, or after close
     */
    @Override
    public List<RetrievalResult> retrieve(MemorySnapshot snapshot, ProbeBatch batch) {
        checkThread();
        int size = batch.size();
        List<byte[]> masks = batch.knownMasks();
        if (masks == null || masks.size() != size) {
            throw new IllegalArgumentException("Probe batch has " + size + " pixel arrays but "
                    + (masks == null ? "no" : masks.size())
                    + " mask entries; give one entry, possibly null, per probe");
        }
        for (int probe = 0; probe < size; probe++) {
            Optional<String> problem = ProbeValidation.problem(batch.pixels().get(probe), masks.get(probe));
            if (problem.isPresent()) {
                throw new IllegalArgumentException("Probe " + probe + " of the batch is invalid: " + problem.get());
            }
        }
        if (size == 0) {
            return List.of();
        }
        if (snapshot.size() == 0) {
            return emptyMemoryResults(size);
        }

        KernelMemory prepared = prepare(snapshot);
        float[][] probes = new float[size][];
        byte[][] knownMasks = new byte[size][];
        for (int probe = 0; probe < size; probe++) {
            byte[] pixels = batch.pixels().get(probe);
            byte[] mask = masks.get(probe);
            if (settings.maskAware() && mask != null) {
                probes[probe] = SnapshotMatrices.centredValues(pixels, new float[PIXELS]);
                knownMasks[probe] = mask;
            } else {
                probes[probe] = SnapshotMatrices.key(pixels, settings.normalization(), new float[PIXELS]);
            }
        }

        KernelOutput output = kernel.run(prepared, probes, knownMasks, settings);
        List<RetrievalResult> results = new ArrayList<>(size);
        for (int probe = 0; probe < size; probe++) {
            results.add(new RetrievalResult(output.retrievedIndex()[probe], output.retrievedWeight()[probe],
                    output.attentionSpread()[probe], output.iterations()[probe], output.converged()[probe],
                    SnapshotMatrices.pixels(output.readout()[probe])));
        }
        return results;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Releases the prepared memory and the working arrays. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (memory != null) {
            memory.close();
            memory = null;
        }
        kernel.close();
        log.info("Retrieval backend closed");
    }

    private KernelMemory prepare(MemorySnapshot snapshot) {
        if (memory != null && snapshot.version() == memoryVersion && snapshot.size() == memorySize) {
            return memory;
        }
        long start = System.nanoTime();
        if (memory != null) {
            memory.close();
            memory = null;
        }
        memory = SnapshotMatrices.build(snapshot, settings.normalization(), settings.maskAware());
        memoryVersion = snapshot.version();
        memorySize = snapshot.size();
        log.info("Prepared memory version {}: {} patterns in {} ms", memoryVersion, memorySize,
                (System.nanoTime() - start) / 1_000_000);
        return memory;
    }

    private static List<RetrievalResult> emptyMemoryResults(int size) {
        List<RetrievalResult> results = new ArrayList<>(size);
        for (int probe = 0; probe < size; probe++) {
            results.add(new RetrievalResult(-1, 0.0, 0, 0, false, new byte[PIXELS]));
        }
        return results;
    }

    private void checkThread() {
        if (closed) {
            throw new IllegalStateException("Retrieval backend is closed");
        }
        Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        } else if (owner != current) {
            throw new IllegalStateException("Retrieval backend is owned by thread '" + owner.getName()
                    + "' and was called from '" + current.getName() + "'; use one backend per thread");
        }
    }
}
