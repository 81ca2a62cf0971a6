package org.urna.ballotbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.urna.ballotbox.BallotBoxException.Kind;

/**
 * The H2 file under a ballot box: AES file encryption, commits written at once ({@code
 * WRITE_DELAY=0}) and forced to the disk on request ({@code CHECKPOINT SYNC}), schema by Flyway.
 */
final class BoxFile {
  static final String USER = "BOX";
  static final String SUFFIX = ".mv.db";
  private static final int MIN_PASSWORD = 8;

  private BoxFile() {}

  /** How a commit is made durable; only benchmarks choose anything but {@link #FSYNC}. */
  enum Durability {
    /** Commit written at once and forced to the disk: survives a power cut. */
    FSYNC,
    /** Commit written at once, not forced: survives a crash of the program, not of the machine. */
    WRITE,
    /** H2's default: written within about a second. Loses commits on a crash. */
    DELAYED
  }

  static Path dataFile(Path base) {
    return base.resolveSibling(base.getFileName() + SUFFIX);
  }

  static void checkPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD) {
      throw new BallotBoxException(
          Kind.UNUSABLE_PASSWORD,
          "The ballot box password must have at least " + MIN_PASSWORD + " characters.");
    }
    for (char c : password) {
      if (Character.isWhitespace(c)) {
        throw new BallotBoxException(
            Kind.UNUSABLE_PASSWORD, "The ballot box password must not contain spaces.");
      }
    }
  }

  /** How the file is opened. */
  enum Access {
    /** A new file (only ever under a temporary name, decision 0049). */
    CREATE,
    /**
     * An existing file, read only: H2 opens it with {@code ACCESS_MODE_DATA=r} and writes nothing.
     */
    READ,
    /** An existing file that passed every check, for reading and writing. */
    WRITE
  }

  /**
   * The H2 data source: the same secret as file password and user password. H2's trace file is off
   * ({@code TRACE_LEVEL_FILE=0}): it would write error texts in plaintext beside the box.
   */
  static JdbcDataSource dataSource(Path base, char[] password, Access access, Durability d) {
    String url =
        "jdbc:h2:file:"
            + base.toAbsolutePath()
            + ";CIPHER=AES;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=1024;TRACE_LEVEL_FILE=0"
            + (d == Durability.DELAYED ? "" : ";WRITE_DELAY=0")
            + switch (access) {
              case CREATE -> "";
              case READ -> ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
              case WRITE -> ";IFEXISTS=TRUE";
            };
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser(USER);
    char[] both = new char[password.length * 2 + 1];
    System.arraycopy(password, 0, both, 0, password.length);
    both[password.length] = ' ';
    System.arraycopy(password, 0, both, password.length + 1, password.length);
    ds.setPasswordChars(both);
    return ds;
  }

  static Connection connect(JdbcDataSource ds, Path base) {
    try {
      Connection c = ds.getConnection();
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw openFailure(e, base);
    }
  }

  private static Flyway flyway(JdbcDataSource ds) {
    return Flyway.configure(BoxFile.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:org/urna/ballotbox/migration")
        .load();
  }

  /**
   * The newest migration under {@code org/urna/ballotbox/migration}; a test keeps it equal to what
   * Flyway finds. Opening a current file then needs no Flyway start-up (about a second here).
   */
  static final int LATEST_SCHEMA = 2;

  /** True when the file lacks migrations this version of the box has. */
  static boolean hasPendingMigrations(Connection c) throws SQLException {
    return schemaVersion(c) < LATEST_SCHEMA;
  }

  /**
   * The file's schema version: its newest migration applied. A file of an older version (an
   * upgrade: its migrations run once it passed the checks) reads lower than {@link #LATEST_SCHEMA}.
   */
  static int schemaVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\""
                    + " WHERE \"success\"")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
          || e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1) {
        throw new BallotBoxException(
            Kind.CORRUPT, "The file opens but has no ballot box schema history.", e);
      }
      throw e;
    }
  }

  /** The newest migration Flyway finds (for the test that keeps {@link #LATEST_SCHEMA} right). */
  static String latestMigration(JdbcDataSource ds) {
    var all = flyway(ds).info().all();
    return all[all.length - 1].getVersion().getVersion();
  }

  /** Applies the migrations the file lacks. */
  static void migrate(JdbcDataSource ds) {
    try {
      flyway(ds).migrate();
    } catch (FlywayException e) {
      throw new BallotBoxException(
          Kind.CORRUPT, "The ballot box's tables could not be set up: " + e.getMessage(), e);
    }
  }

  /** True when H2 opened the file read-only (it does so silently for a file it cannot write). */
  static boolean readOnly(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT READONLY()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Forces everything committed so far onto the disk. */
  static void sync(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
  }

  static BallotBoxException openFailure(SQLException e, Path base) {
    String file = dataFile(base).toString();
    return switch (e.getErrorCode()) {
      case ErrorCode.FILE_ENCRYPTION_ERROR_1, ErrorCode.WRONG_USER_OR_PASSWORD ->
          new BallotBoxException(
              Kind.WRONG_PASSWORD,
              "The password does not open the ballot box " + file + ". Nothing was changed.",
              e);
      case ErrorCode.DATABASE_ALREADY_OPEN_1 ->
          new BallotBoxException(
              Kind.IN_USE, "The ballot box " + file + " is already open in another program.", e);
      case ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1, ErrorCode.DATABASE_NOT_FOUND_1 ->
          new BallotBoxException(
              Kind.NOT_FOUND, "There is no ballot box at " + file + ". Nothing was created.", e);
      case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 ->
          new BallotBoxException(
              Kind.CORRUPT,
              "The ballot box " + file + " is damaged or is not a ballot box file.",
              e);
      default -> storageFailure(e);
    };
  }

  /** True for H2's "table not found" errors: a table of the box was dropped. */
  static boolean missingTable(SQLException e) {
    return e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
        || e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
        || e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2
        || e.getErrorCode() == ErrorCode.COLUMN_NOT_FOUND_1;
  }

  static BallotBoxException storageFailure(SQLException e) {
    return new BallotBoxException(
        Kind.STORAGE_FAILURE,
        "The ballot box could not be read or written (H2 error "
            + e.getErrorCode()
            + "): check the disk. Nothing was changed.",
        e);
  }

  static boolean exists(Path base) {
    return Files.exists(dataFile(base));
  }
}
