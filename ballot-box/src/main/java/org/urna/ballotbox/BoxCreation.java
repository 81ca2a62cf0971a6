package org.urna.ballotbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.ballotbox.BoxFile.Durability;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.role.Role;

/**
 * Creates a ballot box atomically (decision 0049): the H2 file is built complete under the
 * temporary name {@code <box>.creating.mv.db} (tables, identity, the {@code box-created} audit
 * entry), closed, its signed head written, and only then renamed to {@code <box>.mv.db}. A crash at
 * any moment leaves either no box (the next open starts again, removing the leftover) or a complete
 * one.
 */
final class BoxCreation {
  private BoxCreation() {}

  static void create(
      Path base,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      SigningKey signer,
      long hour,
      Durability durability) {
    Path folder = base.toAbsolutePath().getParent();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw notWritable(folder, e);
    }
    if (!Files.isWritable(folder)) {
      throw notWritable(folder, null);
    }
    Path tmp = base.resolveSibling(base.getFileName() + ".creating");
    try {
      Files.deleteIfExists(BoxFile.dataFile(tmp)); // left by a crash during an earlier creation
    } catch (IOException e) {
      throw notWritable(folder, e);
    }
    JdbcDataSource ds = BoxFile.dataSource(tmp, password, BoxFile.Access.CREATE, durability);
    BoxFile.migrate(ds); // Flyway creates the file and its tables through its own connections
    Connection c = BoxFile.connect(ds, tmp);
    AuditEntry created;
    try {
      BoxOpener.insertIdentity(c, manifest, key, stationId, hour);
      created =
          AuditEntry.next(
              1,
              hour,
              Role.KIOSK,
              "box-created",
              "election " + manifest.electionId(),
              AuditEntry.seed(key.extendedHash(), stationId));
      AuditRows.insert(c, created);
      c.commit();
      BoxFile.sync(c);
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    } catch (SQLException e) {
      BoxOpener.closeQuietly(c);
      throw BoxFile.storageFailure(e);
    } finally {
      closeDead(c);
    }
    BoxHead head =
        BoxHead.sign(
            signer,
            key.extendedHash(),
            stationId,
            0,
            TrackingCode.seed(key.extendedHash(), stationId),
            1,
            created.hash());
    try {
      head.write(base);
      Files.move(BoxFile.dataFile(tmp), BoxFile.dataFile(base), StandardCopyOption.ATOMIC_MOVE);
      BoxFiles.forceFolder(folder);
    } catch (FileAlreadyExistsException e) {
      throw new BallotBoxException(
          Kind.IN_USE, "Another program created the ballot box " + base + " at the same time.", e);
    } catch (IOException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "The new ballot box could not be put in place (" + e.getMessage() + "): check the disk.",
          e);
    }
  }

  /** Closes a connection whose database was shut down (nothing to roll back any more). */
  static void closeDead(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the database is already closed
    }
  }

  private static BallotBoxException notWritable(Path folder, IOException e) {
    return new BallotBoxException(
        Kind.NOT_WRITABLE,
        "The folder "
            + folder
            + " cannot be written (read-only, or no permission): the ballot box cannot be kept"
            + " there. Nothing was created; ask the technician to check the disk or the path.",
        e);
  }
}
