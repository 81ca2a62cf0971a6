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

  /**
   * A station-signed batch: {@code 0x03 || signature (64) || u32 n || n × (u32 length || recorded
   * ballot)}, the signature being election-core's {@code BatchStatement} over every ballot's bytes.
   */
  public static final byte SUBMIT_SIGNED = 0x03;

  /**
   * Station lifecycle events: {@code 0x04 || u32 n || n × (u32 length || signed event)}, each event
   * election-core's {@code StationLifecycleEvent} (docs/spec/ledger.md, "Station events").
   */
  public static final byte SUBMIT_EVENTS = 0x04;

  /** The most events one request or entry carries. */
  public static final int MAX_EVENTS = 64;

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

  /**
   * The signed binary batch of docs/spec/ledger.md: {@code signature (64) || u32 n || n × (u32
   * length || recorded ballot)}, the signature being the station's {@code BatchStatement} over the
   * ballots. A station's upload body and, after the command byte, the Raft entry.
   */
  public static byte[] signedBatch(byte[] signature, List<byte[]> ballots) {
    if (signature.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("a batch signature has 64 bytes");
    }
    byte[] batch = batch(ballots);
    byte[] out = new byte[SIGNATURE_BYTES + batch.length];
    System.arraycopy(signature, 0, out, 0, SIGNATURE_BYTES);
    System.arraycopy(batch, 0, out, SIGNATURE_BYTES, batch.length);
    return out;
  }

  /** The length of the station's signature at the start of a signed batch. */
  public static final int SIGNATURE_BYTES = 64;

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
    return checkBatch(body, 0, max);
  }

  /** {@link #checkBatch(byte[], int)} of a signed batch: the signature, then a batch. */
  public static int checkSignedBatch(byte[] body, int max) throws IOException {
    if (body.length < SIGNATURE_BYTES) {
      throw new IOException("the signed batch is shorter than its signature");
    }
    return checkBatch(body, SIGNATURE_BYTES, max);
  }

  private static int checkBatch(byte[] body, int offset, int max) throws IOException {
    if (body.length - offset < 4) {
      throw new IOException("the batch is shorter than its ballot count");
    }
    ByteBuffer buf = ByteBuffer.wrap(body, offset, body.length - offset);
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
    return ballotsOf(batch, 0);
  }

  /** The ballots of a batch that starts at {@code offset} (a signed batch: after its signature). */
  public static List<byte[]> ballotsOf(byte[] batch, int offset) {
    ByteBuffer buf = ByteBuffer.wrap(batch, offset, batch.length - offset);
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
    return readBallots(command, 1);
  }

  /** The signature and ballots of a SUBMIT_SIGNED entry; refuses a malformed entry. */
  public static SignedSubmit readSignedSubmit(byte[] command) throws IOException {
    if (command.length < 1 + SIGNATURE_BYTES) {
      throw new IOException("the signed batch is shorter than its signature");
    }
    return new SignedSubmit(
        java.util.Arrays.copyOfRange(command, 1, 1 + SIGNATURE_BYTES),
        readBallots(command, 1 + SIGNATURE_BYTES));
  }

  /** A SUBMIT_SIGNED entry read: the station's batch signature and the ballots. */
  public record SignedSubmit(byte[] signature, List<byte[]> ballots) {}

  private static List<byte[]> readBallots(byte[] command, int offset) throws IOException {
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(command, offset, command.length - offset));
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

  /** The events of a SUBMIT_EVENTS entry; refuses a malformed entry. */
  public static List<byte[]> readEvents(byte[] command) throws IOException {
    List<byte[]> events = readBallots(command, 1);
    if (events.isEmpty() || events.size() > MAX_EVENTS) {
      throw new IOException("1 to " + MAX_EVENTS + " events in one entry");
    }
    return events;
  }

  /** A SUBMIT_EVENTS entry: the command byte, then the events framed as a binary batch. */
  public static byte[] submitEvents(List<byte[]> events) {
    byte[] batch = batch(events);
    byte[] out = new byte[1 + batch.length];
    out[0] = SUBMIT_EVENTS;
    System.arraycopy(batch, 0, out, 1, batch.length);
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
