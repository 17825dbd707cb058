package io.hopfieldstream.retriever.cuda.bench;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Images of a CIFAR-10 binary batch file ({@code test_batch.bin}): records of one label byte and
 * 3072 pixel bytes (all red, then green, then blue). Kept small on purpose: the GPU check ships
 * without the producer module.
 */
public final class CifarImages {

    public static final int PIXELS = 3072;

    private CifarImages() {
    }

    /** Reads the first limit images, or all of them when the file contains fewer. */
    public static List<StoredPattern> read(Path batchFile, int limit) throws IOException {
        List<StoredPattern> images = new ArrayList<>();
        try (InputStream file = Files.newInputStream(batchFile);
             DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 20))) {
            while (images.size() < limit) {
                int label;
                try {
                    label = in.readUnsignedByte();
                } catch (EOFException end) {
                    break;
                }
                byte[] pixels = new byte[PIXELS];
                in.readFully(pixels);
                images.add(new StoredPattern("test-" + images.size(), label, pixels));
            }
        }
        if (images.isEmpty()) {
            throw new IOException(batchFile + " contains no CIFAR-10 image; expected records of 3073 bytes");
        }
        return images;
    }

    /**
     * Builds a memory of size patterns: the images, then copies of them with seeded uniform noise
     * of up to noise pixel levels, so a large memory made from few real images has no duplicate rows.
     */
    public static MemorySnapshot tiled(List<StoredPattern> images, int size, int noise, long seed) {
        Random random = new Random(seed);
        List<StoredPattern> patterns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            StoredPattern source = images.get(i % images.size());
            byte[] pixels = source.pixels();
            if (i >= images.size()) {
                pixels = pixels.clone();
                for (int c = 0; c < PIXELS; c++) {
                    int value = (pixels[c] & 0xff) + random.nextInt(2 * noise + 1) - noise;
                    pixels[c] = (byte) Math.max(0, Math.min(255, value));
                }
            }
            patterns.add(new StoredPattern("tile-" + i, source.label(), pixels));
        }
        return new MemorySnapshot(size, patterns);
    }

    /** Copies pixels and adds seeded Gaussian noise of sigma pixel levels, clamped to 0..255. */
    public static byte[] noisy(byte[] pixels, double sigma, Random random) {
        byte[] out = pixels.clone();
        for (int c = 0; c < out.length; c++) {
            long value = (out[c] & 0xff) + Math.round(random.nextGaussian() * sigma);
            out[c] = (byte) Math.max(0, Math.min(255, value));
        }
        return out;
    }

    /** Copies pixels with the lower half of each colour plane set to 0; returns the probe and its known-pixel mask. */
    public static byte[][] lowerHalfMasked(byte[] pixels) {
        byte[] probe = pixels.clone();
        byte[] mask = new byte[PIXELS];
        for (int channel = 0; channel < 3; channel++) {
            for (int i = 0; i < 1024; i++) {
                boolean known = i < 512;
                mask[channel * 1024 + i] = (byte) (known ? 1 : 0);
                if (!known) {
                    probe[channel * 1024 + i] = 0;
                }
            }
        }
        return new byte[][] {probe, mask};
    }
}
