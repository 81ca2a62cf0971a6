package org.urna.ledger.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The binary commands carried by Raft log entries, and the replies to them. */
public final class Commands {
  public static final byte SUBMIT = 0x01;
  public static final byte CHECKPOINT = 0x02;
  public static final int MAX_BALLOTS = 20_000;

  private Commands() {}

  public static byte[] submit(List<byte[]> ballots) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bos)) {
      out.writeByte(SUBMIT);
      out.writeInt(ballots.size());
      for (byte[] b : ballots) {
        out.writeInt(b.length);
        out.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
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

  public static byte[] verdicts(List<Verdict> verdicts) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bos)) {
      out.writeInt(verdicts.size());
      for (Verdict v : verdicts) {
        switch (v) {
          case Verdict.Accepted a -> {
            out.writeByte(1);
            out.writeUTF(a.ballotId());
            out.writeUTF(a.stationId());
            out.writeLong(a.index());
            out.writeUTF(a.trackingCode());
            out.writeBoolean(a.resubmitted());
          }
          case Verdict.Rejected r -> {
            out.writeByte(2);
            out.writeUTF(r.ballotId());
            out.writeUTF(r.reason());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  public static List<Verdict> readVerdicts(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    int n = in.readInt();
    List<Verdict> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = in.readByte();
      if (kind == 1) {
        out.add(
            new Verdict.Accepted(
                in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readBoolean()));
      } else {
        out.add(new Verdict.Rejected(in.readUTF(), in.readUTF()));
      }
    }
    return out;
  }
}
