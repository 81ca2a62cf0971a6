package org.urna.core.ballot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.urna.core.crypto.CryptoFormatException;

/** Big-endian binary writer and bounds-checked reader for the ballot encodings (spec 5.5). */
final class Wire {
  private Wire() {}

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

    Writer u8(int v) {
      out.write(v);
      return this;
    }

    Writer u16(int v) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("value does not fit 16 bits");
      }
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Writer u32(long v) {
      if (v < 0 || v > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("value does not fit 32 bits");
      }
      out.writeBytes(ByteBuffer.allocate(4).putInt((int) v).array());
      return this;
    }

    Writer u64(long v) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
      return this;
    }

    Writer raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    /** u16 length, then the bytes. */
    Writer bytes16(byte[] b) {
      u16(b.length);
      return raw(b);
    }

    Writer str(String s) {
      return bytes16(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  static final class Reader {
    private final ByteBuffer buf;

    Reader(byte[] bytes) {
      buf = ByteBuffer.wrap(bytes);
    }

    private void need(int n, String field) {
      if (buf.remaining() < n) {
        throw new BallotFormatException(field + ": truncated (needs " + n + " more bytes)");
      }
    }

    int u8(String field) {
      need(1, field);
      return buf.get() & 0xFF;
    }

    int u16(String field) {
      need(2, field);
      return buf.getShort() & 0xFFFF;
    }

    long u32(String field) {
      need(4, field);
      return buf.getInt() & 0xFFFFFFFFL;
    }

    long u64(String field) {
      need(8, field);
      return buf.getLong();
    }

    byte[] raw(int n, String field) {
      need(n, field);
      byte[] out = new byte[n];
      buf.get(out);
      return out;
    }

    byte[] bytes16(String field) {
      return raw(u16(field), field);
    }

    String str(String field) {
      byte[] b = bytes16(field);
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b))
            .toString();
      } catch (CharacterCodingException e) {
        throw new BallotFormatException(field + ": not UTF-8");
      }
    }

    /** Runs a decoder of crypto values, naming the field when the bytes are refused. */
    <T> T decode(String field, int n, java.util.function.Function<byte[], T> decoder) {
      byte[] b = raw(n, field);
      try {
        return decoder.apply(b);
      } catch (CryptoFormatException e) {
        throw new BallotFormatException(field + ": " + e.getMessage(), e);
      }
    }

    void end(String what) {
      if (buf.hasRemaining()) {
        throw new BallotFormatException(what + ": " + buf.remaining() + " trailing bytes");
      }
    }
  }
}
