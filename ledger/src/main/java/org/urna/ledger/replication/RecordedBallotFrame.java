package org.urna.ledger.replication;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.urna.core.ballot.BallotFormatException;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.RangeProof;
import org.urna.core.crypto.Scalar;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.VerifyingKey;

/**
 * The fields of a recorded ballot that ingest needs, read from election-core's encoding (spec 5.5,
 * 5.6) without decoding a single curve point. Every length, count, version, limit, state, reveal
 * byte and scalar range is checked as {@link RecordedBallot#decode} checks it, and the same field
 * names appear in the refusals; identifiers are held to the manifest's rule (1 to 64 characters of
 * a-z, 0-9, '.', '_', '-'), stricter than the decoder; only the points are left as bytes (their
 * prefix must be {@code 04}; whether they lie on the curve is checked by the proof audit, which
 * decodes every ballot and publishes the result per entry).
 *
 * <p>Because the encoding is canonical, the bytes read here are the bytes election-core would
 * re-encode, so the tracking code is hashed over the received bytes directly: {@code H(recorded
 * ballot) = H("recorded-ballot", body, state, reveal)}.
 */
public final class RecordedBallotFrame {
  private static final byte[] ORDER = toBytes32(Group.ORDER);

  /** The longest identifier (station, ballot style, contest, selection) a ballot may carry. */
  public static final int MAX_ID = 64;

  private final byte[] bytes;
  private final int bodyOffset;
  private final int bodyLength;
  private final int revealOffset;
  private final int revealLength;
  private final int stateCode;
  private final byte[] extendedHash;
  private final byte[] ballotId;
  private final String stationId;
  private final long epochHour;
  private final TrackingCode previous;
  private final byte[] signature;

  private RecordedBallotFrame(byte[] bytes, Reader r) {
    this.bytes = bytes;
    int version = r.u8("recorded.version");
    if (version != RecordedBallot.VERSION) {
      throw new BallotFormatException("recorded.version: unsupported version " + version);
    }
    long len = r.u32("recorded.bodyLength");
    if (len > bytes.length) {
      throw new BallotFormatException("recorded.bodyLength: longer than the record");
    }
    bodyLength = (int) len;
    r.need(bodyLength, "recorded.body");
    bodyOffset = r.pos;
    Reader body = new Reader(bytes, bodyOffset, bodyOffset + bodyLength);
    int bv = body.u8("version");
    if (bv != 1) {
      throw new BallotFormatException("version: unsupported ballot version " + bv);
    }
    extendedHash = body.raw(32, "extendedHash");
    ballotId = body.raw(BallotId.BYTES, "ballotId");
    stationId = body.id("stationId");
    body.id("ballotStyleId");
    epochHour = body.u64("epochHour");
    int selections = contests(body);
    body.end("ballot");
    r.pos += bodyLength;
    stateCode = r.u8("recorded.state");
    BallotState.ofCode(stateCode);
    revealOffset = r.pos;
    if (stateCode == BallotState.CHALLENGED.code()) {
      r.need(NonceSeed.BYTES, "reveal.seed");
      r.pos += NonceSeed.BYTES;
      for (int i = 0; i < selections; i++) {
        if (r.u8("reveal") > 1) {
          throw new BallotFormatException("reveal: a revealed choice must be 0 or 1");
        }
      }
    }
    revealLength = r.pos - revealOffset;
    previous = TrackingCode.of(r.raw(TrackingCode.BYTES, "recorded.previous"));
    signature = r.raw(Signature.BYTES, "recorded.signature");
    r.end("recorded ballot");
  }

  /** Reads the frame; a refusal is a {@link BallotFormatException} naming the field. */
  public static RecordedBallotFrame read(byte[] bytes) {
    return new RecordedBallotFrame(bytes, new Reader(bytes, 0, bytes.length));
  }

  private static int contests(Reader r) {
    int nc = r.u16("contests");
    if (nc == 0) {
      throw new BallotFormatException("contests: a ballot has at least one contest");
    }
    int selections = 0;
    for (int i = 0; i < nc; i++) {
      r.contest = i;
      r.id("contests[C].contestId");
      int limit = r.u16("contests[C].limit");
      if (limit < 1 || limit > 255) {
        throw r.refuse("contests[C].limit", "must be 1..255");
      }
      int ns = r.u16("contests[C].selections");
      if (ns == 0) {
        throw r.refuse("contests[C].selections", "at least one selection");
      }
      for (int j = 0; j < ns; j++) {
        r.selection = j;
        r.id("contests[C].selections[S].selectionId");
        r.point("contests[C].selections[S].alpha");
        r.point("contests[C].selections[S].beta");
        r.proof("contests[C].selections[S].proof", 1);
      }
      r.proof("contests[C].limitProof", limit);
      selections += ns;
    }
    return selections;
  }

  public byte[] bytes() {
    return bytes;
  }

  public byte[] extendedHash() {
    return extendedHash.clone();
  }

  public String ballotIdHex() {
    return java.util.HexFormat.of().formatHex(ballotId);
  }

  public String stationId() {
    return stationId;
  }

  public long epochHour() {
    return epochHour;
  }

  public TrackingCode previous() {
    return previous;
  }

  /** {@code H("recorded-ballot", body, state, reveal)} over the received bytes. */
  public byte[] recordedHash() {
    return Hash.tagged("recorded-ballot")
        .part(Arrays.copyOfRange(bytes, bodyOffset, bodyOffset + bodyLength))
        .part(new byte[] {(byte) stateCode})
        .part(Arrays.copyOfRange(bytes, revealOffset, revealOffset + revealLength))
        .digest();
  }

  /** This ballot's tracking code: {@code H("tracking-code", previous, station, H(ballot))}. */
  public TrackingCode code() {
    return previous.next(stationId, recordedHash());
  }

  /** True when {@code key} signed {@code code} (this ballot's tracking code) for this station. */
  public boolean signedBy(VerifyingKey key, TrackingCode code) {
    return key.verifies(
        RecordedBallot.signatureMessage(extendedHash, stationId, code),
        Signature.decode(signature));
  }

  private static byte[] toBytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }

  /** Bounds-checked big-endian reader over a slice, with election-core's refusal wording. */
  private static final class Reader {
    private final byte[] b;
    private int pos;
    private final int limit;
    private int contest;
    private int selection;

    Reader(byte[] b, int from, int to) {
      this.b = b;
      this.pos = from;
      this.limit = to;
    }

    /** A refusal naming the field, with the contest and selection indexes filled in. */
    BallotFormatException refuse(String field, String why) {
      String name = field.replace("[C]", "[" + contest + "]").replace("[S]", "[" + selection + "]");
      return new BallotFormatException(name + ": " + why);
    }

    void need(int n, String field) {
      if (limit - pos < n) {
        throw refuse(field, "truncated (needs " + n + " more bytes)");
      }
    }

    int u8(String field) {
      need(1, field);
      return b[pos++] & 0xFF;
    }

    int u16(String field) {
      need(2, field);
      int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    long u32(String field) {
      return bigEndian(4, field);
    }

    long u64(String field) {
      return bigEndian(8, field);
    }

    private long bigEndian(int n, String field) {
      need(n, field);
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (b[pos++] & 0xFF);
      }
      return v;
    }

    byte[] raw(int n, String field) {
      need(n, field);
      byte[] out = Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    /**
     * An identifier as a manifest has it (spec 3.1): 1 to {@link #MAX_ID} bytes of {@code a-z 0-9 .
     * _ -}, starting with a letter or digit. Stricter than election-core's decoder, which takes any
     * UTF-8 string: no manifest names anything else, and so no refusal, verdict or index ever holds
     * more than 64 characters of a submitter's text.
     */
    String id(String field) {
      int n = u16(field);
      need(n, field);
      if (n < 1 || n > MAX_ID) {
        throw refuse(field, "an identifier is 1 to " + MAX_ID + " characters");
      }
      for (int i = pos; i < pos + n; i++) {
        int c = b[i];
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || (i > pos && (c == '.' || c == '_' || c == '-'));
        if (!ok) {
          throw refuse(field, "an identifier holds only a-z, 0-9, '.', '_' and '-'");
        }
      }
      String s = new String(b, pos, n, StandardCharsets.US_ASCII);
      pos += n;
      return s;
    }

    /** A point's 65 bytes: only the uncompressed prefix is checked here. */
    void point(String field) {
      need(Point.BYTES, field);
      if (b[pos] != 0x04) {
        throw refuse(field, "a point is 65 bytes starting 04 (uncompressed)");
      }
      pos += Point.BYTES;
    }

    void scalar(String field) {
      need(Scalar.BYTES, field);
      if (Arrays.compareUnsigned(b, pos, pos + Scalar.BYTES, ORDER, 0, 32) >= 0) {
        throw refuse(field, "scalar not reduced modulo the group order");
      }
      pos += Scalar.BYTES;
    }

    void proof(String field, int limit) {
      need(RangeProof.encodedSize(limit), field);
      for (int j = 0; j < 2 * (limit + 1); j++) {
        point(field);
      }
      for (int j = 0; j < limit + limit + 1; j++) {
        scalar(field);
      }
    }

    void end(String what) {
      if (pos != limit) {
        throw refuse(what, (limit - pos) + " trailing bytes");
      }
    }
  }
}
