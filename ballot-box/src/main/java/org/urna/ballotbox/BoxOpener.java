package org.urna.ballotbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import org.h2.jdbcx.JdbcDataSource;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.ballotbox.BoxFile.Durability;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.Station;

/**
 * Creates a new ballot box file, or opens an existing one only after it passed every check: the
 * right password, this election, this station, intact chains. A refused file is closed unchanged.
 */
final class BoxOpener {
  private BoxOpener() {}

  /** An open connection whose file passed the checks, and what the checks found. */
  record Opened(Connection connection, ChainCheck.Heads heads, Station station) {}

  static Opened open(
      Path base,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      long hour,
      Durability durability) {
    BoxFile.checkPassword(password);
    Station station =
        manifest
            .station(stationId)
            .orElseThrow(
                () ->
                    new BallotBoxException(
                        Kind.UNKNOWN_STATION,
                        "Station "
                            + stationId
                            + " is not a station of election "
                            + manifest.electionId()
                            + ": check the station id in the configuration."));
    boolean create = !BoxFile.exists(base);
    if (create) {
      try {
        Files.createDirectories(base.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new BallotBoxException(
            Kind.STORAGE_FAILURE, "The ballot box folder cannot be created: " + e.getMessage(), e);
      }
    }
    JdbcDataSource ds = BoxFile.dataSource(base, password, create, durability);
    if (create) {
      BoxFile.migrate(ds); // Flyway creates the file and its tables through its own connections
    }
    Connection c = BoxFile.connect(ds, base);
    try {
      if (create) {
        insertIdentity(c, manifest, key, stationId, hour);
      } else {
        checkIdentity(c, manifest, key, stationId);
      }
      ChainCheck.Heads heads = new ChainCheck(key.extendedHash(), stationId, station.key()).run(c);
      if (!create && BoxFile.hasPendingMigrations(c)) {
        BoxFile.migrate(ds); // only a file that passed every check is upgraded
      }
      c.commit();
      BoxFile.sync(c);
      return new Opened(c, heads, station);
    } catch (SQLException e) {
      closeQuietly(c);
      throw BoxFile.storageFailure(e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static void insertIdentity(
      Connection c, ElectionManifest manifest, ElectionKey key, String stationId, long hour)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO box_identity (id, extended_hash, election_id, station_id, created_hour)"
                + " VALUES (1, ?, ?, ?, ?)")) {
      ps.setBytes(1, key.extendedHash());
      ps.setString(2, manifest.electionId());
      ps.setString(3, stationId);
      ps.setLong(4, hour);
      ps.executeUpdate();
    }
  }

  private static void checkIdentity(
      Connection c, ElectionManifest manifest, ElectionKey key, String stationId)
      throws SQLException {
    byte[] hash;
    String electionId;
    String station;
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT extended_hash, election_id, station_id FROM box_identity WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new BallotBoxException(
            Kind.CORRUPT, "The file has no ballot box identity: it is not a usable ballot box.");
      }
      hash = rs.getBytes(1);
      electionId = rs.getString(2);
      station = rs.getString(3);
    } catch (SQLException e) {
      if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
          || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1) {
        throw new BallotBoxException(
            Kind.CORRUPT, "The file opens but is not a ballot box (no ballot box tables).", e);
      }
      throw e;
    }
    if (!Arrays.equals(hash, key.extendedHash()) || !electionId.equals(manifest.electionId())) {
      throw new BallotBoxException(
          Kind.OTHER_ELECTION,
          "This ballot box belongs to another election ("
              + electionId
              + ", election hash "
              + HexFormat.of().formatHex(hash, 0, 4)
              + "…), not to "
              + manifest.electionId()
              + ". It was not opened and nothing was changed.");
    }
    if (!station.equals(stationId)) {
      throw new BallotBoxException(
          Kind.OTHER_STATION,
          "This ballot box belongs to station "
              + station
              + ", not to station "
              + stationId
              + ". It was not opened and nothing was changed.");
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.rollback();
      c.close();
    } catch (SQLException ignored) {
      // closing a refused file: nothing more to do
    }
  }
}
