package org.urna.ballotbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.ballotbox.outbox.OutboxEntry;
import org.urna.ballotbox.outbox.OutboxStatus;
import org.urna.core.ballot.BallotId;

/** SQL of the {@code outbox} table. Callers hold the box's lock and own the transaction. */
final class OutboxRows {
  static final int MAX_ERROR = 500;

  private OutboxRows() {}

  static void insert(Connection c, BallotId id, long position) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO outbox (ballot_id, chain_pos, status, attempts) VALUES (?, ?, 'PENDING',"
                + " 0)")) {
      ps.setBytes(1, id.toBytes());
      ps.setLong(2, position);
      ps.executeUpdate();
    }
  }

  static List<OutboxEntry> withStatus(Connection c, OutboxStatus status, int limit)
      throws SQLException {
    List<OutboxEntry> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT o.chain_pos, o.ballot_id, b.recorded, o.status, o.attempts, o.last_error"
                + " FROM outbox o JOIN ballot b ON b.ballot_id = o.ballot_id"
                + " WHERE o.status = ? ORDER BY o.chain_pos LIMIT ?")) {
      ps.setString(1, status.name());
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new OutboxEntry(
                  rs.getLong(1),
                  BallotId.of(rs.getBytes(2)),
                  rs.getBytes(3),
                  OutboxStatus.valueOf(rs.getString(4)),
                  rs.getInt(5),
                  rs.getString(6)));
        }
      }
    }
    return out;
  }

  /** The status of one row; throws when there is none. */
  static OutboxStatus status(Connection c, BallotId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT status FROM outbox WHERE ballot_id = ?")) {
      ps.setBytes(1, id.toBytes());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new BallotBoxException(
              BallotBoxException.Kind.UNKNOWN_BALLOT,
              "Ballot " + id + " is not in the outbox of this ballot box.");
        }
        return OutboxStatus.valueOf(rs.getString(1));
      }
    }
  }

  static void markSubmitted(Connection c, BallotId id) throws SQLException {
    update(
        c,
        "UPDATE outbox SET status = 'SUBMITTED', attempts = attempts + 1, last_error = NULL"
            + " WHERE ballot_id = ? AND status = 'PENDING'",
        id);
  }

  static void markFailed(Connection c, BallotId id, String error) throws SQLException {
    String text = error == null ? "unknown error" : error;
    if (text.length() > MAX_ERROR) {
      text = text.substring(0, MAX_ERROR);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET status = 'PENDING', attempts = attempts + 1, last_error = ?"
                + " WHERE ballot_id = ? AND status <> 'CONFIRMED'")) {
      ps.setString(1, text);
      ps.setBytes(2, id.toBytes());
      ps.executeUpdate();
    }
  }

  static void markConfirmed(
      Connection c, BallotId id, long size, byte[] root, long leafIndex, byte[] path)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET status = 'CONFIRMED', last_error = NULL, checkpoint_size = ?,"
                + " checkpoint_root = ?, leaf_index = ?, inclusion_path = ?"
                + " WHERE ballot_id = ? AND status <> 'CONFIRMED'")) {
      ps.setLong(1, size);
      ps.setBytes(2, root);
      ps.setLong(3, leafIndex);
      ps.setBytes(4, path);
      ps.setBytes(5, id.toBytes());
      ps.executeUpdate();
    }
  }

  /** Keeps the first note seen for a tree size; a different root for the same size is refused. */
  static void keepNote(Connection c, long size, byte[] root, byte[] note) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT checkpoint_root FROM checkpoint_note WHERE checkpoint_size = ?")) {
      ps.setLong(1, size);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          if (!java.util.Arrays.equals(rs.getBytes(1), root)) {
            throw new BallotBoxException(
                BallotBoxException.Kind.INVALID_REQUEST,
                "Two checkpoints of size " + size + " with different roots: the ledger forked.");
          }
          return;
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO checkpoint_note (checkpoint_size, checkpoint_root, note) VALUES (?, ?, ?)")) {
      ps.setLong(1, size);
      ps.setBytes(2, root);
      ps.setBytes(3, note);
      ps.executeUpdate();
    }
  }

  /** The tracking code and recorded bytes of an outbox row's ballot. */
  static byte[][] ledgerEntry(Connection c, BallotId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT tracking_code, recorded FROM ballot WHERE ballot_id = ?")) {
      ps.setBytes(1, id.toBytes());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new BallotBoxException(
              BallotBoxException.Kind.UNKNOWN_BALLOT, "There is no ballot " + id + " in the box.");
        }
        return new byte[][] {rs.getBytes(1), rs.getBytes(2)};
      }
    }
  }

  static OutboxCounts counts(Connection c) throws SQLException {
    long pending = 0;
    long submitted = 0;
    long confirmed = 0;
    try (PreparedStatement ps =
            c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        switch (OutboxStatus.valueOf(rs.getString(1))) {
          case PENDING -> pending = rs.getLong(2);
          case SUBMITTED -> submitted = rs.getLong(2);
          case CONFIRMED -> confirmed = rs.getLong(2);
        }
      }
    }
    return new OutboxCounts(pending, submitted, confirmed);
  }

  private static void update(Connection c, String sql, BallotId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBytes(1, id.toBytes());
      ps.executeUpdate();
    }
  }
}
