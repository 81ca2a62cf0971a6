package org.urna.tally;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.urna.core.crypto.Hash;

/**
 * What every trustee agrees on before the key ceremony (docs/spec/trustees.md 3): the election it
 * is for (the 32-byte election hash of election-package.md 5.1), the threshold k and the ordered
 * list of the n trustees' names; trustee i (1..n) is the i-th name. Everything of the ceremony is
 * bound to the ceremony hash {@code C = H("key-ceremony", electionHash, u64(n), u64(k), name_1,
 * ..., name_n)}.
 */
public record CeremonyParameters(byte[] electionHash, int threshold, List<String> trustees) {
  public static final String FORMAT = "urna/key-ceremony/v1";

  /** The most trustees a ceremony may have (indices fit a byte, costs stay reasonable). */
  public static final int MAX_TRUSTEES = 64;

  /** The longest trustee name, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 200;

  public CeremonyParameters {
    electionHash = electionHash.clone();
    trustees = List.copyOf(trustees);
  }

  /**
   * Step T1: the parameters are well formed. 1 <= k <= n <= 64, distinct non-empty names of at most
   * 200 UTF-8 bytes without control characters, a 32-byte election hash.
   */
  public static CeremonyParameters of(byte[] electionHash, int threshold, List<String> trustees)
      throws TrusteeException {
    String item = "ceremony parameters";
    if (electionHash == null || electionHash.length != 32) {
      throw new TrusteeException(TrusteeStep.T1, item, "the election hash must be 32 bytes");
    }
    int n = trustees.size();
    if (n < 1 || n > MAX_TRUSTEES) {
      throw new TrusteeException(
          TrusteeStep.T1, item, "a ceremony has 1 to " + MAX_TRUSTEES + " trustees, not " + n);
    }
    if (threshold < 1 || threshold > n) {
      throw new TrusteeException(
          TrusteeStep.T1,
          item,
          "the threshold must be between 1 and the number of trustees ("
              + n
              + "), not "
              + threshold);
    }
    for (int i = 0; i < n; i++) {
      String name = trustees.get(i);
      String at = "trustee " + (i + 1);
      if (name == null || name.isBlank()) {
        throw new TrusteeException(TrusteeStep.T1, at, "has no name");
      }
      if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new TrusteeException(
            TrusteeStep.T1, at, "the name is longer than " + MAX_NAME_BYTES + " bytes");
      }
      if (name.chars().anyMatch(Character::isISOControl)) {
        throw new TrusteeException(TrusteeStep.T1, at, "the name holds control characters");
      }
      if (trustees.subList(0, i).contains(name)) {
        throw new TrusteeException(TrusteeStep.T1, at, "the name '" + name + "' is used twice");
      }
    }
    return new CeremonyParameters(electionHash, threshold, trustees);
  }

  public int size() {
    return trustees.size();
  }

  /** The ceremony hash C that every message of the ceremony is bound to. */
  public byte[] ceremonyHash() {
    Hash h =
        Hash.tagged("key-ceremony")
            .part(electionHash)
            .part((long) trustees.size())
            .part((long) threshold);
    for (String name : trustees) {
      h.part(name);
    }
    return h.digest();
  }

  public String ceremonyHashHex() {
    return HexFormat.of().formatHex(ceremonyHash());
  }

  /** The name of trustee i (1-based). */
  public String name(int i) {
    return trustees.get(i - 1);
  }

  /** "trustee 2 (Bob)". */
  public String describe(int i) {
    return i >= 1 && i <= trustees.size() ? "trustee " + i + " (" + name(i) + ")" : "trustee " + i;
  }

  public void requireIndex(int i, TrusteeStep step, String item) throws TrusteeException {
    if (i < 1 || i > trustees.size()) {
      throw new TrusteeException(
          step, item, "names trustee " + i + ", but the ceremony has trustees 1.." + size());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CeremonyParameters p
        && Arrays.equals(p.electionHash, electionHash)
        && p.threshold == threshold
        && p.trustees.equals(trustees);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(electionHash) * 31 + trustees.hashCode() + threshold;
  }
}
