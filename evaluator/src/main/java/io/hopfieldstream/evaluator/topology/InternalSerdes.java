package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.ReconstructionScore;
import io.hopfieldstream.evaluator.scoring.ScoredReconstruction;
import io.hopfieldstream.evaluator.windows.CountWindow;
import io.hopfieldstream.evaluator.windows.MetricsAccumulator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.kafka.common.serialization.Serde;

/** Serdes of the values that stay inside the evaluator: repartitioned scores and window state. */
public final class InternalSerdes {

    private static final byte SCORED_FORMAT_VERSION = 1;

    private InternalSerdes() {
    }

    /** Returns the serde of the scored reconstructions on the repartition topic. */
    public static Serde<ScoredReconstruction> scoredReconstruction() {
        return new BinarySerde<>("scored reconstruction", InternalSerdes::writeScored, InternalSerdes::readScored);
    }

    /** Returns the serde of hopping and cumulative window totals. */
    public static Serde<MetricsAccumulator> metricsAccumulator() {
        return new BinarySerde<>("metrics aggregate", MetricsAccumulator::writeTo, MetricsAccumulator::readFrom);
    }

    /** Returns the serde of count windows. */
    public static Serde<CountWindow> countWindow() {
        return new BinarySerde<>("count window", CountWindow::writeTo, CountWindow::readFrom);
    }

    private static void writeScored(ScoredReconstruction scored, DataOutput output) throws IOException {
        output.writeByte(SCORED_FORMAT_VERSION);
        output.writeUTF(scored.experimentId());
        output.writeUTF(scored.runId());
        output.writeUTF(scored.corruptionKind());
        output.writeDouble(scored.corruptionLevel());
        output.writeUTF(scored.probeId());
        output.writeLong(scored.retrievedAtMs());
        output.writeLong(scored.latencyMs());
        output.writeInt(scored.attentionSpread());
        ReconstructionScore score = scored.score();
        output.writeBoolean(score != null);
        if (score != null) {
            output.writeDouble(score.similarity());
            output.writeBoolean(score.correct());
            output.writeBoolean(score.exactMatch());
            output.writeDouble(score.psnrDb());
        }
    }

    private static ScoredReconstruction readScored(DataInput input) throws IOException {
        byte version = input.readByte();
        if (version != SCORED_FORMAT_VERSION) {
            throw new IOException("unknown format version " + version);
        }
        String experimentId = input.readUTF();
        String runId = input.readUTF();
        String corruptionKind = input.readUTF();
        double corruptionLevel = input.readDouble();
        String probeId = input.readUTF();
        long retrievedAtMs = input.readLong();
        long latencyMs = input.readLong();
        int attentionSpread = input.readInt();
        ReconstructionScore score = null;
        if (input.readBoolean()) {
            score = new ReconstructionScore(input.readDouble(), input.readBoolean(), input.readBoolean(),
                    input.readDouble());
        }
        return new ScoredReconstruction(experimentId, runId, corruptionKind, corruptionLevel, probeId,
                retrievedAtMs, latencyMs, attentionSpread, score);
    }
}
