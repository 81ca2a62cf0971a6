package org.urna.ballotbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.role.Role;

/** SQL of the {@code audit_log} table. Callers hold the box's lock and own the transaction. */
final class AuditRows {
  private AuditRows() {}

  static void insert(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (seq, epoch_hour, role, action, details, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, e.seq());
      ps.setLong(2, e.hour());
      ps.setString(3, e.role().name());
      ps.setString(4, e.action());
      ps.setString(5, e.details());
      ps.setBytes(6, e.prevHash());
      ps.setBytes(7, e.hash());
      ps.executeUpdate();
    }
  }

  /** Entries with seq in [from, from + limit), in order. */
  static List<AuditEntry> read(Connection c, long from, int limit) throws SQLException {
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, epoch_hour, role, action, details, prev_hash, hash FROM audit_log"
                + " WHERE seq >= ? ORDER BY seq LIMIT ?")) {
      ps.setLong(1, from);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AuditEntry(
                  rs.getLong(1),
                  rs.getLong(2),
                  Role.valueOf(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBytes(6),
                  rs.getBytes(7)));
        }
      }
    }
    return out;
  }
}
