package io.hopfieldstream.retriever.cuda.bench;

import io.hopfieldstream.retriever.cuda.BackendUnavailableException;
import io.hopfieldstream.retriever.cuda.CudaBackend;
import io.hopfieldstream.retriever.cuda.CudaSettings;
import io.hopfieldstream.retriever.cuda.GemmPrecision;
import io.hopfieldstream.retriever.cuda.ReadoutResult;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The GPU check and benchmark that bench/gpu/run.sh runs on a GPU machine.
 *
 * <ol>
 *   <li>prints the device and the CUDA versions found;</li>
 *   <li>checks the cuda backend against the CPU reference file on real CIFAR-10: identical
 *       retrieved ids, and reconstructions before rounding within 1e-4 relative (L2) of the
 *       double-precision reference, for each precision (only FLOAT32 must pass);</li>
 *   <li>times the retrieval step ({@link CudaBackend#retrieve}, copies and result arrays
 *       included, wall clock) for each memory size N and batch size B, next to cuBLAS SGEMM alone on
 *       the score product's shape, and prints a table.</li>
 * </ol>
 *
 * Usage: {@code GpuBench BATCH_FILE REFERENCE_FILE [SIZES] [BATCHES]}, sizes and batches
 * comma-separated (default 10000,50000 and 256,1024,4096). Memories larger than the images in the
 * batch file are the images followed by seeded noisy copies of them (uniform noise of up to 8
 * levels). Exits with 1 when the FLOAT32 check fails, 3 when the cuda backend cannot start.
 */
public final class GpuBench {

    static final double READOUT_TOLERANCE = 1e-4;
    static final double MIN_SECONDS_PER_CELL = 2.0;
    static final int MAX_REPETITIONS = 20;

    private GpuBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: GpuBench BATCH_FILE REFERENCE_FILE [SIZES] [BATCHES]");
            System.exit(2);
        }
        List<StoredPattern> images = CifarImages.read(Path.of(args[0]), Integer.MAX_VALUE);
        ReferenceFile reference = ReferenceFile.read(Path.of(args[1]));
        int[] sizes = parse(args.length > 2 ? args[2] : "10000,50000");
        int[] batches = parse(args.length > 3 ? args[3] : "256,1024,4096");
        System.out.printf("CIFAR-10 images shipped: %d; reference probes: %d on a memory of %d%n", images.size(),
                reference.entries().size(), reference.memorySize());

        boolean passed = true;
        try {
            for (GemmPrecision precision : GemmPrecision.values()) {
                boolean ok = check(images, reference, precision);
                passed &= precision != GemmPrecision.FLOAT32 || ok;
            }
            time(images, sizes, batches);
        } catch (BackendUnavailableException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
        System.out.println(passed ? "GPU CHECK PASSED (FLOAT32 against the CPU reference)"
                : "GPU CHECK FAILED (FLOAT32 against the CPU reference)");
        System.exit(passed ? 0 : 1);
    }

    private static boolean check(List<StoredPattern> images, ReferenceFile reference, GemmPrecision precision) {
        MemorySnapshot memory = new MemorySnapshot(1, images.subList(0, reference.memorySize()));
        List<byte[]> probes = new ArrayList<>();
        List<byte[]> masks = new ArrayList<>();
        for (ReferenceFile.Entry entry : reference.entries()) {
            probes.add(entry.pixels());
            masks.add(entry.mask());
        }
        try (CudaBackend backend = new CudaBackend(reference.settings(),
                CudaSettings.defaults().withPrecision(precision))) {
            if (precision == GemmPrecision.FLOAT32) {
                System.out.println("Device: " + backend.device());
                System.out.println("CUDA: " + backend.versions());
            }
            List<ReadoutResult> results = backend.retrieveWithReadout(memory, new ProbeBatch(probes, masks));
            int sameIds = 0;
            int sameSpreads = 0;
            double worstReadout = 0;
            double worstWeight = 0;
            int worstPixel = 0;
            for (int i = 0; i < probes.size(); i++) {
                ReferenceFile.Entry expected = reference.entries().get(i);
                RetrievalResult actual = results.get(i).result();
                sameIds += actual.retrievedIndex() == expected.cpuIndex() ? 1 : 0;
                sameSpreads += actual.attentionSpread() == expected.cpuSpread() ? 1 : 0;
                worstReadout = Math.max(worstReadout, relativeError(results.get(i).readout(), expected.readout()));
                worstWeight = Math.max(worstWeight, Math.abs(actual.retrievedWeight() - expected.cpuWeight()));
                for (int c = 0; c < CifarImages.PIXELS; c++) {
                    int difference = Math.abs((actual.reconstruction()[c] & 0xff)
                            - (expected.cpuReconstruction()[c] & 0xff));
                    worstPixel = Math.max(worstPixel, difference);
                }
            }
            boolean ok = sameIds == probes.size() && worstReadout <= READOUT_TOLERANCE;
            System.out.printf("Check %-7s: ids equal to CPU %d/%d, spreads equal %d/%d, max readout error %.2e"
                            + " (relative L2, limit %.0e), max weight difference %.2e, max pixel difference %d -> %s%n",
                    precision, sameIds, probes.size(), sameSpreads, probes.size(), worstReadout, READOUT_TOLERANCE,
                    worstWeight, worstPixel, ok ? "PASS" : "FAIL");
            return ok;
        }
    }

    private static void time(List<StoredPattern> images, int[] sizes, int[] batches) {
        RetrievalSettings settings = RetrievalSettings.defaults();
        System.out.printf("%nRetrieval step, settings %s, block rows %d; wall clock per retrieve() call,"
                + " copies and result arrays included%n", settings, CudaSettings.DEFAULT_BLOCK_ROWS);
        System.out.println("| N | B | precision | ms per batch | images/s | GFLOP/s (4BNd) | SGEMM GFLOP/s (2BNd)"
                + " | step / SGEMM rate |");
        System.out.println("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        for (int size : sizes) {
            MemorySnapshot memory = CifarImages.tiled(images, size, 8, 7L);
            for (GemmPrecision precision : GemmPrecision.values()) {
                try (CudaBackend backend = new CudaBackend(settings, CudaSettings.defaults().withPrecision(precision))) {
                    for (int batch : batches) {
                        if (precision != GemmPrecision.FLOAT32 && batch != batches[batches.length - 1]) {
                            continue;
                        }
                        timeCell(backend, memory, size, batch, precision);
                    }
                }
            }
        }
    }

    private static void timeCell(CudaBackend backend, MemorySnapshot memory, int size, int batch,
                                 GemmPrecision precision) {
        Random random = new Random(size * 31L + batch);
        List<byte[]> probes = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            probes.add(CifarImages.noisy(memory.patterns().get(random.nextInt(size)).pixels(), 25.0, random));
        }
        ProbeBatch probeBatch = new ProbeBatch(probes, new ArrayList<>(Collections.nCopies(batch, (byte[]) null)));
        backend.retrieve(memory, probeBatch);

        int repetitions = 0;
        long started = System.nanoTime();
        long elapsed;
        do {
            backend.retrieve(memory, probeBatch);
            repetitions++;
            elapsed = System.nanoTime() - started;
        } while (repetitions < MAX_REPETITIONS && elapsed < MIN_SECONDS_PER_CELL * 1e9);

        double seconds = elapsed / 1e9 / repetitions;
        double flops = 4.0 * batch * size * CifarImages.PIXELS;
        double gflops = flops / seconds / 1e9;
        double sgemm = backend.sgemmGflops(batch, size, CifarImages.PIXELS, 5);
        // The step does two products of 2BNd flops each, so its rate compares directly with SGEMM's.
        System.out.printf("| %,d | %,d | %s | %.2f | %,.0f | %,.0f | %,.0f | %.0f%% |%n", size, batch, precision,
                seconds * 1e3, batch / seconds, gflops, sgemm, 100.0 * gflops / sgemm);
    }

    static double relativeError(float[] actual, float[] expected) {
        double difference = 0;
        double norm = 0;
        for (int c = 0; c < expected.length; c++) {
            double delta = (double) actual[c] - expected[c];
            difference += delta * delta;
            norm += (double) expected[c] * expected[c];
        }
        return Math.sqrt(difference / norm);
    }

    private static int[] parse(String list) {
        String[] parts = list.split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i].trim());
        }
        return values;
    }
}
