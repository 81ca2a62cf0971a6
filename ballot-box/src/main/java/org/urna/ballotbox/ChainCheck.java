package org.urna.ballotbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.VerifyingKey;
import org.urna.core.role.Role;

/**
 * The checks a ballot box passes at open (docs/spec/ballot-box.md, "Checks at open"): the
 * tracking-code chain recomputed from the stored bytes, every station signature, the outbox, the
 * pending ballots and the audit-log hash chain. Reads only; the first failure is thrown as {@link
 * Kind#TAMPERED} naming the ballot or entry.
 */
final class ChainCheck {
  private final byte[] extendedHash;
  private final String stationId;
  private final VerifyingKey stationKey;

  /** What the checks found: the heads of both chains and the pending ballots. */
  record Heads(
      TrackingCode ballotHead,
      long chainLength,
      byte[] auditHead,
      long auditLength,
      List<BallotId> pending) {}

  ChainCheck(byte[] extendedHash, String stationId, VerifyingKey stationKey) {
    this.extendedHash = extendedHash.clone();
    this.stationId = stationId;
    this.stationKey = stationKey;
  }

  /**
   * Runs every check; the file must extend {@code signed} (same code at its chain length, same
   * audit hash at its audit length), else ROLLED_BACK (shorter) or TAMPERED (different).
   */
  Heads run(Connection c, BoxHead signed, int schema) throws SQLException {
    TrackingCode head = TrackingCode.seed(extendedHash, stationId);
    long position = 0;
    if (signed.chainLength() == 0 && !signed.code().equals(head)) {
      throw tampered("the signed head", "its tracking code is not this station's chain seed");
    }
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT ballot_id, state, chain_pos, recorded, previous_code, tracking_code"
                    + " FROM ballot WHERE state <> 'PENDING' ORDER BY chain_pos");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        position++;
        head = checkRecorded(rs, position, head);
        if (position == signed.chainLength() && !head.equals(signed.code())) {
          throw tampered(
              "ballot at position " + position,
              "its tracking code is not the one the station signed for that position");
        }
      }
    }
    if (position < signed.chainLength()) {
      throw behind(
          position + " recorded ballots",
          signed.chainLength() + " ballots cast or challenged",
          "This ballot box is missing ballots that this kiosk already accepted: the kiosk recorded "
              + signed.chainLength()
              + " ballots, the box holds "
              + position
              + ".");
    }
    checkOutbox(c, position);
    if (schema >= 2) {
      checkConfirmations(c);
    } else {
      refuseUnprovenConfirmations(c);
    }
    List<BallotId> pending = checkPending(c);
    byte[] auditHead = AuditEntry.seed(extendedHash, stationId);
    long seq = 0;
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, epoch_hour, role, action, details, prev_hash, hash FROM audit_log"
                    + " ORDER BY seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        seq++;
        auditHead = checkAudit(rs, seq, auditHead);
        if (seq == signed.auditLength() && !Arrays.equals(auditHead, signed.auditHash())) {
          throw tampered("audit entry " + seq, "it is not the entry the station signed");
        }
      }
    }
    if (seq < signed.auditLength()) {
      throw behind(
          seq + " audit entries",
          signed.auditLength() + " audit entries",
          "This ballot box is missing entries of its log that this kiosk already wrote: the kiosk"
              + " wrote "
              + signed.auditLength()
              + ", the box holds "
              + seq
              + ". Ballots may be missing too.");
    }
    if (signed.auditLength() == 0 && !Arrays.equals(signed.auditHash(), auditHead)) {
      throw tampered("the signed head", "its audit hash is not this station's audit seed");
    }
    return new Heads(head, position, auditHead, seq, pending);
  }

  private TrackingCode checkRecorded(ResultSet rs, long position, TrackingCode previous)
      throws SQLException {
    BallotId id = BallotId.of(rs.getBytes(1));
    long stored = rs.getLong(3);
    String item = "ballot " + id + " at position " + stored;
    if (stored != position) {
      throw tampered(
          item,
          "the chain skips from position "
              + (position - 1)
              + " to "
              + stored
              + " (a ballot was removed)");
    }
    RecordedBallot rb;
    try {
      rb = RecordedBallot.decode(rs.getBytes(4));
    } catch (IllegalArgumentException e) {
      throw tampered(item, "its stored bytes are not a recorded ballot (" + e.getMessage() + ")");
    }
    EncryptedBallot b = rb.ballot();
    if (!b.ballotId().equals(id) || !rb.state().name().equals(rs.getString(2))) {
      throw tampered(item, "its id or state differs from the recorded bytes");
    }
    if (!Arrays.equals(b.extendedHash(), extendedHash) || !b.stationId().equals(stationId)) {
      throw tampered(item, "it was made for another election or station");
    }
    if (!rb.previous().equals(previous) || !Arrays.equals(rs.getBytes(5), previous.toBytes())) {
      throw tampered(item, "its previous tracking code is not the code of the ballot before it");
    }
    TrackingCode code = rb.code();
    if (!Arrays.equals(rs.getBytes(6), code.toBytes())) {
      throw tampered(item, "its stored tracking code is not the one its bytes give");
    }
    if (!rb.signedBy(stationKey)) {
      throw tampered(item, "the station's signature does not verify");
    }
    return code;
  }

  private void checkOutbox(Connection c, long recorded) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*), COUNT(b.ballot_id) FROM outbox o LEFT JOIN ballot b"
                    + " ON b.ballot_id = o.ballot_id AND b.chain_pos = o.chain_pos"
                    + " AND b.state <> 'PENDING'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      if (rs.getLong(1) != recorded || rs.getLong(2) != recorded) {
        throw tampered(
            "the sync outbox",
            "it has "
                + rs.getLong(1)
                + " rows ("
                + rs.getLong(2)
                + " matching a recorded ballot) for "
                + recorded
                + " recorded ballots");
      }
    }
  }

  /**
   * A file of schema 1 (before the outbox kept each confirmation's proof) is opened only while none
   * of its rows is CONFIRMED: such a confirmation cannot be re-checked, and once migrated it would
   * be refused as unproven at every later open. Voting never confirms a row by itself (only the
   * sync does), so a box that was not synced under the older version opens and is migrated.
   */
  private static void refuseUnprovenConfirmations(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE status = 'CONFIRMED'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      if (rs.getLong(1) > 0) {
        throw new BallotBoxException(
            Kind.CORRUPT,
            "The ballot box was written by an older version of Urna (schema 1) that kept "
                + rs.getLong(1)
                + " ledger confirmations without their proof; this version cannot check them and"
                + " did not open or change the box. Open it with the version that wrote it, or"
                + " call the technician.");
      }
    }
  }

  /** Every CONFIRMED row carries a proof that still leads to its stored checkpoint note. */
  private static void checkConfirmations(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT o.ballot_id, o.chain_pos, b.tracking_code, b.recorded, o.checkpoint_size,"
                    + " o.checkpoint_root, o.leaf_index, o.inclusion_path, n.note,"
                    + " n.checkpoint_root FROM outbox o JOIN ballot b ON b.ballot_id = o.ballot_id"
                    + " LEFT JOIN checkpoint_note n ON n.checkpoint_size = o.checkpoint_size"
                    + " WHERE o.status = 'CONFIRMED' ORDER BY o.chain_pos");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String item =
            "the confirmation of ballot "
                + BallotId.of(rs.getBytes(1))
                + " at position "
                + rs.getLong(2);
        byte[] root = rs.getBytes(6);
        long index = rs.getLong(7);
        boolean noIndex = rs.wasNull();
        byte[] noteRoot = rs.getBytes(10);
        if (noIndex || (noteRoot != null && !Arrays.equals(noteRoot, root))) {
          throw tampered(item, "it is confirmed without a stored inclusion proof and checkpoint");
        }
        Optional<String> why =
            LedgerProof.failure(
                rs.getBytes(3),
                rs.getBytes(4),
                rs.getLong(5),
                root,
                index,
                rs.getBytes(8),
                rs.getBytes(9));
        if (why.isPresent()) {
          throw tampered(item, why.get());
        }
      }
    }
  }

  private List<BallotId> checkPending(Connection c) throws SQLException {
    List<BallotId> ids = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT ballot_id, body FROM ballot WHERE state = 'PENDING' ORDER BY epoch_hour, ballot_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        BallotId id = BallotId.of(rs.getBytes(1));
        String item = "pending ballot " + id;
        EncryptedBallot b;
        try {
          b = EncryptedBallot.decode(rs.getBytes(2));
        } catch (IllegalArgumentException e) {
          throw tampered(item, "its stored bytes are not an encrypted ballot");
        }
        if (!b.ballotId().equals(id)
            || !Arrays.equals(b.extendedHash(), extendedHash)
            || !b.stationId().equals(stationId)) {
          throw tampered(item, "it does not belong to this election, station or id");
        }
        ids.add(id);
      }
    }
    return ids;
  }

  private static byte[] checkAudit(ResultSet rs, long seq, byte[] previous) throws SQLException {
    String item = "audit entry " + seq;
    if (rs.getLong(1) != seq) {
      throw tampered(item, "the audit log skips from entry " + (seq - 1) + " to " + rs.getLong(1));
    }
    AuditEntry e;
    try {
      e =
          new AuditEntry(
              seq,
              rs.getLong(2),
              Role.valueOf(rs.getString(3)),
              rs.getString(4),
              rs.getString(5),
              rs.getBytes(6),
              rs.getBytes(7));
    } catch (IllegalArgumentException ex) {
      throw tampered(item, "it is malformed (" + ex.getMessage() + ")");
    }
    if (!Arrays.equals(e.prevHash(), previous)) {
      throw tampered(item, "its previous hash is not the hash of the entry before it");
    }
    if (!e.hashMatches()) {
      throw tampered(item, "its hash does not match its contents");
    }
    return e.hash();
  }

  /** True when the file's chain heads, audit head and pending count are still {@code h}. */
  static boolean sameHeads(Connection c, Heads h) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT (SELECT COUNT(*) FROM ballot WHERE state <> 'PENDING'),"
                    + " (SELECT tracking_code FROM ballot WHERE chain_pos ="
                    + " (SELECT MAX(chain_pos) FROM ballot)),"
                    + " (SELECT COUNT(*) FROM audit_log),"
                    + " (SELECT hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)),"
                    + " (SELECT COUNT(*) FROM ballot WHERE state = 'PENDING')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      byte[] code = rs.getBytes(2);
      byte[] audit = rs.getBytes(4);
      return rs.getLong(1) == h.chainLength()
          && (h.chainLength() == 0 || Arrays.equals(code, h.ballotHead().toBytes()))
          && rs.getLong(3) == h.auditLength()
          && (h.auditLength() == 0 || Arrays.equals(audit, h.auditHead()))
          && rs.getLong(5) == h.pending().size();
    }
  }

  static BallotBoxException behind(String has, String signed, String forPollWorker) {
    return new BallotBoxException(
        Kind.ROLLED_BACK,
        "The ballot box file is older than what this station acknowledged: it holds "
            + has
            + ", but the station's signed record says "
            + signed
            + ". Acknowledged ballots are missing (a damaged file, deleted rows or an older copy)."
            + " Do not use this box and do not void anything: it was not opened and nothing was"
            + " changed; call the technician.",
        BallotBoxException.rolledBackForPollWorker(forPollWorker),
        null);
  }

  static BallotBoxException tampered(String item, String detail) {
    return new BallotBoxException(
        Kind.TAMPERED,
        "The ballot box has been altered: "
            + item
            + ": "
            + detail
            + ". It was not opened and nothing was changed; call the technician.");
  }
}
