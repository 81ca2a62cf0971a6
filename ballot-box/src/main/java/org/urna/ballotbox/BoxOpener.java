package org.urna.ballotbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.ballotbox.BoxFile.Durability;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.Station;

/**
 * Creates a new ballot box file atomically, or opens an existing one only after it passed every
 * check while opened read-only: the right password, this election, this station, intact chains, and
 * a file that extends the station's signed head. A refused file is left byte for byte as it was.
 */
final class BoxOpener {
  private BoxOpener() {}

  /** An open connection whose file passed the checks, and what the checks found. */
  record Opened(Connection connection, ChainCheck.Heads heads, Station station) {}

  /**
   * Opens (creating when {@code signer} is given and there is no file); {@code signer == null}
   * opens for reading only and never creates.
   */
  static Opened open(
      Path base,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      SigningKey signer,
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
    if (signer != null && !signer.publicKey().equals(station.key())) {
      throw new BallotBoxException(
          Kind.WRONG_STATION_KEY,
          "The signing key is not the key of station "
              + stationId
              + " in the election package. Nothing was opened or created.");
    }
    if (!BoxFile.exists(base)) {
      if (signer == null) {
        throw new BallotBoxException(
            Kind.NOT_FOUND,
            "There is no ballot box at "
                + BoxFile.dataFile(base)
                + ": check the path. Nothing was created.");
      }
      Optional<BoxHead> left = BoxHead.read(base);
      if (left.isPresent() && (left.get().chainLength() > 0 || left.get().auditLength() > 1)) {
        throw new BallotBoxException(
            Kind.ROLLED_BACK,
            "The ballot box file "
                + BoxFile.dataFile(base)
                + " is missing, but the station's signed record beside it says "
                + left.get().chainLength()
                + " ballots were cast or challenged in it. No new box was created; find the"
                + " box file or call the technician.",
            BallotBoxException.rolledBackForPollWorker(
                "The ballot box of this kiosk is missing, although the kiosk already "
                    + (left.get().chainLength() > 0
                        ? "accepted " + left.get().chainLength() + " ballots into it."
                        : "wrote " + left.get().auditLength() + " entries in its log.")
                    + " No new box was made."),
            null);
      }
      BoxCreation.create(base, password, manifest, key, stationId, signer, hour, durability);
    }
    // Every check runs on a read-only connection: H2 cannot repair, roll back or compact anything.
    JdbcDataSource ro = BoxFile.dataSource(base, password, BoxFile.Access.READ, durability);
    Connection c = BoxFile.connect(ro, base);
    ChainCheck.Heads heads;
    try {
      heads = check(c, base, manifest, key, station);
      if (signer == null) {
        return new Opened(c, heads, station);
      }
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    closeQuietly(c);
    checkWritable(base, heads);
    JdbcDataSource rw = BoxFile.dataSource(base, password, BoxFile.Access.WRITE, durability);
    c = BoxFile.connect(rw, base);
    try {
      if (BoxFile.readOnly(c)) {
        // H2 opens a file it cannot write read-only without a word; the first write would fail
        throw notWritable(base);
      }
      if (!ChainCheck.sameHeads(c, heads)) {
        throw new BallotBoxException(
            Kind.IN_USE,
            "The ballot box changed while it was being checked: another program writes to it."
                + " It was not opened.");
      }
      if (BoxFile.hasPendingMigrations(c)) {
        BoxFile.migrate(rw); // only a file that passed every check is upgraded
      }
      c.commit();
      return new Opened(c, heads, station);
    } catch (SQLException e) {
      closeQuietly(c);
      throw failure(e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /**
   * A box that passed its checks is opened for writing only when its folder and the files the box
   * writes (the H2 file, its signed head, the pads of pending ballots) can be written; else
   * NOT_WRITABLE, before H2 opens it for writing. On a read-only mount this holds for root too.
   */
  private static void checkWritable(Path base, ChainCheck.Heads heads) {
    Path folder = base.toAbsolutePath().getParent();
    boolean writable =
        Files.isWritable(folder)
            && Files.isWritable(BoxFile.dataFile(base))
            && Files.isWritable(BoxHead.file(base));
    for (var id : heads.pending()) {
      writable &= Files.isWritable(BoxFiles.padFile(base, id));
    }
    if (!writable) {
      throw notWritable(base);
    }
  }

  static BallotBoxException notWritable(Path base) {
    return new BallotBoxException(
        Kind.NOT_WRITABLE,
        "The ballot box "
            + BoxFile.dataFile(base)
            + " is in a folder that cannot be written (read-only, or no permission): it can be"
            + " verified, but not used for voting. It was not opened and nothing was changed; ask"
            + " the technician to check the disk or the path.");
  }

  private static ChainCheck.Heads check(
      Connection c, Path base, ElectionManifest manifest, ElectionKey key, Station station) {
    try {
      checkIdentity(c, manifest, key, station.id());
      BoxHead signed = signedHead(base, key, station);
      // the schema history must be there; a file of an older version is checked as it was
      // written, and migrated only once it passed (decision 0055)
      int schema = BoxFile.schemaVersion(c);
      if (schema > BoxFile.LATEST_SCHEMA) {
        throw new BallotBoxException(
            Kind.CORRUPT,
            "The ballot box "
                + BoxFile.dataFile(base)
                + " was written by a newer version of Urna (schema "
                + schema
                + "; this version knows schemas up to "
                + BoxFile.LATEST_SCHEMA
                + "). It was not opened and nothing was changed; open it with that version or a"
                + " newer one.");
      }
      ChainCheck.Heads heads =
          new ChainCheck(key.extendedHash(), station.id(), station.key()).run(c, signed, schema);
      for (var id : heads.pending()) {
        if (!Files.isRegularFile(BoxFiles.padFile(base, id))) {
          throw ChainCheck.tampered(
              "pending ballot " + id,
              "the file that unlocks its nonce seed ("
                  + BoxFiles.padFile(base, id).getFileName()
                  + ") is missing");
        }
      }
      return heads;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static BoxHead signedHead(Path base, ElectionKey key, Station station) {
    BoxHead signed =
        BoxHead.read(base)
            .orElseThrow(
                () ->
                    new BallotBoxException(
                        Kind.ROLLED_BACK,
                        "The ballot box "
                            + BoxFile.dataFile(base)
                            + " has no signed head ("
                            + BoxHead.file(base).getFileName()
                            + " beside it), so nobody can tell whether ballots are missing. It was"
                            + " not opened and nothing was changed; call the technician.",
                        BallotBoxException.rolledBackForPollWorker(
                            "The kiosk's signed record of the ballots it accepted is missing, so"
                                + " nobody can tell whether ballots are missing from this ballot"
                                + " box."),
                        null));
    if (!signed.signedBy(station.key(), key.extendedHash(), station.id())) {
      throw ChainCheck.tampered(
          "its signed head " + BoxHead.file(base).getFileName(),
          "the station's signature does not verify");
    }
    return signed;
  }

  static BallotBoxException failure(SQLException e) {
    if (BoxFile.missingTable(e)) {
      return ChainCheck.tampered(
          "its tables",
          "a table or column of the ballot box is missing (" + firstLine(e.getMessage()) + ")");
    }
    return BoxFile.storageFailure(e);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    int sql = line.indexOf("; SQL statement");
    return sql < 0 ? line : line.substring(0, sql);
  }

  static void insertIdentity(
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
      if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1) {
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
      if (!c.isClosed()) {
        c.rollback();
        c.close();
      }
    } catch (SQLException ignored) {
      // closing a refused file: nothing more to do
    }
  }
}
