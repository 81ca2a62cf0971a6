package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.role.Role;

/**
 * The box knows what it acknowledged (decision 0047): a file behind its signed head is refused,
 * never voided or repaired, and a refused open leaves every file byte for byte as it was.
 */
class BoxHeadTest {
  @TempDir Path dir;
  private Path path;
  private final List<RecordedBallot> recorded = new ArrayList<>();
  private final Random random = new Random(5);

  @BeforeEach
  void aBoxWithTenBallots() {
    path = dir.resolve("box");
    try (BallotBox box = TestBox.open(path)) {
      box.appendAudit(Role.POLL_WORKER, "polls-opened", "zero report printed");
      castSome(box, 10);
    }
  }

  private void castSome(BallotBox box, int n) {
    for (int i = 0; i < n; i++) {
      TestBox.Made m = TestBox.ballot("four-by-five", random);
      box.storePending(m.ballot(), m.seed());
      recorded.add(box.cast(m.id(), TestBox.ELECTION.stationKey));
    }
  }

  @Test
  void aDamagedTailOfABoxThatWasNotClosedIsRefusedAndLeftAsItWas() throws Exception {
    // A copy taken while the box is open is what a power cut leaves: the file was never closed.
    Path copy = dir.resolve("copy").resolve("box");
    Files.createDirectories(copy.getParent());
    try (BallotBox box = TestBox.open(path)) {
      TestBox.Made pending = TestBox.ballot("referendum", random);
      castSome(box, 5);
      box.storePending(pending.ballot(), pending.seed());
      castSome(box, 1);
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) {
          Files.copy(f, copy.resolveSibling(f.getFileName()));
        }
      }
    }
    try (FileChannel ch = FileChannel.open(BoxFile.dataFile(copy), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 1); // truncate -s -1
    }
    BoxBytes before = BoxBytes.of(copy);
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> TestBox.open(copy))
          .isInstanceOfSatisfying(
              BallotBoxException.class,
              e -> {
                assertThat(e.kind()).isIn(Kind.ROLLED_BACK, Kind.CORRUPT);
                assertThat(e.getMessage()).contains("nothing was changed");
              });
      before.assertUnchanged();
      assertThatThrownBy(
              () ->
                  BallotBox.openReadOnly(
                      copy,
                      TestBox.PASSWORD.toCharArray(),
                      TestBox.ELECTION.manifest,
                      TestBox.ELECTION.key,
                      "s1"))
          .isInstanceOf(BallotBoxException.class);
      before.assertUnchanged();
    }
  }

  @Test
  void theLastBallotsDeletedWithTheirOutboxAndAuditRowsAreFound() throws Exception {
    try (Connection c = TestBox.raw(path)) {
      c.setAutoCommit(false);
      for (int k = 0; k < 3; k++) {
        byte[] id = recorded.get(recorded.size() - 1 - k).ballotId().toBytes();
        update(c, "DELETE FROM outbox WHERE ballot_id = ?", id);
        update(c, "DELETE FROM ballot WHERE ballot_id = ?", id);
      }
      // the audit rows of those casts, and the box-opened/closing rows after them
      update(
          c,
          "DELETE FROM audit_log WHERE seq > (SELECT seq FROM audit_log WHERE details LIKE ?)",
          "%at position 7");
      c.commit();
    }
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.ROLLED_BACK, "7 recorded ballots");
  }

  @Test
  void anOlderCopyOfTheBoxRestoredUnderTheNewHeadIsFound() throws Exception {
    Path old = dir.resolve("old.mv.db");
    Files.copy(BoxFile.dataFile(path), old);
    try (BallotBox box = TestBox.open(path)) {
      castSome(box, 2);
    }
    Files.copy(old, BoxFile.dataFile(path), StandardCopyOption.REPLACE_EXISTING);
    Files.delete(old);
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.ROLLED_BACK, "10 recorded ballots");
  }

  @Test
  void deletingTheLastAuditEntryIsFound() throws Exception {
    try (Connection c = TestBox.raw(path)) {
      update(c, "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
    }
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.ROLLED_BACK, "audit entries");
  }

  @Test
  void aMissingOrForgedHeadIsRefused() throws Exception {
    Path head = BoxHead.file(path);
    byte[] good = Files.readAllBytes(head);
    byte[] forged = good.clone();
    forged[10] ^= 1; // the chain length, not re-signed
    Files.write(head, forged);
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.TAMPERED, "signed head");
    Files.delete(head);
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.ROLLED_BACK, "no signed head");
    Files.write(head, good);
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.counts().cast()).isEqualTo(10);
    }
  }

  @Test
  void aDeletedBoxIsNotReplacedByAnEmptyOne() throws Exception {
    Files.delete(BoxFile.dataFile(path));
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.ROLLED_BACK, "missing");
    assertThat(BoxFile.exists(path)).isFalse();
  }

  @Test
  void aDroppedTableIsNamedAsAnAlteredBoxNotADiskFault() throws Exception {
    try (Connection c = TestBox.raw(path);
        var s = c.createStatement()) {
      s.execute("DROP TABLE audit_log");
    }
    assertRefusedUnchanged(() -> TestBox.open(path), Kind.TAMPERED, "AUDIT_LOG");
  }

  @Test
  void aReadOnlyOpenWritesNothingAndRefusesChanges() throws Exception {
    BoxBytes before = BoxBytes.of(path);
    try (BallotBox box =
        BallotBox.openReadOnly(
            path,
            TestBox.PASSWORD.toCharArray(),
            TestBox.ELECTION.manifest,
            TestBox.ELECTION.key,
            "s1")) {
      assertThat(box.counts().cast()).isEqualTo(10);
      assertThatThrownBy(() -> box.appendAudit(Role.TECHNICIAN, "looked", ""))
          .isInstanceOfSatisfying(
              BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.READ_ONLY));
    }
    before.assertUnchanged();
  }

  @Test
  void aMissingBoxIsNotCreatedByAReadOnlyOpen() {
    Path none = dir.resolve("none").resolve("box");
    assertThatThrownBy(
            () ->
                BallotBox.openReadOnly(
                    none,
                    TestBox.PASSWORD.toCharArray(),
                    TestBox.ELECTION.manifest,
                    TestBox.ELECTION.key,
                    "s1"))
        .isInstanceOfSatisfying(
            BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    assertThat(Files.exists(none.getParent())).isFalse();
  }

  @Test
  void noH2TraceFileAppearsBesideTheBox() throws Exception {
    try (BallotBox box = TestBox.open(path)) {
      castSome(box, 1);
    }
    try (Connection c = TestBox.raw(path)) {
      update(c, "UPDATE audit_log SET details = 'x' WHERE seq = 2");
    }
    assertThatThrownBy(() -> TestBox.open(path)).isInstanceOf(BallotBoxException.class);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace.db")))
          .isEmpty();
    }
  }

  private void assertRefusedUnchanged(ThrowingCallable open, Kind kind, String named)
      throws IOException {
    BoxBytes before = BoxBytes.of(path);
    assertThatThrownBy(open)
        .isInstanceOfSatisfying(
            BallotBoxException.class,
            e -> {
              assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
              assertThat(e.getMessage()).contains(named);
            });
    before.assertUnchanged();
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }
}
