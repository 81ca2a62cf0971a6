package org.urna.core.ballot;

import java.util.Arrays;
import java.util.List;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.RangeProof;

/**
 * The encrypted ballot body (spec 5.5): everything the kiosk computed before the voter decided to
 * cast or challenge. Its canonical encoding is what is hashed, signed (through the tracking code)
 * and published.
 */
public record EncryptedBallot(
    byte[] extendedHash,
    BallotId ballotId,
    String stationId,
    String ballotStyleId,
    long epochHour,
    List<EncryptedContest> contests) {
  public static final int VERSION = 1;

  public EncryptedBallot {
    if (extendedHash.length != 32) {
      throw new IllegalArgumentException("extended hash is 32 bytes");
    }
    extendedHash = extendedHash.clone();
    contests = List.copyOf(contests);
  }

  @Override
  public byte[] extendedHash() {
    return extendedHash.clone();
  }

  /**
   * Label binding a selection proof to its place: {@code <ballot id hex>/<contest>/<selection>}.
   */
  public static String selectionLabel(BallotId id, String contestId, String selectionId) {
    return id.toHex() + "/" + contestId + "/" + selectionId;
  }

  /** Label binding a contest limit proof: {@code <ballot id hex>/<contest>}. */
  public static String contestLabel(BallotId id, String contestId) {
    return id.toHex() + "/" + contestId;
  }

  public byte[] toBytes() {
    Wire.Writer w =
        new Wire.Writer()
            .u8(VERSION)
            .raw(extendedHash)
            .raw(ballotId.toBytes())
            .str(stationId)
            .str(ballotStyleId)
            .u64(epochHour)
            .u16(contests.size());
    for (EncryptedContest c : contests) {
      w.str(c.contestId()).u16(c.limit()).u16(c.selections().size());
      for (EncryptedSelection s : c.selections()) {
        w.str(s.selectionId()).raw(s.ciphertext().toBytes()).raw(s.proof().toBytes());
      }
      w.raw(c.limitProof().toBytes());
    }
    return w.toBytes();
  }

  /** Decodes a ballot body; every refusal names the field (step V1). */
  public static EncryptedBallot decode(byte[] bytes) {
    Wire.Reader r = new Wire.Reader(bytes);
    EncryptedBallot b = read(r);
    r.end("ballot");
    return b;
  }

  static EncryptedBallot read(Wire.Reader r) {
    int version = r.u8("version");
    if (version != VERSION) {
      throw new BallotFormatException("version: unsupported ballot version " + version);
    }
    byte[] q = r.raw(32, "extendedHash");
    BallotId id = BallotId.of(r.raw(BallotId.BYTES, "ballotId"));
    String station = r.str("stationId");
    String style = r.str("ballotStyleId");
    long hour = r.u64("epochHour");
    int nc = r.u16("contests");
    if (nc == 0) {
      throw new BallotFormatException("contests: a ballot has at least one contest");
    }
    EncryptedContest[] contests = new EncryptedContest[nc];
    for (int i = 0; i < nc; i++) {
      String f = "contests[" + i + "]";
      String cid = r.str(f + ".contestId");
      int limit = r.u16(f + ".limit");
      if (limit < 1 || limit > 255) {
        throw new BallotFormatException(f + ".limit: must be 1..255");
      }
      int ns = r.u16(f + ".selections");
      if (ns == 0) {
        throw new BallotFormatException(f + ".selections: at least one selection");
      }
      EncryptedSelection[] sels = new EncryptedSelection[ns];
      for (int j = 0; j < ns; j++) {
        String sf = f + ".selections[" + j + "]";
        String sid = r.str(sf + ".selectionId");
        Point alpha = r.decode(sf + ".alpha", Point.BYTES, Point::decode);
        Point beta = r.decode(sf + ".beta", Point.BYTES, Point::decode);
        RangeProof proof =
            r.decode(sf + ".proof", RangeProof.encodedSize(1), b -> RangeProof.decode(b, 1));
        sels[j] = new EncryptedSelection(sid, new ElGamalCiphertext(alpha, beta), proof);
      }
      RangeProof lp =
          r.decode(
              f + ".limitProof", RangeProof.encodedSize(limit), b -> RangeProof.decode(b, limit));
      contests[i] = new EncryptedContest(cid, limit, List.of(sels), lp);
    }
    return new EncryptedBallot(q, id, station, style, hour, List.of(contests));
  }

  /** {@code H("ballot-body", encoding)}. */
  public byte[] hash() {
    return Hash.tagged("ballot-body").part(toBytes()).digest();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedBallot b && Arrays.equals(b.toBytes(), toBytes());
  }

  @Override
  public int hashCode() {
    return ballotId.hashCode();
  }
}
