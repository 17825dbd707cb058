package io.hopfieldstream.retriever.cuda.bench;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the reference file for the GPU check: on this (CPU) machine, retrieves seeded probes of
 * real CIFAR-10 images with ND4J's CPU backend and with {@link ReferenceRetrieval}.
 *
 * <p>Usage: {@code ReferenceWriter BATCH_FILE MEMORY_SIZE OUTPUT}. Probes: 32 noisy copies (Gaussian
 * noise, sigma 25 pixel levels) and 16 lower-half-masked copies of seeded memory images, with the
 * default retrieval settings.
 */
public final class ReferenceWriter {

    static final int NOISY_PROBES = 32;
    static final int MASKED_PROBES = 16;
    static final double NOISE_SIGMA = 25.0;
    static final long SEED = 20_260_101L;

    private ReferenceWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ReferenceWriter BATCH_FILE MEMORY_SIZE OUTPUT");
            System.exit(2);
        }
        int memorySize = Integer.parseInt(args[1]);
        List<StoredPattern> images = CifarImages.read(Path.of(args[0]), memorySize);
        MemorySnapshot memory = new MemorySnapshot(1, images);
        RetrievalSettings settings = RetrievalSettings.defaults();

        Random random = new Random(SEED);
        List<byte[]> probes = new ArrayList<>();
        List<byte[]> masks = new ArrayList<>();
        for (int i = 0; i < NOISY_PROBES + MASKED_PROBES; i++) {
            byte[] source = images.get(random.nextInt(images.size())).pixels();
            if (i < NOISY_PROBES) {
                probes.add(CifarImages.noisy(source, NOISE_SIGMA, random));
                masks.add(null);
            } else {
                byte[][] masked = CifarImages.lowerHalfMasked(source);
                probes.add(masked[0]);
                masks.add(masked[1]);
            }
        }

        List<RetrievalResult> cpu;
        try (Nd4jCpuBackend backend = new Nd4jCpuBackend(settings)) {
            cpu = backend.retrieve(memory, new ProbeBatch(probes, masks));
        }
        ReferenceRetrieval reference = new ReferenceRetrieval(memory, settings);
        List<ReferenceFile.Entry> entries = new ArrayList<>();
        int agreeing = 0;
        double worstRounding = 0;
        for (int i = 0; i < probes.size(); i++) {
            ReferenceRetrieval.Outcome expected = reference.retrieve(probes.get(i), masks.get(i));
            RetrievalResult result = cpu.get(i);
            agreeing += expected.retrievedIndex() == result.retrievedIndex() ? 1 : 0;
            float[] readout = new float[CifarImages.PIXELS];
            for (int c = 0; c < readout.length; c++) {
                readout[c] = (float) expected.readout()[c];
                double difference = Math.abs((result.reconstruction()[c] & 0xff) - expected.readout()[c]);
                worstRounding = Math.max(worstRounding, difference);
            }
            entries.add(new ReferenceFile.Entry(probes.get(i), masks.get(i), result.retrievedIndex(),
                    result.retrievedWeight(), result.attentionSpread(), result.reconstruction(), readout));
        }
        new ReferenceFile(settings, memorySize, entries).write(Path.of(args[2]));
        System.out.printf("wrote %d reference probes (memory of %d images) to %s; CPU backend and double reference"
                        + " agree on %d retrieved ids; CPU pixels differ from the unrounded double readout by at most"
                        + " %.4f levels%n", entries.size(), memorySize, args[2], agreeing, worstRounding);
    }
}
