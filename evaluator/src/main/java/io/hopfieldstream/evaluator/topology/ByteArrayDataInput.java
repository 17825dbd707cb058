package io.hopfieldstream.evaluator.topology;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * {@link DataInput} over a byte array, reading what {@link ByteArrayDataOutput} or
 * {@link java.io.DataOutputStream} wrote, without the locks of a stream. Not thread-safe.
 */
final class ByteArrayDataInput implements DataInput {

    private final byte[] bytes;
    private int position;

    ByteArrayDataInput(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns the number of bytes not yet read. */
    int remaining() {
        return bytes.length - position;
    }

    @Override
    public void readFully(byte[] target) throws IOException {
        readFully(target, 0, target.length);
    }

    @Override
    public void readFully(byte[] target, int offset, int length) throws IOException {
        require(length);
        System.arraycopy(bytes, position, target, offset, length);
        position += length;
    }

    @Override
    public int skipBytes(int count) {
        int skipped = Math.max(0, Math.min(count, remaining()));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readUnsignedByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        require(1);
        return bytes[position++];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        return (short) readUnsignedShort();
    }

    @Override
    public int readUnsignedShort() throws IOException {
        require(2);
        int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readUnsignedShort();
    }

    @Override
    public int readInt() throws IOException {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    @Override
    public long readLong() throws IOException {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** Not supported: the evaluator's formats have no line-based text. */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("readLine is not supported");
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }

    private void require(int length) throws EOFException {
        if (length > remaining()) {
            throw new EOFException("Needed " + length + " more bytes but only " + remaining() + " remain");
        }
    }
}
