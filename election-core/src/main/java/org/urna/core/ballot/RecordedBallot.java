package org.urna.core.ballot;

import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * A ballot after the voter's decision (spec 5.6): the encrypted body, cast or challenged (with the
 * reveal), the previous tracking code of the station's chain, and the station's Ed25519 signature
 * over the new tracking code. This is what the ballot box keeps and the ledger publishes.
 *
 * <p>Encoding: {@code u8 version, u32 len, body, u8 state, [reveal], previous code (32), signature
 * (64)}.
 */
public record RecordedBallot(
    EncryptedBallot ballot,
    BallotState state,
    ChallengeReveal reveal,
    TrackingCode previous,
    Signature signature) {
  public static final int VERSION = 1;

  public RecordedBallot {
    if ((state == BallotState.CHALLENGED) != (reveal != null)) {
      throw new IllegalArgumentException("a challenged ballot, and only it, carries a reveal");
    }
  }

  /** Finalises a ballot: links it into the station's chain and signs the new tracking code. */
  public static RecordedBallot record(
      EncryptedBallot ballot,
      BallotState state,
      ChallengeReveal reveal,
      TrackingCode previous,
      SigningKey stationKey) {
    byte[] h = recordedHash(ballot, state, reveal);
    TrackingCode code = previous.next(ballot.stationId(), h);
    Signature sig =
        stationKey.sign(signatureMessage(ballot.extendedHash(), ballot.stationId(), code));
    return new RecordedBallot(ballot, state, reveal, previous, sig);
  }

  /** {@code H("recorded-ballot", body, state, reveal)}: the H(ballot) of the tracking chain. */
  public static byte[] recordedHash(
      EncryptedBallot ballot, BallotState state, ChallengeReveal reveal) {
    return Hash.tagged("recorded-ballot")
        .part(ballot.toBytes())
        .part(new byte[] {(byte) state.code()})
        .part(reveal == null ? new byte[0] : reveal.toBytes(ballot))
        .digest();
  }

  /**
   * What the station signs: {@code H("ballot-signature", Q, station, code)}. A signature on a code
   * also vouches for every earlier ballot of the chain, so one signature can stand for a batch.
   */
  public static byte[] signatureMessage(byte[] extendedHash, String stationId, TrackingCode code) {
    return Hash.tagged("ballot-signature")
        .part(extendedHash)
        .part(stationId)
        .part(code.toBytes())
        .digest();
  }

  public TrackingCode code() {
    return previous.next(ballot.stationId(), recordedHash(ballot, state, reveal));
  }

  public BallotId ballotId() {
    return ballot.ballotId();
  }

  /** True when the station's key signed this ballot's tracking code. */
  public boolean signedBy(VerifyingKey stationKey) {
    return signedBy(stationKey, code());
  }

  /**
   * The same check for a caller that already computed {@link #code()} (a verifier that needs the
   * code for the chain and the ledger leaf too hashes the ballot once); {@code code} must be it.
   */
  public boolean signedBy(VerifyingKey stationKey, TrackingCode code) {
    return stationKey.verifies(
        signatureMessage(ballot.extendedHash(), ballot.stationId(), code), signature);
  }

  public byte[] toBytes() {
    byte[] body = ballot.toBytes();
    Wire.Writer w = new Wire.Writer().u8(VERSION).u32(body.length).raw(body).u8(state.code());
    if (reveal != null) {
      w.raw(reveal.toBytes(ballot));
    }
    return w.raw(previous.toBytes()).raw(signature.toBytes()).toBytes();
  }

  /** Decodes; every refusal is a {@link BallotFormatException} naming the field (step V1). */
  public static RecordedBallot decode(byte[] bytes) {
    Wire.Reader r = new Wire.Reader(bytes);
    int version = r.u8("recorded.version");
    if (version != VERSION) {
      throw new BallotFormatException("recorded.version: unsupported version " + version);
    }
    long len = r.u32("recorded.bodyLength");
    if (len > bytes.length) {
      throw new BallotFormatException("recorded.bodyLength: longer than the record");
    }
    EncryptedBallot body = EncryptedBallot.decode(r.raw((int) len, "recorded.body"));
    BallotState state = BallotState.ofCode(r.u8("recorded.state"));
    ChallengeReveal reveal = state == BallotState.CHALLENGED ? ChallengeReveal.read(r, body) : null;
    TrackingCode prev = TrackingCode.of(r.raw(TrackingCode.BYTES, "recorded.previous"));
    Signature sig = r.decode("recorded.signature", Signature.BYTES, Signature::decode);
    r.end("recorded ballot");
    return new RecordedBallot(body, state, reveal, prev, sig);
  }
}
