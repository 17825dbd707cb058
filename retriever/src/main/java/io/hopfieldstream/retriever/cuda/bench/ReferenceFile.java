package io.hopfieldstream.retriever.cuda.bench;

import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference results computed on the CPU and shipped to the GPU machine, which has no ND4J. The
 * file contains the settings and the memory size (the first N images of the batch file). Per probe
 * it contains the pixels and mask, the CPU backend's result and the double-precision
 * reconstruction before rounding.
 */
public record ReferenceFile(RetrievalSettings settings, int memorySize, List<Entry> entries) {

    private static final int MAGIC = 0x48535246;

    /**
     * One reference probe.
     *
     * @param mask null for a probe without a mask
     * @param cpuIndex the CPU backend's retrieved index
     * @param cpuWeight its weight
     * @param cpuSpread its attention spread
     * @param cpuReconstruction its rounded reconstruction
     * @param readout the double-precision reconstruction before rounding, in pixel units
     */
    public record Entry(byte[] pixels, byte[] mask, int cpuIndex, double cpuWeight, int cpuSpread,
                        byte[] cpuReconstruction, float[] readout) {
    }

    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeDouble(settings.beta());
            out.writeInt(settings.maxIterations());
            out.writeDouble(settings.tolerance());
            out.writeInt(settings.normalization().ordinal());
            out.writeBoolean(settings.maskAware());
            out.writeInt(settings.chunkSize());
            out.writeInt(memorySize);
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                out.write(entry.pixels());
                out.writeBoolean(entry.mask() != null);
                if (entry.mask() != null) {
                    out.write(entry.mask());
                }
                out.writeInt(entry.cpuIndex());
                out.writeDouble(entry.cpuWeight());
                out.writeInt(entry.cpuSpread());
                out.write(entry.cpuReconstruction());
                for (float value : entry.readout()) {
                    out.writeFloat(value);
                }
            }
        }
    }

    public static ReferenceFile read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a reference file written by ReferenceWriter");
            }
            RetrievalSettings settings = new RetrievalSettings(in.readDouble(), in.readInt(), in.readDouble(),
                    Normalization.values()[in.readInt()], in.readBoolean(), in.readInt());
            int memorySize = in.readInt();
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] pixels = in.readNBytes(CifarImages.PIXELS);
                byte[] mask = in.readBoolean() ? in.readNBytes(CifarImages.PIXELS) : null;
                int index = in.readInt();
                double weight = in.readDouble();
                int spread = in.readInt();
                byte[] reconstruction = in.readNBytes(CifarImages.PIXELS);
                float[] readout = new float[CifarImages.PIXELS];
                for (int c = 0; c < readout.length; c++) {
                    readout[c] = in.readFloat();
                }
                entries.add(new Entry(pixels, mask, index, weight, spread, reconstruction, readout));
            }
            return new ReferenceFile(settings, memorySize, entries);
        }
    }
}
