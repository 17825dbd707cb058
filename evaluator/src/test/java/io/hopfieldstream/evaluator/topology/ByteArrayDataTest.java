package io.hopfieldstream.evaluator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;

import org.junit.jupiter.api.Test;

class ByteArrayDataTest {

    private static final String TEXT = "exp/é€\u0000𝄞";

    @Test
    void outputMatchesDataOutputStream() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream stream = new DataOutputStream(expected)) {
            writeSample(stream);
        }
        ByteArrayDataOutput output = new ByteArrayDataOutput(4);
        writeSample(output);

        assertThat(output.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void inputReadsDataOutputStream() throws IOException {
        ByteArrayDataOutput output = new ByteArrayDataOutput(4);
        writeSample(output);
        ByteArrayDataInput input = new ByteArrayDataInput(output.toByteArray());

        assertThat(input.readBoolean()).isTrue();
        assertThat(input.readByte()).isEqualTo((byte) -3);
        assertThat(input.readShort()).isEqualTo((short) -1234);
        assertThat(input.readUnsignedShort()).isEqualTo(65_000);
        assertThat(input.readInt()).isEqualTo(-123_456_789);
        assertThat(input.readLong()).isEqualTo(Long.MIN_VALUE + 7);
        assertThat(input.readDouble()).isEqualTo(0.96875);
        assertThat(input.readFloat()).isEqualTo(-2.5f);
        assertThat(input.readUTF()).isEqualTo(TEXT);
        assertThat(input.remaining()).isZero();

        DataInputStream reference = new DataInputStream(new ByteArrayInputStream(output.toByteArray()));
        reference.skipBytes(1 + 1 + 2 + 2 + 4 + 8 + 8 + 4);
        assertThat(reference.readUTF()).isEqualTo(TEXT);
    }

    @Test
    void truncatedInputRaisesEof() {
        ByteArrayDataInput input = new ByteArrayDataInput(new byte[3]);

        assertThatThrownBy(input::readInt).isInstanceOf(EOFException.class).hasMessageContaining("4 more bytes");
    }

    @Test
    void overlongStringIsRejected() {
        ByteArrayDataOutput output = new ByteArrayDataOutput(4);

        assertThatThrownBy(() -> output.writeUTF("x".repeat(70_000))).isInstanceOf(UTFDataFormatException.class);
    }

    private static void writeSample(java.io.DataOutput output) throws IOException {
        output.writeBoolean(true);
        output.writeByte(-3);
        output.writeShort(-1234);
        output.writeShort(65_000);
        output.writeInt(-123_456_789);
        output.writeLong(Long.MIN_VALUE + 7);
        output.writeDouble(0.96875);
        output.writeFloat(-2.5f);
        output.writeUTF(TEXT);
    }
}
