package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Hash;
import org.urna.core.role.Role;

/** Every refusal is typed, speaks of the ballot or entry concerned, and changes nothing. */
class BallotBoxRefusalTest {
  @TempDir Path dir;
  private Path path;
  private final List<RecordedBallot> recorded = new ArrayList<>();
  private final Random random = new Random(11);

  @BeforeEach
  void aBoxWithThreeBallotsAndSomeAuditEntries() {
    path = dir.resolve("box");
    try (BallotBox box = TestBox.open(path)) {
      box.appendAudit(Role.POLL_WORKER, "polls-opened", "zero report printed");
      for (int i = 0; i < 3; i++) {
        TestBox.Made m = TestBox.ballot("referendum", random);
        box.storePending(m.ballot(), m.seed());
        recorded.add(box.cast(m.id(), TestBox.ELECTION.stationKey));
      }
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    assertRefusedUnchanged(
        () ->
            BallotBox.open(
                path,
                "not-the-password".toCharArray(),
                TestBox.ELECTION.manifest,
                TestBox.ELECTION.key,
                "s1",
                TestBox.ELECTION.stationKey),
        Kind.WRONG_PASSWORD,
        "password");
  }

  @Test
  void aBoxOfAnotherElectionIsRefused() throws Exception {
    ElectionKey other =
        new ElectionKey(TestBox.ELECTION.key.key(), Hash.tagged("another election").digest());
    assertRefusedUnchanged(
        () ->
            BallotBox.open(
                path,
                TestBox.PASSWORD.toCharArray(),
                TestBox.ELECTION.manifest,
                other,
                "s1",
                TestBox.ELECTION.stationKey),
        Kind.OTHER_ELECTION,
        "another election");
  }

  @Test
  void aBoxOfAnotherStationIsRefused() throws Exception {
    assertRefusedUnchanged(
        () ->
            BallotBox.open(
                path,
                TestBox.PASSWORD.toCharArray(),
                TestBox.ELECTION.manifest,
                TestBox.ELECTION.key,
                "s2",
                TestBox.ELECTION.otherStationKey),
        Kind.OTHER_STATION,
        "station s1");
  }

  @Test
  void aStationOutsideTheElectionIsRefused() throws Exception {
    assertRefusedUnchanged(
        () ->
            BallotBox.open(
                path,
                TestBox.PASSWORD.toCharArray(),
                TestBox.ELECTION.manifest,
                TestBox.ELECTION.key,
                "s9",
                TestBox.ELECTION.stationKey),
        Kind.UNKNOWN_STATION,
        "s9");
  }

  @Test
  void aFlippedByteInAStoredBallotIsFoundAndNamed() throws Exception {
    byte[] bytes = recorded.get(1).toBytes();
    bytes[bytes.length / 2] ^= 0x01;
    sql("UPDATE ballot SET recorded = ? WHERE chain_pos = 2", bytes);
    assertTampered("ballot " + recorded.get(1).ballotId() + " at position 2");
  }

  @Test
  void aFlippedByteInAStationSignatureIsFound() throws Exception {
    byte[] bytes = recorded.get(0).toBytes();
    bytes[bytes.length - 5] ^= 0x40;
    sql("UPDATE ballot SET recorded = ? WHERE chain_pos = 1", bytes);
    assertTampered("signature");
  }

  @Test
  void aRemovedBallotBreaksTheChain() throws Exception {
    byte[] id = recorded.get(1).ballotId().toBytes();
    sql("DELETE FROM outbox WHERE ballot_id = ?", id);
    sql("DELETE FROM ballot WHERE ballot_id = ?", id);
    assertTampered("position 3");
  }

  @Test
  void aCastBallotTurnedIntoAChallengedOneIsFound() throws Exception {
    sql("UPDATE ballot SET state = 'CHALLENGED' WHERE chain_pos = 3");
    assertTampered("ballot " + recorded.get(2).ballotId());
  }

  @Test
  void anEditedAuditEntryIsFoundAndNamed() throws Exception {
    sql("UPDATE audit_log SET details = 'nothing happened' WHERE seq = 3");
    assertTampered("audit entry 3");
  }

  @Test
  void aRemovedOutboxRowIsFound() throws Exception {
    sql("DELETE FROM outbox WHERE chain_pos = 2");
    assertTampered("outbox");
  }

  @Test
  void anH2FileThatIsNotABallotBoxIsRefused() throws Exception {
    Path other = dir.resolve("other");
    DriverManager.getConnection(
            "jdbc:h2:file:" + other.toAbsolutePath() + ";CIPHER=AES",
            BoxFile.USER,
            TestBox.PASSWORD + " " + TestBox.PASSWORD)
        .close();
    assertThatThrownBy(() -> TestBox.open(other))
        .isInstanceOfSatisfying(
            BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CORRUPT));
  }

  @Test
  void aShortPasswordIsRefusedBeforeAnythingIsCreated() {
    assertThatThrownBy(
            () ->
                BallotBox.open(
                    dir.resolve("new"),
                    "short".toCharArray(),
                    TestBox.ELECTION.manifest,
                    TestBox.ELECTION.key,
                    "s1",
                    TestBox.ELECTION.stationKey))
        .isInstanceOfSatisfying(
            BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNUSABLE_PASSWORD));
    assertThat(BoxFile.exists(dir.resolve("new"))).isFalse();
  }

  @Test
  void aBoxOpenTwiceIsRefused() {
    try (BallotBox box = TestBox.open(path)) {
      assertThatThrownBy(() -> TestBox.open(path))
          .isInstanceOfSatisfying(
              BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.IN_USE));
      assertThat(box.counts().cast()).isEqualTo(3);
    }
  }

  @Test
  void badBallotOperationsAreRefusedAndChangeNothing() throws Exception {
    try (BallotBox box = TestBox.open(path)) {
      TestBox.Made pending = TestBox.ballot("referendum", random);
      box.storePending(pending.ballot(), pending.seed());
      TestBox.Made challenged = TestBox.ballot("referendum", random);
      box.storePending(challenged.ballot(), challenged.seed());
      box.challenge(challenged.id(), challenged.plaintext(), TestBox.ELECTION.stationKey);
      BallotCounts counts = box.counts();
      TrackingCode head = box.lastTrackingCode();
      String before = snapshotOf(box);

      expect(() -> box.storePending(pending.ballot(), pending.seed()), Kind.DUPLICATE_BALLOT);
      expect(() -> box.storePending(challenged.ballot(), challenged.seed()), Kind.DUPLICATE_BALLOT);
      expect(
          () -> box.cast(BallotId.of(new byte[16]), TestBox.ELECTION.stationKey),
          Kind.UNKNOWN_BALLOT);
      expect(
          () -> box.cast(recorded.get(0).ballotId(), TestBox.ELECTION.stationKey),
          Kind.ALREADY_CAST);
      expect(
          () ->
              box.challenge(
                  recorded.get(0).ballotId(), pending.plaintext(), TestBox.ELECTION.stationKey),
          Kind.ALREADY_CAST);
      expect(() -> box.cast(challenged.id(), TestBox.ELECTION.stationKey), Kind.ALREADY_CHALLENGED);
      expect(
          () -> box.cast(pending.id(), TestBox.ELECTION.otherStationKey), Kind.WRONG_STATION_KEY);
      TestBox.Made foreign = TestBox.ballot("referendum", random, "s2");
      expect(() -> box.storePending(foreign.ballot(), foreign.seed()), Kind.FOREIGN_BALLOT);
      expect(
          () ->
              box.challenge(
                  pending.id(),
                  TestBox.ELECTION.randomBallot("four-by-five", random),
                  TestBox.ELECTION.stationKey),
          Kind.INVALID_REQUEST);
      expect(() -> box.appendAudit(Role.POLL_WORKER, "Polls Opened!", ""), Kind.INVALID_REQUEST);

      assertThat(box.counts()).isEqualTo(counts);
      assertThat(box.lastTrackingCode()).isEqualTo(head);
      assertThat(snapshotOf(box)).isEqualTo(before);
      RecordedBallot cast = box.cast(pending.id(), TestBox.ELECTION.stationKey);
      assertThat(cast.previous()).isEqualTo(head);
    }
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.counts()).isEqualTo(new BallotCounts(4, 1, 0));
    }
  }

  private static void expect(ThrowingCallable call, Kind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private static String snapshotOf(BallotBox box) {
    StringBuilder sb = new StringBuilder();
    box.forEachRecorded(rb -> sb.append(HexFormat.of().formatHex(rb.toBytes())).append('\n'));
    box.auditEntries(1, 10_000).forEach(e -> sb.append(e.hashHex()).append('\n'));
    sb.append(box.outboxCounts()).append(box.counts());
    return sb.toString();
  }

  private void assertTampered(String named) throws Exception {
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.TAMPERED, named);
  }

  private void assertRefusedUnchanged(ThrowingCallable open, Kind kind, String named)
      throws Exception {
    String before = snapshot();
    BoxBytes files = BoxBytes.of(path);
    assertThatThrownBy(open)
        .isInstanceOfSatisfying(
            BallotBoxException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.getMessage()).contains(named);
            });
    files.assertUnchanged();
    assertThat(snapshot()).isEqualTo(before);
  }

  private void sql(String statement, Object... params) throws SQLException {
    try (Connection c = TestBox.raw(path);
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      assertThat(ps.executeUpdate()).isPositive();
    }
  }

  /** Every row of every table, as text. */
  private String snapshot() throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Connection c = TestBox.raw(path);
        Statement s = c.createStatement()) {
      for (String table : List.of("box_identity", "ballot", "outbox", "audit_log")) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              Object o = rs.getObject(i);
              sb.append(o instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(o))
                  .append('|');
            }
            sb.append('\n');
          }
        }
      }
    }
    return sb.toString();
  }
}
