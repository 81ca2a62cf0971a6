package org.urna.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * C2SP tlog-cosignature, Ed25519 (signature type 0x04, cosignature/v1). The signed message is
 * {@code "cosignature/v1\n" || "time " || decimal timestamp || "\n" || checkpoint text}; the note
 * signature is {@code key ID || u64 big-endian timestamp || 64-byte Ed25519 signature}.
 */
public final class Cosignatures {
  private Cosignatures() {}

  public static byte[] signedMessage(String checkpointText, long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException(
          "a cosignature timestamp is at most 2^63-1 and not negative");
    }
    return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText)
        .getBytes(StandardCharsets.UTF_8);
  }

  public static NoteSignature sign(SigningKey key, String checkpointText, long timestamp) {
    if (key.type() != SignatureType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("a cosignature needs a cosigner (0x04) key");
    }
    byte[] sig = key.signRaw(signedMessage(checkpointText, timestamp));
    byte[] body = ByteBuffer.allocate(8 + sig.length).putLong(timestamp).put(sig).array();
    return new NoteSignature(key.name(), key.keyId(), body);
  }

  /** The cosignature's timestamp, read without verifying. */
  public static OptionalLong timestamp(NoteSignature sig) {
    byte[] body = sig.signature();
    if (body.length != 72) {
      return OptionalLong.empty();
    }
    long ts = ByteBuffer.wrap(body).getLong();
    return ts < 0 ? OptionalLong.empty() : OptionalLong.of(ts);
  }

  /** Verifies; returns the timestamp when {@code sig} is a valid cosignature from {@code key}. */
  public static OptionalLong verify(VerifierKey key, String checkpointText, NoteSignature sig) {
    if (key.type() != SignatureType.COSIGNATURE_V1 || !key.matches(sig)) {
      return OptionalLong.empty();
    }
    OptionalLong ts = timestamp(sig);
    if (ts.isEmpty()) {
      return ts;
    }
    byte[] body = sig.signature();
    byte[] ed = Arrays.copyOfRange(body, 8, 72);
    return key.verifyRaw(signedMessage(checkpointText, ts.getAsLong()), ed)
        ? ts
        : OptionalLong.empty();
  }

  /** True when some signature on the note is a valid cosignature from {@code key}. */
  public static boolean cosignedBy(SignedNote note, VerifierKey key) {
    for (NoteSignature sig : note.signatures()) {
      if (verify(key, note.text(), sig).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
