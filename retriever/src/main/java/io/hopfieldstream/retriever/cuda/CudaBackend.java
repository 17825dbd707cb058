package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRelease;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cudaEventRecord;
import static org.bytedeco.cuda.global.cudart.cudaEventSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemsetAsync;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamNonBlocking;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaStreamWaitEvent;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.ProbeValidation;
import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modern Hopfield retrieval on an NVIDIA GPU through JavaCPP's CUDA presets:
 *
 * <pre>
 *   xi_new = X^T softmax(beta * X xi)
 * </pre>
 *
 * with X the normalised stored patterns (N x d) and xi a probe. cuBLAS computes the products,
 * the scores and the weighted sums. Kernels that NVRTC compiles at start-up for the device's own
 * architecture do the rest: the row softmax (subtracting each row's maximum), arg-max, attention
 * spread, normalisation, masked Pearson scores and rounding. The memory stays on the GPU until
 * the snapshot version changes.
 *
 * <p>Semantics follow the CPU backend: a result's reconstruction is the attention-weighted sum of
 * the raw stored images rounded half up to 0..255; a probe converges when a step after the first
 * changes no attention weight by more than the tolerance, and stops there (so with one step it
 * never converges). With mask-aware retrieval a probe with a mask is scored by beta times the
 * Pearson correlation over its known pixels. Those scores read only the known pixels, which a
 * further step would keep, so such a probe runs one step and is reported converged when
 * maxIterations is at least 2.
 *
 * <p>Memory: a block of probe rows keeps its full score and weight rows (rows x N floats, a few of
 * them) on the GPU, because the attention spread and the convergence test need every weight. The
 * rows per block are capped by {@link CudaSettings#scoreMemoryBytes}, so GPU memory stays bounded
 * for any batch size; {@link RetrievalSettings#chunkSize} is a CPU setting and is not used here.
 * A batch of several blocks alternates between two slots, so the copies of one block run on their
 * own stream while the other computes.
 *
 * <p>Confined to the thread that calls {@link #retrieve}, like every backend.
 */
public final class CudaBackend implements RetrievalBackend {

    /** Share of the attention that the spread counts patterns up to. */
    static final float SPREAD_MASS = 0.9f;

    /**
     * Floor of a stored pattern's spread over the known pixels ({@code sum y^2 - (sum y)^2 / n}
     * with y = pixel / 255) in masked scores, and the spread below which a probe counts as flat and
     * scores 0: the CPU backend's values.
     */
    static final float MIN_MASKED_SPREAD = 1e-3f;

    private static final Logger log = LoggerFactory.getLogger(CudaBackend.class);

    private final RetrievalSettings settings;
    private final CudaSettings cudaSettings;
    private final CudaDeviceInfo device;
    private final CudaVersions versions;
    private final int deviceHandle;
    private final CUctx_st context = new CUctx_st();
    private final CUstream_st computeStream = new CUstream_st();
    private final CUstream_st copyStream = new CUstream_st();
    private final RetrievalKernels kernels;
    private final CublasProducts products;
    private final PinnedHostBuffer counter;
    private final BlockSlot[] slots = new BlockSlot[2];
    private DeviceMemoryBank bank;
    private boolean closed;

    /**
     * Opens the device, compiles the kernels and creates the cuBLAS handle.
     *
     * @throws BackendUnavailableException when the CUDA libraries or the device are missing
     * @throws CudaException when a CUDA call fails after that, for example kernel compilation
     */
    public CudaBackend(RetrievalSettings settings, CudaSettings cudaSettings) {
        this.settings = settings.validate();
        this.cudaSettings = cudaSettings;
        CudaLibraries.load().ifPresent(problem -> {
            throw new BackendUnavailableException("The cuda backend cannot start: " + problem
                    + ". Install the NVIDIA driver and CUDA " + presetCudaMajor()
                    + " libraries (cudart, cuBLAS, NVRTC) on the library path, or choose --backend cpu.");
        });
        List<CudaDeviceInfo> devices = CudaLibraries.devices();
        if (cudaSettings.device() >= devices.size()) {
            throw new BackendUnavailableException("The cuda backend cannot start: CUDA device " + cudaSettings.device()
                    + " does not exist (the driver sees " + devices.size() + "). Choose another device or --backend cpu.");
        }
        this.device = devices.get(cudaSettings.device());

        int[] handle = new int[1];
        CudaStatus.driver(cuDeviceGet(handle, device.ordinal()), "cuDeviceGet");
        this.deviceHandle = handle[0];
        CudaStatus.driver(cuDevicePrimaryCtxRetain(context, deviceHandle), "cuDevicePrimaryCtxRetain");
        RetrievalKernels compiled = null;
        CublasProducts cublasHandle = null;
        try {
            makeCurrent();
            CudaStatus.runtime(cudaStreamCreateWithFlags(computeStream, cudaStreamNonBlocking), "cudaStreamCreate");
            CudaStatus.runtime(cudaStreamCreateWithFlags(copyStream, cudaStreamNonBlocking), "cudaStreamCreate");
            compiled = new RetrievalKernels(device.major(), device.minor());
            cublasHandle = new CublasProducts(cudaSettings.precision(), computeStream);
            this.counter = new PinnedHostBuffer(Integer.BYTES);
            this.versions = CudaLibraries.versions(cublasHandle.version());
        } catch (RuntimeException e) {
            if (cublasHandle != null) {
                cublasHandle.close();
            }
            if (compiled != null) {
                compiled.close();
            }
            cuDevicePrimaryCtxRelease(deviceHandle);
            throw e;
        }
        this.kernels = compiled;
        this.products = cublasHandle;
        log.info("cuda backend on {}; {}; {} products; kernels compiled for sm_{}{}", device, versions,
                cudaSettings.precision(), device.major(), device.minor());
    }

    /** Major CUDA version of the libraries the JavaCPP presets on the class path link, from their version. */
    static String presetCudaMajor() {
        String version = org.bytedeco.cuda.global.cudart.class.getPackage().getImplementationVersion();
        return version == null ? "(the presets' version)" : version.substring(0, version.indexOf('.'));
    }

    public CudaDeviceInfo device() {
        return device;
    }

    public CudaVersions versions() {
        return versions;
    }

    @Override
    public String describe() {
        return "cuda (JavaCPP CUDA presets) on " + device + ", " + cudaSettings.precision() + " products, "
                + versions;
    }

    @Override
    public List<RetrievalResult> retrieve(MemorySnapshot memory, ProbeBatch batch) {
        List<ReadoutResult> detailed = run(memory, batch, false);
        List<RetrievalResult> results = new ArrayList<>(detailed.size());
        for (ReadoutResult outcome : detailed) {
            results.add(outcome.result());
        }
        return results;
    }

    /**
     * Like {@link #retrieve}, and also returns each reconstruction before rounding. Costs one more
     * copy of B x d floats per batch; meant for checks against a reference.
     */
    public List<ReadoutResult> retrieveWithReadout(MemorySnapshot memory, ProbeBatch batch) {
        return run(memory, batch, true);
    }

    private List<ReadoutResult> run(MemorySnapshot memory, ProbeBatch batch, boolean withReadout) {
        if (closed) {
            throw new IllegalStateException("the cuda backend is closed");
        }
        int probes = batch.size();
        int dimension = memory.size() == 0 ? Topics.PIXELS_PER_IMAGE : memory.patterns().get(0).pixels().length;
        if (probes == 0) {
            return List.of();
        }
        validateBatch(batch, dimension);
        if (memory.size() == 0) {
            return emptyMemoryResults(probes, dimension);
        }

        makeCurrent();
        DeviceMemoryBank current = bankFor(memory);
        List<int[]> plainBlocks = new ArrayList<>();
        List<int[]> maskedBlocks = new ArrayList<>();
        int blockRows = planBlocks(batch, current.size(), plainBlocks, maskedBlocks);
        prepareSlots(blockRows, current.size(), dimension, !maskedBlocks.isEmpty());

        List<Block> blocks = new ArrayList<>();
        plainBlocks.forEach(rows -> blocks.add(new Block(rows, false)));
        maskedBlocks.forEach(rows -> blocks.add(new Block(rows, true)));

        ReadoutResult[] results = new ReadoutResult[probes];
        Block pending = null;
        BlockSlot pendingSlot = null;
        for (int i = 0; i < blocks.size(); i++) {
            BlockSlot slot = slots[i % 2];
            enqueue(blocks.get(i), slot, batch, current, withReadout);
            if (pending != null) {
                collect(pending, pendingSlot, results, withReadout);
            }
            pending = blocks.get(i);
            pendingSlot = slot;
        }
        collect(pending, pendingSlot, results, withReadout);
        return Arrays.asList(results);
    }

    private static void validateBatch(ProbeBatch batch, int dimension) {
        List<byte[]> masks = batch.knownMasks();
        if (masks == null || masks.size() != batch.size()) {
            throw new IllegalArgumentException("Probe batch has " + batch.size() + " pixel arrays but "
                    + (masks == null ? "no" : masks.size()) + " mask entries; give one entry, possibly null, per probe");
        }
        for (int i = 0; i < batch.size(); i++) {
            Optional<String> problem = ProbeValidation.problem(batch.pixels().get(i), masks.get(i));
            if (problem.isPresent()) {
                throw new IllegalArgumentException("Probe " + i + " of the batch is invalid: " + problem.get());
            }
        }
        if (batch.pixels().get(0).length != dimension) {
            throw new IllegalArgumentException("probes have " + batch.pixels().get(0).length
                    + " pixels, the memory's patterns have " + dimension);
        }
    }

    private static List<ReadoutResult> emptyMemoryResults(int probes, int dimension) {
        List<ReadoutResult> results = new ArrayList<>(probes);
        for (int i = 0; i < probes; i++) {
            results.add(new ReadoutResult(new RetrievalResult(-1, 0.0, 0, 0, false, new byte[dimension]),
                    new float[dimension]));
        }
        return results;
    }

    private DeviceMemoryBank bankFor(MemorySnapshot memory) {
        if (bank != null && bank.version() == memory.version() && bank.size() == memory.size()) {
            return bank;
        }
        if (bank != null) {
            bank.close();
            bank = null;
        }
        long started = System.nanoTime();
        bank = DeviceMemoryBank.upload(memory, settings.normalization(), cudaSettings.precision(), kernels,
                computeStream);
        log.info("Memory version {} on the GPU: {} patterns, {} MiB, uploaded in {} ms", bank.version(), bank.size(),
                bank.deviceBytes() >> 20, (System.nanoTime() - started) / 1_000_000);
        return bank;
    }

    /**
     * Splits the batch into blocks of plain and of masked rows.
     *
     * @return rows per block
     */
    private int planBlocks(ProbeBatch batch, int patterns, List<int[]> plain, List<int[]> masked) {
        List<Integer> plainRows = new ArrayList<>();
        List<Integer> maskedRows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            boolean hasMask = batch.knownMasks() != null && batch.knownMasks().get(i) != null;
            (settings.maskAware() && hasMask ? maskedRows : plainRows).add(i);
        }
        long perRow = BlockSlot.scoreBytesPerRow(patterns, !maskedRows.isEmpty(), settings.maxIterations() > 1,
                cudaSettings.precision() == GemmPrecision.BF16);
        int byMemory = (int) Math.max(1, Math.min(Integer.MAX_VALUE, cudaSettings.scoreMemoryBytes() / perRow));
        int blockRows = Math.min(cudaSettings.blockRows(), byMemory);
        split(plainRows, blockRows, plain);
        split(maskedRows, blockRows, masked);
        int largest = 0;
        for (int[] block : plain) {
            largest = Math.max(largest, block.length);
        }
        for (int[] block : masked) {
            largest = Math.max(largest, block.length);
        }
        return largest;
    }

    private static void split(List<Integer> rows, int blockRows, List<int[]> blocks) {
        for (int start = 0; start < rows.size(); start += blockRows) {
            int end = Math.min(rows.size(), start + blockRows);
            blocks.add(rows.subList(start, end).stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private void prepareSlots(int rows, int patterns, int dimension, boolean masked) {
        boolean iterating = settings.maxIterations() > 1;
        boolean bfloat16 = cudaSettings.precision() == GemmPrecision.BF16;
        for (int i = 0; i < slots.length; i++) {
            BlockSlot slot = slots[i];
            if (slot != null && slot.fits(rows, patterns, dimension, masked, iterating, bfloat16)) {
                continue;
            }
            int capacity = slot != null && slot.patterns == patterns ? Math.max(rows, slot.rows) : rows;
            boolean keepMasked = masked || (slot != null && slot.masks != null && slot.patterns == patterns);
            if (slot != null) {
                slot.close();
            }
            slots[i] = null;
            slots[i] = new BlockSlot(capacity, patterns, dimension, keepMasked, iterating, bfloat16);
        }
    }

    private void enqueue(Block block, BlockSlot slot, ProbeBatch batch, DeviceMemoryBank memory,
                         boolean withReadout) {
        int rows = block.rows.length;
        int d = slot.dimension;
        long pixelBytes = (long) rows * d;

        BytePointer hostPixels = slot.hostPixels.bytePointer();
        for (int j = 0; j < rows; j++) {
            hostPixels.position((long) j * d).put(batch.pixels().get(block.rows[j]));
        }
        CudaStatus.runtime(cudaMemcpyAsync(slot.pixels.raw(), slot.hostPixels.raw(), pixelBytes,
                cudaMemcpyHostToDevice, copyStream), "cudaMemcpyAsync(probes)");
        if (block.masked) {
            BytePointer hostMasks = slot.hostMasks.bytePointer();
            for (int j = 0; j < rows; j++) {
                hostMasks.position((long) j * d).put(batch.knownMasks().get(block.rows[j]));
            }
            CudaStatus.runtime(cudaMemcpyAsync(slot.masks.raw(), slot.hostMasks.raw(), pixelBytes,
                    cudaMemcpyHostToDevice, copyStream), "cudaMemcpyAsync(masks)");
        }
        CudaStatus.runtime(cudaEventRecord(slot.uploaded, copyStream), "cudaEventRecord");
        CudaStatus.runtime(cudaStreamWaitEvent(computeStream, slot.uploaded, 0), "cudaStreamWaitEvent");

        new BlockComputation(slot, rows, block.masked, memory).run();

        CudaStatus.runtime(cudaEventRecord(slot.computed, computeStream), "cudaEventRecord");
        CudaStatus.runtime(cudaStreamWaitEvent(copyStream, slot.computed, 0), "cudaStreamWaitEvent");
        CudaStatus.runtime(cudaMemcpyAsync(slot.hostReconstruction.raw(), slot.reconstruction.raw(), pixelBytes,
                cudaMemcpyDeviceToHost, copyStream), "cudaMemcpyAsync(reconstructions)");
        CudaStatus.runtime(cudaMemcpyAsync(slot.hostRowData.raw(), slot.rowData.raw(), slot.rowData.bytes(),
                cudaMemcpyDeviceToHost, copyStream), "cudaMemcpyAsync(row results)");
        if (withReadout) {
            slot.ensureHostReadout();
            CudaStatus.runtime(cudaMemcpyAsync(slot.hostReadout().raw(), slot.readout.raw(), pixelBytes * Float.BYTES,
                    cudaMemcpyDeviceToHost, copyStream), "cudaMemcpyAsync(readouts)");
        }
        CudaStatus.runtime(cudaEventRecord(slot.downloaded, copyStream), "cudaEventRecord");
    }

    private void collect(Block block, BlockSlot slot, ReadoutResult[] results, boolean withReadout) {
        CudaStatus.runtime(cudaEventSynchronize(slot.downloaded), "cudaEventSynchronize(block results)");
        int d = slot.dimension;
        BytePointer reconstructions = slot.hostReconstruction.bytePointer();
        IntPointer ints = slot.hostRowData.ints();
        FloatPointer floats = new FloatPointer(slot.hostRowData.raw()).capacity(ints.capacity());
        FloatPointer readouts = withReadout ? slot.hostReadout().floats() : null;
        int stride = slot.rows;
        for (int j = 0; j < block.rows.length; j++) {
            byte[] pixels = new byte[d];
            reconstructions.position((long) j * d).get(pixels);
            float[] readout = null;
            if (readouts != null) {
                // The GPU's readout is in pixel / 255 units, as the reconstruction product reads them.
                readout = new float[d];
                readouts.position((long) j * d).get(readout);
                for (int c = 0; c < d; c++) {
                    readout[c] *= 255.0f;
                }
            }
            // A masked row runs one step, which is already a fixed point (see the class comment).
            int iterations = block.masked ? 1 : ints.get((long) BlockSlot.FIELD_ITERATIONS * stride + j);
            boolean converged = block.masked
                    ? settings.maxIterations() >= 2
                    : ints.get((long) BlockSlot.FIELD_CONVERGED * stride + j) != 0;
            RetrievalResult result = new RetrievalResult(
                    ints.get((long) BlockSlot.FIELD_ARGMAX_INDEX * stride + j),
                    floats.get((long) BlockSlot.FIELD_ARGMAX_WEIGHT * stride + j),
                    ints.get((long) BlockSlot.FIELD_SPREAD * stride + j),
                    iterations,
                    converged,
                    pixels);
            results[block.rows[j]] = new ReadoutResult(result, readout);
        }
    }

    /**
     * Times cuBLAS SGEMM alone on the score product's shape, (rows x d) times (d x patterns), on
     * uniform random inputs in 0..1, with CUDA events around repetitions after two warm-up runs.
     *
     * @return the rate in GFLOP/s, counting 2 x rows x patterns x d flops per product
     */
    public double sgemmGflops(int rows, int patterns, int d, int repetitions) {
        makeCurrent();
        long leftElements = (long) patterns * d;
        long rightElements = (long) rows * d;
        try (DeviceBuffer left = randomUnitFloats(leftElements, 1);
             DeviceBuffer right = randomUnitFloats(rightElements, 2);
             DeviceBuffer out = new DeviceBuffer((long) rows * patterns * Float.BYTES);
             CublasProducts sgemm = new CublasProducts(GemmPrecision.FLOAT32, computeStream)) {
            CublasProducts.Operand a = CublasProducts.Operand.of(left.address());
            CublasProducts.Operand b = CublasProducts.Operand.of(right.address());
            for (int i = 0; i < 2; i++) {
                sgemm.scores(a, b, rows, patterns, d, 1.0f, out.address());
            }
            float milliseconds = EventTimer.time(computeStream, () -> {
                for (int i = 0; i < repetitions; i++) {
                    sgemm.scores(a, b, rows, patterns, d, 1.0f, out.address());
                }
            });
            double flops = 2.0 * rows * patterns * d * repetitions;
            return flops / (milliseconds * 1e-3) / 1e9;
        }
    }

    private DeviceBuffer randomUnitFloats(long elements, long seed) {
        byte[] bytes = new byte[(int) Math.min(elements, 1 << 24)];
        new java.util.Random(seed).nextBytes(bytes);
        try (PinnedHostBuffer staging = new PinnedHostBuffer(elements);
             DeviceBuffer pixels = new DeviceBuffer(elements)) {
            BytePointer host = staging.bytePointer();
            for (long offset = 0; offset < elements; offset += bytes.length) {
                host.position(offset).put(bytes, 0, (int) Math.min(bytes.length, elements - offset));
            }
            CudaStatus.runtime(cudaMemcpyAsync(pixels.raw(), staging.raw(), elements, cudaMemcpyHostToDevice,
                    computeStream), "cudaMemcpyAsync(random inputs)");
            DeviceBuffer floats = new DeviceBuffer(elements * Float.BYTES);
            kernels.pixelsToFloat(pixels.address(), elements, 1.0f / 255.0f, floats.address(), computeStream);
            CudaStatus.runtime(cudaStreamSynchronize(computeStream), "cudaStreamSynchronize(random inputs)");
            return floats;
        }
    }

    private void makeCurrent() {
        CudaStatus.driver(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        makeCurrent();
        cudaStreamSynchronize(computeStream);
        cudaStreamSynchronize(copyStream);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].close();
                slots[i] = null;
            }
        }
        if (bank != null) {
            bank.close();
            bank = null;
        }
        counter.close();
        products.close();
        kernels.close();
        cudaStreamDestroy(computeStream);
        cudaStreamDestroy(copyStream);
        cuDevicePrimaryCtxRelease(deviceHandle);
        log.info("cuda backend on device {} closed", device.ordinal());
    }

    /** Rows of the batch that one slot processes, and whether they use masked scores. */
    private record Block(int[] rows, boolean masked) {
    }

    /** The update steps of one block, enqueued on the compute stream. */
    private final class BlockComputation {

        private final BlockSlot slot;
        private final int rows;
        private final boolean masked;
        private final DeviceMemoryBank memory;
        private final int patterns;
        private final int d;
        private final boolean bfloat16 = cudaSettings.precision() == GemmPrecision.BF16;

        BlockComputation(BlockSlot slot, int rows, boolean masked, DeviceMemoryBank memory) {
            this.slot = slot;
            this.rows = rows;
            this.masked = masked;
            this.memory = memory;
            this.patterns = memory.size();
            this.d = memory.dimension();
        }

        void run() {
            long queryElements = (long) rows * d;
            long scoreElements = (long) rows * patterns;
            CudaStatus.runtime(cudaMemsetAsync(DeviceAddress.of(slot.rowField(BlockSlot.FIELD_DONE, 0)), 0,
                    (long) rows * Integer.BYTES, computeStream), "cudaMemsetAsync(done flags)");
            if (masked) {
                kernels.prepareMasked(slot.pixels.address(), slot.masks.address(), rows, d, slot.queries.address(),
                        slot.known.address(), slot.maskStats.address(), computeStream);
            } else {
                kernels.normalizeRows(slot.pixels.address(), rows, d,
                        DeviceMemoryBank.normalizationMode(settings.normalization()), slot.queries.address(),
                        computeStream);
            }

            int steps = masked ? 1 : settings.maxIterations();
            for (int step = 1; step <= steps; step++) {
                if (step > 1) {
                    CudaStatus.runtime(cudaMemcpyAsync(slot.previousWeights.raw(), slot.weights.raw(),
                            scoreElements * Float.BYTES, cudaMemcpyDeviceToDevice, computeStream),
                            "cudaMemcpyAsync(previous weights)");
                }
                score(step, queryElements);
                CudaStatus.runtime(cudaMemsetAsync(DeviceAddress.of(slot.stillActiveCounter()), 0, Integer.BYTES,
                        computeStream), "cudaMemsetAsync(active counter)");
                kernels.softmaxRows(slot.scores.address(), rows, patterns, slot.weights.address(),
                        step > 1 ? slot.previousWeights.address() : 0L, step, (float) settings.tolerance(),
                        slot.rowOutputs(), computeStream);
                if (step == steps || (step > 1 && noRowActive())) {
                    break;
                }
                products.combine(memory.keys(), weightsOperand(scoreElements), rows, patterns, d,
                        slot.queries.address());
            }

            kernels.attentionSpread(slot.weights.address(), rows, patterns, SPREAD_MASS,
                    slot.rowField(BlockSlot.FIELD_SPREAD, 0), computeStream);
            products.combine(memory.unitPixels(), weightsOperand(scoreElements), rows, patterns, d,
                    slot.readout.address());
            kernels.roundPixels(slot.readout.address(), queryElements, 255.0f, slot.reconstruction.address(),
                    computeStream);
        }

        /** Scores of a step: masked Pearson scores for a masked block, else beta * X xi. */
        private void score(int step, long queryElements) {
            CublasProducts.Operand queries = operand(slot.queries, slot.queriesBf16, queryElements);
            if (masked) {
                CublasProducts.Operand known = operand(slot.known, slot.knownBf16, queryElements);
                products.scores(memory.unitPixels(), queries, rows, patterns, d, 1.0f, slot.scores.address());
                products.scores(memory.unitPixels(), known, rows, patterns, d, 1.0f, slot.sums.address());
                products.scores(memory.squaredUnitPixels(kernels, computeStream), known, rows, patterns, d, 1.0f,
                        slot.squareSums.address());
                kernels.pearsonScores(slot.scores.address(), slot.sums.address(), slot.squareSums.address(),
                        slot.maskStats.address(), rows, patterns, (float) settings.beta(), MIN_MASKED_SPREAD,
                        computeStream);
            } else {
                products.scores(memory.keys(), queries, rows, patterns, d, (float) settings.beta(),
                        slot.scores.address());
            }
        }

        private CublasProducts.Operand weightsOperand(long scoreElements) {
            return operand(slot.weights, slot.weightsBf16, scoreElements);
        }

        /** The float matrix, with its bfloat16 copy refreshed on the stream when products use bfloat16. */
        private CublasProducts.Operand operand(DeviceBuffer floats, DeviceBuffer bfloat16Copy, long elements) {
            if (!bfloat16) {
                return CublasProducts.Operand.of(floats.address());
            }
            kernels.toBfloat16(floats.address(), elements, bfloat16Copy.address(), computeStream);
            return new CublasProducts.Operand(floats.address(), bfloat16Copy.address());
        }

        private boolean noRowActive() {
            CudaStatus.runtime(cudaMemcpyAsync(counter.raw(), DeviceAddress.of(slot.stillActiveCounter()),
                    Integer.BYTES, cudaMemcpyDeviceToHost, computeStream), "cudaMemcpyAsync(active counter)");
            CudaStatus.runtime(cudaStreamSynchronize(computeStream), "cudaStreamSynchronize(convergence)");
            return counter.ints().get(0) == 0;
        }
    }
}
