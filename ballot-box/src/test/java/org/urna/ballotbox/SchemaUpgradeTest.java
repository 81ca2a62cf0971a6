package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.role.Role;

/**
 * A box of an older schema is checked as it was written and migrated once it passed (decision
 * 0055). The schema-1 file is made here by taking schema 2's additions out of a current box (V2
 * only adds); packaging/tests/run.sh does the same with a box cast by the release before V2.
 */
class SchemaUpgradeTest {
  @TempDir Path dir;
  private Path path;
  private final List<RecordedBallot> recorded = new ArrayList<>();

  @BeforeEach
  void aSchemaOneBoxWithThreeBallots() throws SQLException {
    path = dir.resolve("box");
    Random random = new Random(5);
    try (BallotBox box = TestBox.open(path)) {
      box.appendAudit(Role.POLL_WORKER, "polls-opened", "zero report printed");
      for (int i = 0; i < 3; i++) {
        TestBox.Made m = TestBox.ballot("referendum", random);
        box.storePending(m.ballot(), m.seed());
        recorded.add(box.cast(m.id(), TestBox.ELECTION.stationKey));
      }
    }
    try (Connection c = TestBox.raw(path);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE checkpoint_note");
      s.execute("ALTER TABLE outbox DROP COLUMN leaf_index");
      s.execute("ALTER TABLE outbox DROP COLUMN inclusion_path");
      s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '2'");
    }
  }

  @Test
  void aSchemaOneBoxOpensKeepsEveryBallotAndIsMigrated() throws SQLException {
    assertThat(schema()).isEqualTo(1);
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.counts().cast()).isEqualTo(3);
      assertThat(box.lastTrackingCode()).isEqualTo(recorded.getLast().code());
      List<RecordedBallot> after = new ArrayList<>();
      box.forEachRecorded(after::add);
      assertThat(after)
          .extracting(RecordedBallot::code)
          .containsExactlyElementsOf(recorded.stream().map(RecordedBallot::code).toList());
    }
    assertThat(schema()).isEqualTo(BoxFile.LATEST_SCHEMA);
    // and the migrated box opens again as a current one
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.counts().cast()).isEqualTo(3);
    }
  }

  @Test
  void aSchemaOneBoxWithConfirmationsIsRefusedUnchanged() throws SQLException {
    try (Connection c = TestBox.raw(path);
        Statement s = c.createStatement()) {
      s.execute(
          "UPDATE outbox SET status = 'CONFIRMED', checkpoint_size = 3,"
              + " checkpoint_root = X'"
              + "00".repeat(32)
              + "' WHERE chain_pos = 1");
    }
    BoxBytes before = BoxBytes.of(path);
    assertThatThrownBy(() -> TestBox.open(path))
        .isInstanceOfSatisfying(
            BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CORRUPT))
        .hasMessageContaining("older version")
        .hasMessageContaining("1 ledger confirmations without their proof");
    before.assertUnchanged();
  }

  @Test
  void aBoxOfANewerSchemaIsRefusedUnchanged() throws SQLException {
    try (Connection c = TestBox.raw(path);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO \"flyway_schema_history\" SELECT \"installed_rank\" + 10, '"
              + (BoxFile.LATEST_SCHEMA + 7)
              + "', 'from the future', \"type\", 'V9__future.sql', \"checksum\", \"installed_by\","
              + " \"installed_on\", \"execution_time\", \"success\" FROM \"flyway_schema_history\""
              + " WHERE \"version\" = '1'");
    }
    BoxBytes before = BoxBytes.of(path);
    assertThatThrownBy(() -> TestBox.open(path))
        .isInstanceOfSatisfying(
            BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CORRUPT))
        .hasMessageContaining("newer version of Urna (schema " + (BoxFile.LATEST_SCHEMA + 7))
        .hasMessageContaining("knows schemas up to " + BoxFile.LATEST_SCHEMA);
    before.assertUnchanged();
  }

  private int schema() throws SQLException {
    try (Connection c = TestBox.raw(path);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\""
                    + " WHERE \"success\"")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
