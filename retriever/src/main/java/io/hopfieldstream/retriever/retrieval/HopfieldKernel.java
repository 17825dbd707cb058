package io.hopfieldstream.retriever.retrieval;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The batched Modern Hopfield update on float32 matrices of any dimension, computed with ND4J.
 *
 * <p>For B probes Q (B x d), keys K (N x d) and values V (N x dv) of a {@link KernelMemory}, one step is
 *
 * <pre>
 *   W = softmax_rows(beta * Q K^T)      attention weights, B x N
 *   Q_next = W K                        the next state, B x d
 *   readout = W V                       the result, B x dv
 * </pre>
 *
 * <p><b>Streaming softmax.</b> The patterns are processed in chunks of at most {@code chunkSize}, split
 * evenly. Per row the kernel keeps the running maximum m of the scores and the running sum l of
 * {@code exp(s - m)}; each
 * chunk's {@code exp(s - m)} is multiplied into the accumulated W K or W V with one matrix product, and
 * when m grows, l and the accumulated products are multiplied by {@code exp(m_old - m_new)}. At the end
 * the products are divided by l. Working memory is O(B x chunkSize), and the result equals the
 * unchunked one within float32 rounding. The arg-max and the attention spread come from the same pass
 * ({@link AttentionTracker}), except for a row whose attention is so flat that its largest chunkSize
 * weights hold less than 0.9 of the mass: its exact spread takes one more pass over the memory.
 *
 * <p><b>Mask-aware rows.</b> A probe given with a known-pixel mask is scored by {@code beta} times the
 * Pearson correlation over its known pixels with the memory's mask keys ({@link MaskedPearsonScores});
 * the rest of the step is the same. Those scores depend only on the known pixels, which a further step
 * would keep (it would fill only the unknown ones from the readout), so the weights after one step are
 * already a fixed point: a mask-aware row runs one step and is reported converged when
 * {@code maxIterations >= 2}, where a second step would change no weight.
 *
 * <p><b>Iterations.</b> Plain rows run up to {@code maxIterations} steps. After every step from the
 * second on, the kernel compares the new weights with the previous step's, exactly, by a second pass
 * that recomputes both steps' scores chunk by chunk (so it never stores B x N weights; a step after the
 * first costs about twice the first). A row whose largest absolute weight change is at most
 * {@code tolerance} stops, converged; a row that reaches {@code maxIterations} stops unconverged
 * unless its last step met the tolerance. The first step has nothing to compare with, so a plain row
 * with {@code maxIterations = 1} is never converged. Rows stop independently; later steps run only
 * the rows still going. The readout is always taken from the weights of the last step run.
 *
 * <p>An instance keeps preallocated working arrays and must only be used by one thread at a time; it
 * is not synchronised, and its ND4J arrays are never handed to other threads.
 */
final class HopfieldKernel implements AutoCloseable {

    /**
     * Minimum number of weights (4 MiB of floats) one group of the exact spread count may use, so tiny
     * chunks do not force one row a group.
     */
    private static final long MIN_SPREAD_ROOM = 1 << 20;

    private int maxRows;
    private int maxColumns;
    private int dimension;
    private int valueDimension;

    private INDArray scoreBuffer;
    private INDArray previousScoreBuffer;
    private INDArray input;
    private INDArray previousInput;
    private INDArray stateSum;
    private INDArray readoutSum;
    private INDArray maskValues;
    private float[] maskMean;
    private float[] maskScoreFactor;
    private int[] maskOfRow;
    private INDArray distinctMaskKnown;
    private INDArray distinctMaskInverseCount;
    private int distinctMaskCount;
    private INDArray shiftColumn;
    private INDArray divisorColumn;
    private INDArray previousShiftColumn;
    private INDArray previousDivisorColumn;
    private MaskedPearsonScores pearson;
    private AttentionTracker tracker;
    private float[] previousMax;
    private double[] previousSum;

    /**
     * Runs the update for a batch of probes.
     *
     * @param probes B rows of d values: for a plain row the probe as the keys are prepared, for a masked
     *     row the probe on the scale of the mask keys (its unknown values are ignored)
     * @param knownMasks B entries: null for a plain row, else d values, 1 for a known pixel and 0 for an
     *     unknown one; masked rows need a memory with mask keys
     * @param settings beta, maxIterations, tolerance and chunkSize are used
     */
    KernelOutput run(KernelMemory memory, float[][] probes, byte[][] knownMasks, RetrievalSettings settings) {
        settings.validate();
        int batch = probes.length;
        if (knownMasks.length != batch) {
            throw new IllegalArgumentException("Got " + batch + " probes but " + knownMasks.length + " mask entries");
        }
        KernelOutput output = KernelOutput.ofSize(batch, memory.valueDimension());
        if (batch == 0) {
            return output;
        }
        checkProbes(memory, probes, knownMasks);

        int chunk = evenChunk(memory.size(), settings.chunkSize());
        ensureWorkspace(batch, chunk, memory.dimension(), memory.valueDimension());

        int[] positionProbe = new int[batch];
        int plain = 0;
        for (int probe = 0; probe < batch; probe++) {
            if (knownMasks[probe] == null) {
                input.data().asNioFloat().put(plain * dimension, probes[probe]);
                positionProbe[plain++] = probe;
            }
        }
        int masked = loadMaskedProbes(probes, knownMasks, settings.beta(), positionProbe, plain);

        iterate(memory, output, positionProbe, plain, masked, settings, chunk);
        return output;
    }

    private void iterate(KernelMemory memory, KernelOutput output, int[] positionProbe, int plain, int masked,
            RetrievalSettings settings, int chunk) {
        int maxIterations = settings.maxIterations();
        for (int step = 1; step <= maxIterations; step++) {
            int maskedNow = step == 1 ? masked : 0;
            boolean lastStep = step == maxIterations;
            streamingPass(memory, plain, maskedNow, lastStep, settings.beta(), chunk);

            int[] unknownSpread = new int[plain + maskedNow];
            int unknownCount = 0;
            for (int position = plain; position < plain + maskedNow; position++) {
                finish(output, positionProbe[position], position, tracker.sum(position), 1, maxIterations >= 2);
                if (output.attentionSpread()[positionProbe[position]] == AttentionTracker.UNKNOWN) {
                    unknownSpread[unknownCount++] = position;
                }
            }
            if (plain == 0) {
                computeExactSpreads(memory, output, positionProbe, Arrays.copyOf(unknownSpread, unknownCount), plain,
                        settings.beta(), chunk);
                return;
            }

            double[] change = step >= 2 ? weightChangePass(memory, plain, !lastStep, settings.beta(), chunk) : null;
            int[] keep = new int[plain];
            int kept = 0;
            for (int position = 0; position < plain; position++) {
                boolean converged = change != null && change[position] <= settings.tolerance();
                if (lastStep) {
                    finish(output, positionProbe[position], position, tracker.sum(position), step, converged);
                } else if (converged) {
                    finish(output, positionProbe[position], position, 1.0, step, true);
                } else {
                    keep[kept++] = position;
                    continue;
                }
                if (output.attentionSpread()[positionProbe[position]] == AttentionTracker.UNKNOWN) {
                    unknownSpread[unknownCount++] = position;
                }
            }
            computeExactSpreads(memory, output, positionProbe, Arrays.copyOf(unknownSpread, unknownCount), plain,
                    settings.beta(), chunk);
            if (kept == 0) {
                return;
            }

            advanceState(plain);
            compact(Arrays.copyOf(keep, kept), positionProbe);
            plain = kept;
        }
    }

    /**
     * Runs one step's streaming softmax over all chunks: the scores of the first {@code plain} rows of
     * {@link #input} and of the first {@code masked} masked rows, the running maxima and sums, and the
     * accumulated W V (masked rows, and plain rows when {@code plainReadout}) or W K (plain rows otherwise).
     */
    private void streamingPass(KernelMemory memory, int plain, int masked, boolean plainReadout, double beta,
            int chunk) {
        int rows = plain + masked;
        tracker.reset(rows);
        INDArray plainStates = plain > 0 ? head(input, plain) : null;
        MaskedProbes maskedProbes = masked > 0 ? maskedProbes().head(masked) : null;
        INDArray plainSums = plain > 0 ? head(plainReadout ? readoutSum : stateSum, plain) : null;
        INDArray maskedSums = masked > 0 ? rows(readoutSum, plain, masked) : null;
        FloatBuffer scoreValues = scoreBuffer.data().asNioFloat();

        for (int start = 0; start < memory.size(); start += chunk) {
            int length = Math.min(chunk, memory.size() - start);
            INDArray scores = Workspace.view(scoreBuffer, rows, length);
            scores(memory, start, length, plainStates, maskedProbes, scores, beta);

            boolean rescale = tracker.mergeAndShiftChunkScores(scoreValues, length, start);
            Transforms.exp(scores, false);

            if (rescale) {
                fill(divisorColumn, tracker.scales(), rows);
                if (plain > 0) {
                    plainSums.muliColumnVector(column(divisorColumn, 0, plain));
                }
                if (masked > 0) {
                    maskedSums.muliColumnVector(column(divisorColumn, plain, masked));
                }
            }
            double accumulate = start == 0 ? 0.0 : 1.0;
            if (plain > 0) {
                INDArray read = plainReadout ? memory.valueRows(start, length) : memory.keyRows(start, length);
                Nd4j.gemm(rows(scores, 0, plain), read, plainSums, false, false, 1.0, accumulate);
            }
            if (masked > 0) {
                Nd4j.gemm(rows(scores, plain, masked), memory.valueRows(start, length), maskedSums, false, false, 1.0,
                        accumulate);
            }
            tracker.addChunkWeights(scoreValues, length);
        }
    }

    /**
     * Recomputes the weights of the last two steps of the first {@code plain} rows chunk by chunk and
     * returns each row's largest absolute weight change. When {@code accumulateReadout}, also writes the
     * last step's W V into {@link #readoutSum}, already normalised.
     */
    private double[] weightChangePass(KernelMemory memory, int plain, boolean accumulateReadout, double beta,
            int chunk) {
        double[] change = new double[plain];
        float[] currentSum = new float[plain];
        float[] earlierSum = new float[plain];
        for (int row = 0; row < plain; row++) {
            currentSum[row] = (float) tracker.sum(row);
            earlierSum[row] = (float) previousSum[row];
        }
        INDArray currentShift = fill(shiftColumn, tracker.runningMax(), plain);
        INDArray currentDivisor = fill(divisorColumn, currentSum, plain);
        INDArray earlierShift = fill(previousShiftColumn, previousMax, plain);
        INDArray earlierDivisor = fill(previousDivisorColumn, earlierSum, plain);
        INDArray currentStates = head(input, plain);
        INDArray earlierStates = head(previousInput, plain);
        INDArray readout = head(readoutSum, plain);

        for (int start = 0; start < memory.size(); start += chunk) {
            int length = Math.min(chunk, memory.size() - start);
            INDArray current = Workspace.view(scoreBuffer, plain, length);
            INDArray earlier = Workspace.view(previousScoreBuffer, plain, length);
            Nd4j.gemm(currentStates, memory.keyRows(start, length), current, false, true, beta, 0.0);
            Nd4j.gemm(earlierStates, memory.keyRows(start, length), earlier, false, true, beta, 0.0);
            normalise(current, currentShift, currentDivisor);
            normalise(earlier, earlierShift, earlierDivisor);

            if (accumulateReadout) {
                Nd4j.gemm(current, memory.valueRows(start, length), readout, false, false, 1.0, start == 0 ? 0.0 : 1.0);
            }
            earlier.subi(current);
            Transforms.abs(earlier, false);
            float[] largest = earlier.max(1).toFloatVector();
            for (int row = 0; row < plain; row++) {
                change[row] = Math.max(change[row], largest[row]);
            }
        }
        return change;
    }

    /**
     * Replaces the attention spread of the given positions, which the tracker could not decide, by an
     * exact count over their full weight rows. Rows are recomputed in groups whose weights take no more
     * room than one chunk of scores of the whole batch, or {@link #MIN_SPREAD_ROOM} values if that is more.
     */
    private void computeExactSpreads(KernelMemory memory, KernelOutput output, int[] positionProbe, int[] positions,
            int plain, double beta, int chunk) {
        if (positions.length == 0) {
            return;
        }
        int patterns = memory.size();
        long room = Math.max((long) maxRows * maxColumns, MIN_SPREAD_ROOM);
        int group = (int) Math.max(1, Math.min(positions.length, room / patterns));
        for (int first = 0; first < positions.length; first += group) {
            int[] members = Arrays.copyOfRange(positions, first, Math.min(positions.length, first + group));
            int[] plainMembers = Arrays.stream(members).filter(position -> position < plain).toArray();
            int[] maskedMembers = Arrays.stream(members).filter(position -> position >= plain)
                    .map(position -> position - plain).toArray();
            int[] ordered = new int[members.length];
            System.arraycopy(plainMembers, 0, ordered, 0, plainMembers.length);
            for (int i = 0; i < maskedMembers.length; i++) {
                ordered[plainMembers.length + i] = maskedMembers[i] + plain;
            }

            float[] shifts = new float[ordered.length];
            float[] divisors = new float[ordered.length];
            for (int i = 0; i < ordered.length; i++) {
                shifts[i] = tracker.runningMax()[ordered[i]];
                divisors[i] = (float) tracker.sum(ordered[i]);
            }
            INDArray shiftVector = Nd4j.createFromArray(shifts).reshape(ordered.length, 1);
            INDArray divisorVector = Nd4j.createFromArray(divisors).reshape(ordered.length, 1);
            INDArray plainStates = plainMembers.length > 0 ? input.getRows(plainMembers) : null;
            MaskedProbes maskedProbes = maskedMembers.length > 0 ? maskedProbes().select(maskedMembers) : null;

            float[][] weights = new float[ordered.length][patterns];
            FloatBuffer scoreValues = scoreBuffer.data().asNioFloat();
            for (int start = 0; start < patterns; start += chunk) {
                int length = Math.min(chunk, patterns - start);
                INDArray scores = Workspace.view(scoreBuffer, ordered.length, length);
                scores(memory, start, length, plainStates, maskedProbes, scores, beta);
                normalise(scores, shiftVector, divisorVector);
                for (int i = 0; i < ordered.length; i++) {
                    scoreValues.get(i * length, weights[i], start, length);
                }
            }
            for (int i = 0; i < ordered.length; i++) {
                output.attentionSpread()[positionProbe[ordered[i]]] =
                        AttentionTracker.countLargestToReach(weights[i], patterns, AttentionTracker.SPREAD_MASS);
            }
        }
    }

    /** Writes the scores of plain states and masked probes, in that row order, for one chunk into {@code out}. */
    private void scores(KernelMemory memory, int start, int length, INDArray plainStates, MaskedProbes maskedProbes,
            INDArray out, double beta) {
        int plain = plainStates == null ? 0 : plainStates.rows();
        if (plain > 0) {
            INDArray target = maskedProbes == null ? out : rows(out, 0, plain);
            Nd4j.gemm(plainStates, memory.keyRows(start, length), target, false, true, beta, 0.0);
        }
        if (maskedProbes != null) {
            INDArray target = plain == 0 ? out : rows(out, plain, maskedProbes.rows());
            pearson.scores(maskedProbes, memory.maskKeyRows(start, length), memory.squaredMaskKeyRows(start, length),
                    target);
        }
    }

    /** Copies one finished row's readout and attention statistics into the output. */
    private void finish(KernelOutput output, int probe, int position, double divisor, int iterations,
            boolean converged) {
        float[] readout = output.readout()[probe];
        readoutSum.data().asNioFloat().get(position * valueDimension, readout, 0, valueDimension);
        if (divisor != 1.0) {
            float inverse = (float) (1.0 / divisor);
            for (int i = 0; i < readout.length; i++) {
                readout[i] *= inverse;
            }
        }
        output.retrievedIndex()[probe] = tracker.bestIndex(position);
        output.retrievedWeight()[probe] = tracker.bestWeight(position);
        output.attentionSpread()[probe] = tracker.spread(position);
        output.iterations()[probe] = iterations;
        output.converged()[probe] = converged;
    }

    /** Turns the accumulated W K of the first {@code plain} rows into the next input and keeps the current one. */
    private void advanceState(int plain) {
        float[] sums = new float[plain];
        for (int row = 0; row < plain; row++) {
            sums[row] = (float) tracker.sum(row);
        }
        head(stateSum, plain).diviColumnVector(fill(divisorColumn, sums, plain));
        tracker.copyNormalisers(previousMax, previousSum);

        INDArray spare = previousInput;
        previousInput = input;
        input = stateSum;
        stateSum = spare;
    }

    /** Moves the rows at positions {@code keep} (ascending) to the front of the state arrays and bookkeeping. */
    private void compact(int[] keep, int[] positionProbe) {
        boolean prefix = true;
        for (int i = 0; i < keep.length; i++) {
            prefix &= keep[i] == i;
        }
        if (prefix) {
            return;
        }
        head(input, keep.length).assign(input.getRows(keep));
        head(previousInput, keep.length).assign(previousInput.getRows(keep));
        for (int i = 0; i < keep.length; i++) {
            previousMax[i] = previousMax[keep[i]];
            previousSum[i] = previousSum[keep[i]];
            positionProbe[i] = positionProbe[keep[i]];
        }
    }

    /**
     * Loads the masked probes after the {@code plain} rows, ordered so that rows with the same mask are
     * adjacent, and each distinct mask once into {@link #distinctMaskKnown}.
     *
     * @return the number of masked probes
     */
    private int loadMaskedProbes(float[][] probes, byte[][] knownMasks, double beta, int[] positionProbe, int plain) {
        Map<MaskKey, List<Integer>> probesByMask = new LinkedHashMap<>();
        for (int probe = 0; probe < probes.length; probe++) {
            if (knownMasks[probe] != null) {
                probesByMask.computeIfAbsent(new MaskKey(knownMasks[probe]), key -> new ArrayList<>()).add(probe);
            }
        }

        int masked = 0;
        int maskIndex = 0;
        for (Map.Entry<MaskKey, List<Integer>> entry : probesByMask.entrySet()) {
            byte[] mask = entry.getKey().mask();
            float[] known = new float[dimension];
            int count = 0;
            for (int i = 0; i < dimension; i++) {
                known[i] = mask[i];
                count += mask[i];
            }
            distinctMaskKnown.data().asNioFloat().put(maskIndex * dimension, known);
            distinctMaskInverseCount.putScalar(maskIndex, 0, (float) (1.0 / count));
            for (int probe : entry.getValue()) {
                loadMaskedProbe(masked, probes[probe], mask, beta);
                maskOfRow[masked] = maskIndex;
                positionProbe[plain + masked++] = probe;
            }
            maskIndex++;
        }
        distinctMaskCount = maskIndex;
        return masked;
    }

    private void loadMaskedProbe(int row, float[] probe, byte[] known, double beta) {
        float[] values = new float[dimension];
        int count = 0;
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            if (known[i] == 1) {
                values[i] = probe[i];
                count++;
                sum += probe[i];
            }
        }
        double mean = sum / count;
        double spread = 0;
        for (int i = 0; i < dimension; i++) {
            if (known[i] == 1) {
                spread += (probe[i] - mean) * (probe[i] - mean);
            }
        }
        maskValues.data().asNioFloat().put(row * dimension, values);
        maskMean[row] = (float) mean;
        maskScoreFactor[row] = spread >= MaskedPearsonScores.MIN_SPREAD ? (float) (beta / Math.sqrt(spread)) : 0f;
    }

    private MaskedProbes maskedProbes() {
        MaskedProbes.DistinctMasks masks = new MaskedProbes.DistinctMasks(head(distinctMaskKnown, distinctMaskCount),
                head(distinctMaskInverseCount, distinctMaskCount));
        return new MaskedProbes(maskValues, maskMean, maskScoreFactor, maskOfRow, masks);
    }

    /** A known-pixel mask as a map key, compared by content. */
    private record MaskKey(byte[] mask) {

        @Override
        public boolean equals(Object other) {
            return other instanceof MaskKey key && Arrays.equals(mask, key.mask);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mask);
        }
    }

    private static void checkProbes(KernelMemory memory, float[][] probes, byte[][] knownMasks) {
        int dimension = memory.dimension();
        for (int probe = 0; probe < probes.length; probe++) {
            if (probes[probe] == null || probes[probe].length != dimension) {
                throw new IllegalArgumentException("Probe " + probe + " has "
                        + (probes[probe] == null ? "no values" : probes[probe].length + " values")
                        + ", the memory's dimension is " + dimension);
            }
            byte[] known = knownMasks[probe];
            if (known == null) {
                continue;
            }
            if (!memory.hasMaskKeys()) {
                throw new IllegalArgumentException("Probe " + probe + " has a known-pixel mask, but the memory was "
                        + "built without mask keys");
            }
            if (known.length != dimension) {
                throw new IllegalArgumentException("Known-pixel mask of probe " + probe + " has " + known.length
                        + " values, the memory's dimension is " + dimension);
            }
            int count = 0;
            for (int i = 0; i < dimension; i++) {
                if (known[i] != 0 && known[i] != 1) {
                    throw new IllegalArgumentException("Known-pixel mask of probe " + probe + " has value " + known[i]
                            + " at index " + i + "; expected 0 (unknown) or 1 (known)");
                }
                count += known[i];
            }
            if (count == 0) {
                throw new IllegalArgumentException("Known-pixel mask of probe " + probe + " marks no pixel as known");
            }
        }
    }

    private void ensureWorkspace(int rows, int columns, int keyDimension, int readoutDimension) {
        if (rows <= maxRows && columns <= maxColumns && keyDimension == dimension
                && readoutDimension == valueDimension) {
            return;
        }
        releaseWorkspace();
        maxRows = Math.max(rows, maxRows);
        maxColumns = Math.max(columns, maxColumns);
        dimension = keyDimension;
        valueDimension = readoutDimension;

        scoreBuffer = Workspace.flat(maxRows, maxColumns);
        previousScoreBuffer = Workspace.flat(maxRows, maxColumns);
        input = Nd4j.create(DataType.FLOAT, maxRows, dimension);
        previousInput = Nd4j.create(DataType.FLOAT, maxRows, dimension);
        stateSum = Nd4j.create(DataType.FLOAT, maxRows, dimension);
        readoutSum = Nd4j.create(DataType.FLOAT, maxRows, valueDimension);
        maskValues = Nd4j.create(DataType.FLOAT, maxRows, dimension);
        maskMean = new float[maxRows];
        maskScoreFactor = new float[maxRows];
        maskOfRow = new int[maxRows];
        distinctMaskKnown = Nd4j.create(DataType.FLOAT, maxRows, dimension);
        distinctMaskInverseCount = Nd4j.create(DataType.FLOAT, maxRows, 1);
        shiftColumn = Nd4j.create(DataType.FLOAT, maxRows);
        divisorColumn = Nd4j.create(DataType.FLOAT, maxRows);
        previousShiftColumn = Nd4j.create(DataType.FLOAT, maxRows);
        previousDivisorColumn = Nd4j.create(DataType.FLOAT, maxRows);
        pearson = new MaskedPearsonScores(maxRows, maxColumns);
        tracker = new AttentionTracker(maxRows, maxColumns);
        previousMax = new float[maxRows];
        previousSum = new double[maxRows];
    }

    private void releaseWorkspace() {
        for (INDArray array : new INDArray[] {scoreBuffer, previousScoreBuffer, input, previousInput, stateSum,
                readoutSum, maskValues, distinctMaskKnown, distinctMaskInverseCount, shiftColumn,
                divisorColumn, previousShiftColumn, previousDivisorColumn}) {
            if (array != null && !array.wasClosed()) {
                array.close();
            }
        }
        if (pearson != null) {
            pearson.close();
        }
    }

    /** Releases the working arrays; the kernel allocates new ones if it runs again. */
    @Override
    public void close() {
        releaseWorkspace();
        maxRows = 0;
        maxColumns = 0;
        dimension = 0;
        valueDimension = 0;
    }

    private static void normalise(INDArray scores, INDArray shift, INDArray divisor) {
        scores.subiColumnVector(shift);
        Transforms.exp(scores, false);
        scores.diviColumnVector(divisor);
    }

    /**
     * Returns the chunk length that splits {@code patterns} into as few chunks of at most {@code chunkSize}
     * as possible, of nearly equal length: a short last chunk would cost a matrix product of its own at a
     * poor rate.
     */
    static int evenChunk(int patterns, int chunkSize) {
        int chunks = (patterns + chunkSize - 1) / chunkSize;
        return (patterns + chunks - 1) / chunks;
    }

    /** Writes {@code values[0 .. count)} into the start of a vector and returns that part as a view. */
    private static INDArray fill(INDArray vector, float[] values, int count) {
        vector.data().asNioFloat().put(0, values, 0, count);
        return column(vector, 0, count);
    }

    private static INDArray column(INDArray vector, int first, int count) {
        return Workspace.column(vector, first, count);
    }

    private static INDArray head(INDArray matrix, int count) {
        return rows(matrix, 0, count);
    }

    private static INDArray rows(INDArray matrix, int first, int count) {
        return Workspace.rows(matrix, first, count);
    }
}
