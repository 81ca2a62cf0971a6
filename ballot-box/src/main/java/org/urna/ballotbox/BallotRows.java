package org.urna.ballotbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;

/** SQL of the {@code ballot} table. Callers hold the box's lock and own the transaction. */
final class BallotRows {
  private BallotRows() {}

  /** A ballot waiting for the voter's decision; its seed XOR its pad (decision 0051). */
  record Pending(BallotId id, EncryptedBallot body, byte[] maskedSeed) {}

  /** The state column of a ballot, if it exists. */
  static Optional<String> state(Connection c, BallotId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT state FROM ballot WHERE ballot_id = ?")) {
      ps.setBytes(1, id.toBytes());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static void insertPending(Connection c, EncryptedBallot body, byte[] maskedSeed)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ballot (ballot_id, state, epoch_hour, body, nonce_seed) VALUES (?, 'PENDING', ?,"
                + " ?, ?)")) {
      ps.setBytes(1, body.ballotId().toBytes());
      ps.setLong(2, body.epochHour());
      ps.setBytes(3, body.toBytes());
      ps.setBytes(4, maskedSeed);
      ps.executeUpdate();
    }
  }

  static Pending pending(Connection c, BallotId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT body, nonce_seed FROM ballot WHERE ballot_id = ? AND state = 'PENDING'")) {
      ps.setBytes(1, id.toBytes());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("ballot " + id + " is not pending");
        }
        return new Pending(id, EncryptedBallot.decode(rs.getBytes(1)), rs.getBytes(2));
      }
    }
  }

  static List<BallotId> pendingIds(Connection c) throws SQLException {
    List<BallotId> ids = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT ballot_id FROM ballot WHERE state = 'PENDING' ORDER BY epoch_hour, ballot_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(BallotId.of(rs.getBytes(1)));
      }
    }
    return ids;
  }

  /** Turns a pending row into a recorded one: the body and the seed are overwritten with NULL. */
  static void record(Connection c, long position, RecordedBallot rb, TrackingCode code)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ballot SET state = ?, body = NULL, nonce_seed = NULL, chain_pos = ?,"
                + " recorded = ?, previous_code = ?, tracking_code = ?"
                + " WHERE ballot_id = ? AND state = 'PENDING'")) {
      ps.setString(1, rb.state().name());
      ps.setLong(2, position);
      ps.setBytes(3, rb.toBytes());
      ps.setBytes(4, rb.previous().toBytes());
      ps.setBytes(5, code.toBytes());
      ps.setBytes(6, rb.ballotId().toBytes());
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("ballot " + rb.ballotId() + " was not pending");
      }
    }
  }

  static BallotCounts counts(Connection c) throws SQLException {
    long cast = 0;
    long challenged = 0;
    long pending = 0;
    try (PreparedStatement ps =
            c.prepareStatement("SELECT state, COUNT(*) FROM ballot GROUP BY state");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        switch (rs.getString(1)) {
          case "CAST" -> cast = rs.getLong(2);
          case "CHALLENGED" -> challenged = rs.getLong(2);
          case "PENDING" -> pending = rs.getLong(2);
          default -> throw new IllegalStateException("unknown state " + rs.getString(1));
        }
      }
    }
    return new BallotCounts(cast, challenged, pending);
  }

  /** The recorded ballots with position in [from, from + limit), in chain order. */
  static List<RecordedBallot> recorded(Connection c, long from, int limit) throws SQLException {
    List<RecordedBallot> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT recorded FROM ballot WHERE chain_pos >= ? ORDER BY chain_pos LIMIT ?")) {
      ps.setLong(1, from);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(RecordedBallot.decode(rs.getBytes(1)));
        }
      }
    }
    return out;
  }
}
