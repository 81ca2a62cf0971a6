package org.urna.ballotbox.audit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.urna.core.crypto.Hash;
import org.urna.core.role.Role;

/**
 * One entry of the station's hash-chained audit log (docs/spec/ballot-box.md, "Audit log"): {@code
 * hash = H("audit-entry", prevHash, seq, hour, role, action, details)}, the first {@code prevHash}
 * being {@link #seed}. Changing, removing or reordering an entry breaks the chain.
 *
 * <p>Details are free text for people; never put a PIN, a key, a nonce or a voter's selection in
 * them.
 */
public record AuditEntry(
    long seq, long hour, Role role, String action, String details, byte[] prevHash, byte[] hash) {
  public static final int MAX_DETAILS = 1000;
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  public AuditEntry {
    if (seq < 1) {
      throw new IllegalArgumentException("audit sequence numbers start at 1");
    }
    checkAction(action);
    checkDetails(details);
    if (role == null
        || prevHash == null
        || prevHash.length != 32
        || hash == null
        || hash.length != 32) {
      throw new IllegalArgumentException("an audit entry has a role and two 32-byte hashes");
    }
    prevHash = prevHash.clone();
    hash = hash.clone();
  }

  /** The entry that follows {@code prevHash}, with its hash computed. */
  public static AuditEntry next(
      long seq, long hour, Role role, String action, String details, byte[] prevHash) {
    checkAction(action);
    checkDetails(details);
    return new AuditEntry(
        seq,
        hour,
        role,
        action,
        details,
        prevHash,
        hashOf(seq, hour, role, action, details, prevHash));
  }

  /** The {@code prevHash} of entry 1: {@code H("audit-seed", Q, station)}. */
  public static byte[] seed(byte[] extendedHash, String stationId) {
    return Hash.tagged("audit-seed").part(extendedHash).part(stationId).digest();
  }

  public static byte[] hashOf(
      long seq, long hour, Role role, String action, String details, byte[] prevHash) {
    return Hash.tagged("audit-entry")
        .part(prevHash)
        .part(seq)
        .part(hour)
        .part(role.name())
        .part(action)
        .part(details)
        .digest();
  }

  /** True when the stored hash is the hash of the stored fields. */
  public boolean hashMatches() {
    return Arrays.equals(hash, hashOf(seq, hour, role, action, details, prevHash));
  }

  static void checkAction(String action) {
    if (action == null || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException(
          "an audit action is a short lowercase word like 'polls-opened', not '" + action + "'");
    }
  }

  static void checkDetails(String details) {
    if (details == null || details.length() > MAX_DETAILS) {
      throw new IllegalArgumentException(
          "audit details are at most " + MAX_DETAILS + " characters");
    }
  }

  @Override
  public byte[] prevHash() {
    return prevHash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  public String hashHex() {
    return HexFormat.of().formatHex(hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEntry e
        && e.seq == seq
        && e.hour == hour
        && e.role == role
        && e.action.equals(action)
        && e.details.equals(details)
        && Arrays.equals(e.prevHash, prevHash)
        && Arrays.equals(e.hash, hash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "AuditEntry[" + seq + " " + role + " " + action + "]";
  }
}
