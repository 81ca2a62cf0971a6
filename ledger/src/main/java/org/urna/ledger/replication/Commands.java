package org.urna.ledger.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The binary commands carried by Raft log entries, and the replies to them. */
public final class Commands {
  public static final byte SUBMIT = 0x01;
  public static final byte CHECKPOINT = 0x02;
  public static final int MAX_BALLOTS = 20_000;

  private Commands() {}

  /**
   * The binary batch of docs/spec/ledger.md: {@code u32 n || n × (u32 length || recorded ballot)},
   * big-endian. A station's upload body and, after the command byte, the Raft entry.
   */
  public static byte[] batch(List<byte[]> ballots) {
    int total = 4;
    for (byte[] b : ballots) {
      total += 4 + b.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    buf.putInt(ballots.size());
    for (byte[] b : ballots) {
      buf.putInt(b.length).put(b);
    }
    return buf.array();
  }

  /** A batch holding more ballots than one request may carry. */
  public static final class TooManyBallots extends IOException {
    TooManyBallots(int max) {
      super("at most " + max + " ballots in one batch");
    }
  }

  /**
   * Checks a binary batch's framing: 1..{@code max} ballots, every length inside the body, no
   * trailing bytes. Returns the number of ballots; a refusal says what is wrong.
   */
  public static int checkBatch(byte[] body, int max) throws IOException {
    if (body.length < 4) {
      throw new IOException("the batch is shorter than its ballot count");
    }
    ByteBuffer buf = ByteBuffer.wrap(body);
    int n = buf.getInt();
    if (n <= 0) {
      throw new IOException("the batch holds no ballot");
    }
    if (n > max) {
      throw new TooManyBallots(max);
    }
    for (int i = 0; i < n; i++) {
      if (buf.remaining() < 4) {
        throw new IOException("ballot " + i + ": the batch ends before its length");
      }
      int len = buf.getInt();
      if (len < 0 || len > buf.remaining()) {
        throw new IOException("ballot " + i + ": its length runs past the end of the batch");
      }
      buf.position(buf.position() + len);
    }
    if (buf.hasRemaining()) {
      throw new IOException(buf.remaining() + " bytes after the last ballot");
    }
    return n;
  }

  /** The ballots of a binary batch whose framing {@link #checkBatch} accepted. */
  public static List<byte[]> ballotsOf(byte[] batch) {
    ByteBuffer buf = ByteBuffer.wrap(batch);
    int n = buf.getInt();
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[buf.getInt()];
      buf.get(b);
      out.add(b);
    }
    return out;
  }

  public static List<byte[]> readSubmit(byte[] command) throws IOException {
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(command, 1, command.length - 1));
    int n = in.readInt();
    if (n < 0 || n > MAX_BALLOTS) {
      throw new IOException("too many ballots in one entry");
    }
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = in.readInt();
      if (len < 0 || len > command.length) {
        throw new IOException("bad ballot length");
      }
      byte[] b = new byte[len];
      in.readFully(b);
      out.add(b);
    }
    return out;
  }

  public static byte[] checkpoint(byte[] note) {
    byte[] out = new byte[note.length + 1];
    out[0] = CHECKPOINT;
    System.arraycopy(note, 0, out, 1, note.length);
    return out;
  }

  /**
   * The reply to a SUBMIT entry: {@code u32 n || n × verdict}, each verdict {@code u8 kind} then
   * its fields; a string is {@code u32 length || UTF-8 bytes}. Cannot fail: a verdict's strings are
   * bounded ({@link Verdict}) and the buffer grows as needed.
   */
  public static byte[] verdicts(List<Verdict> verdicts) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(64 + 96 * verdicts.size());
    DataOutputStream out = new DataOutputStream(bos);
    try {
      out.writeInt(verdicts.size());
      for (Verdict v : verdicts) {
        switch (v) {
          case Verdict.Accepted a -> {
            out.writeByte(1);
            writeString(out, a.ballotId());
            writeString(out, a.stationId());
            out.writeLong(a.index());
            writeString(out, a.trackingCode());
            out.writeBoolean(a.resubmitted());
          }
          case Verdict.Rejected r -> {
            out.writeByte(2);
            writeString(out, r.ballotId());
            writeString(out, r.reason());
          }
        }
      }
    } catch (IOException e) {
      // a ByteArrayOutputStream does not fail
      throw new AssertionError(e);
    }
    return bos.toByteArray();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in, int max) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > max) {
      throw new IOException("a verdict's text is longer than any verdict holds");
    }
    return new String(in.readNBytes(len), StandardCharsets.UTF_8);
  }

  public static List<Verdict> readVerdicts(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    int n = in.readInt();
    if (n < 0 || n > MAX_BALLOTS) {
      throw new IOException("too many verdicts in one reply");
    }
    int maxBytes = 4 * Verdict.MAX_REASON;
    List<Verdict> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = in.readByte();
      if (kind == 1) {
        out.add(
            new Verdict.Accepted(
                readString(in, maxBytes),
                readString(in, maxBytes),
                in.readLong(),
                readString(in, maxBytes),
                in.readBoolean()));
      } else if (kind == 2) {
        out.add(new Verdict.Rejected(readString(in, maxBytes), readString(in, maxBytes)));
      } else {
        throw new IOException("unknown verdict kind " + kind);
      }
    }
    return out;
  }
}
