package org.urna.ballotbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Re-checks a stored confirmation without the sync module (decision 0054): the checkpoint note's
 * body names the stored size and root, and the RFC 9162 (2.1.3.2) inclusion path leads from the
 * ballot's ledger entry {@code 0x01 || tracking code || recorded ballot} to that root. Whether the
 * note's signatures satisfy the trust policy is the caller's {@link BallotBox.CheckpointCheck}.
 */
final class LedgerProof {
  static final byte BALLOT_LEAF = 0x01;

  private LedgerProof() {}

  /** Empty when the stored proof holds; otherwise why not. */
  static Optional<String> failure(
      byte[] trackingCode,
      byte[] recorded,
      long size,
      byte[] root,
      long leafIndex,
      byte[] pathBytes,
      byte[] note) {
    if (note == null || pathBytes == null || pathBytes.length % 32 != 0) {
      return Optional.of("it is confirmed without a stored inclusion proof and checkpoint");
    }
    Optional<String> body = noteMismatch(note, size, root);
    if (body.isPresent()) {
      return body;
    }
    byte[] entry = new byte[1 + trackingCode.length + recorded.length];
    entry[0] = BALLOT_LEAF;
    System.arraycopy(trackingCode, 0, entry, 1, trackingCode.length);
    System.arraycopy(recorded, 0, entry, 1 + trackingCode.length, recorded.length);
    byte[] leaf = hash((byte) 0x00, entry, new byte[0]);
    List<byte[]> path = new java.util.ArrayList<>();
    for (int i = 0; i < pathBytes.length; i += 32) {
      path.add(Arrays.copyOfRange(pathBytes, i, i + 32));
    }
    if (!verifyInclusion(leaf, leafIndex, size, path, root)) {
      return Optional.of(
          "its inclusion proof (entry " + leafIndex + ") does not lead to checkpoint " + size);
    }
    return Optional.empty();
  }

  /** The note's body is "origin\nsize\nbase64(root)\n[extensions]\n\n" followed by signatures. */
  static Optional<String> noteMismatch(byte[] note, long size, byte[] root) {
    String text = new String(note, StandardCharsets.UTF_8);
    int end = text.indexOf("\n\n");
    String[] lines = (end < 0 ? "" : text.substring(0, end)).split("\n", -1);
    if (lines.length < 3 || !lines[1].equals(Long.toString(size))) {
      return Optional.of("its stored checkpoint note is not of tree size " + size);
    }
    byte[] noted;
    try {
      noted = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      return Optional.of("its stored checkpoint note has no root hash");
    }
    if (!Arrays.equals(noted, root)) {
      return Optional.of("its stored checkpoint note names another root hash");
    }
    return Optional.empty();
  }

  /** RFC 9162 section 2.1.3.2, in the RFC's step order. */
  static boolean verifyInclusion(
      byte[] leaf, long index, long size, List<byte[]> path, byte[] root) {
    if (index < 0 || size <= 0 || index >= size || path.size() > 63) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = hash((byte) 0x01, p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = hash((byte) 0x01, r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  private static byte[] hash(byte prefix, byte[] a, byte[] b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prefix);
      md.update(a);
      md.update(b);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
