package io.hopfieldstream.evaluator.topology;

import java.io.DataOutput;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * {@link DataOutput} into a growing byte array, in the byte order and string format of
 * {@link java.io.DataOutputStream}. Unlike a {@code DataOutputStream} over a {@code ByteArrayOutputStream}, no
 * call takes a lock, which matters for state written byte by byte on every window update. Not thread-safe.
 */
final class ByteArrayDataOutput implements DataOutput {

    private static final int MAX_UTF_BYTES = 65_535;

    private byte[] bytes;
    private int size;

    ByteArrayDataOutput(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Returns a copy of the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public void write(int value) {
        ensureCapacity(1);
        bytes[size++] = (byte) value;
    }

    @Override
    public void write(byte[] source) {
        write(source, 0, source.length);
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    @Override
    public void writeBoolean(boolean value) {
        write(value ? 1 : 0);
    }

    @Override
    public void writeByte(int value) {
        write(value);
    }

    @Override
    public void writeShort(int value) {
        ensureCapacity(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    @Override
    public void writeChar(int value) {
        writeShort(value);
    }

    @Override
    public void writeInt(int value) {
        ensureCapacity(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    @Override
    public void writeLong(long value) {
        ensureCapacity(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    @Override
    public void writeFloat(float value) {
        writeInt(Float.floatToIntBits(value));
    }

    @Override
    public void writeDouble(double value) {
        writeLong(Double.doubleToLongBits(value));
    }

    @Override
    public void writeBytes(String text) {
        ensureCapacity(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    @Override
    public void writeChars(String text) {
        for (int i = 0; i < text.length(); i++) {
            writeChar(text.charAt(i));
        }
    }

    /** Writes a string in the modified UTF-8 of {@link java.io.DataOutput#writeUTF}: a 2-byte length, then the bytes. */
    @Override
    public void writeUTF(String text) throws UTFDataFormatException {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            length += encodedLength(text.charAt(i));
        }
        if (length > MAX_UTF_BYTES) {
            throw new UTFDataFormatException("String of " + length + " encoded bytes is longer than "
                    + MAX_UTF_BYTES);
        }

        writeShort(length);
        ensureCapacity(length);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[size++] = (byte) c;
            } else if (c > 0x07FF) {
                bytes[size++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[size++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /** Returns the bytes of one char in modified UTF-8, where the char 0 takes two bytes. */
    private static int encodedLength(char c) {
        if (c >= 0x0001 && c <= 0x007F) {
            return 1;
        }
        if (c > 0x07FF) {
            return 3;
        }
        return 2;
    }

    private void ensureCapacity(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
