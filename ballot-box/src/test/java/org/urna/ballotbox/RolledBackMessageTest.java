package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.core.role.Role;

/**
 * A box behind its signed head (decision 0047) is refused as ROLLED_BACK with a text for the poll
 * worker ({@link BallotBoxException#pollWorkerMessage()}, which the kiosk shows): what happened,
 * that no ballot was voided and nothing changed, whom to call; no paths, no database words. The
 * technician's message keeps the details.
 */
class RolledBackMessageTest {
  @TempDir Path dir;
  private Path path;
  private final Random random = new Random(11);

  @BeforeEach
  void aBoxWithFourBallots() {
    path = dir.resolve("box");
    try (BallotBox box = TestBox.open(path)) {
      castSome(box, 4);
    }
  }

  private void castSome(BallotBox box, int n) {
    for (int i = 0; i < n; i++) {
      TestBox.Made m = TestBox.ballot("referendum", random);
      box.storePending(m.ballot(), m.seed());
      box.cast(m.id(), TestBox.ELECTION.stationKey);
    }
  }

  private BallotBoxException refusal() {
    BallotBoxException e = catchThrowableOfType(BallotBoxException.class, () -> TestBox.open(path));
    assertThat(e).as("the open is refused").isNotNull();
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.ROLLED_BACK);
    return e;
  }

  private static void assertForAPollWorker(BallotBoxException e, String... what) {
    assertThat(e.pollWorkerMessage())
        .contains(what)
        .contains("no ballot was voided")
        .contains("Call the election technician")
        .contains("Do not let anyone vote on this kiosk")
        .doesNotContain("/")
        .doesNotContain(".mv.db")
        .doesNotContain("H2")
        .doesNotContain("chain")
        .doesNotContain("head")
        .doesNotContain("audit")
        .isNotEqualTo(e.getMessage());
    assertThat(e.getMessage()).as("the technician's message").contains("signed");
  }

  @Test
  void anOlderCopyOfTheBoxSaysHowManyAcceptedBallotsAreMissing() throws Exception {
    Path old = dir.resolve("old.mv.db");
    Files.copy(BoxFile.dataFile(path), old);
    try (BallotBox box = TestBox.open(path)) {
      castSome(box, 2);
    }
    Files.copy(old, BoxFile.dataFile(path), StandardCopyOption.REPLACE_EXISTING);
    Files.delete(old);
    assertForAPollWorker(
        refusal(), "missing ballots that this kiosk already accepted", "recorded 6", "holds 4");
  }

  @Test
  void aLostLogEntrySaysSoAndThatBallotsMayBeMissing() throws Exception {
    try (BallotBox box = TestBox.open(path)) {
      box.appendAudit(Role.POLL_WORKER, "polls-paused", "lunch");
    }
    try (Connection c = TestBox.raw(path)) {
      c.createStatement()
          .executeUpdate("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
    }
    assertForAPollWorker(refusal(), "missing entries of its log", "Ballots may be missing too");
  }

  @Test
  void aMissingBoxFileIsNotReplacedAndThePollWorkerIsToldWhy() throws Exception {
    Files.delete(BoxFile.dataFile(path));
    BallotBoxException e = refusal();
    assertForAPollWorker(e, "ballot box of this kiosk is missing", "accepted 4 ballots");
    assertThat(BoxFile.dataFile(path)).doesNotExist();
  }

  @Test
  void aMissingSignedRecordSaysNobodyCanTell() throws Exception {
    Files.delete(BoxHead.file(path));
    assertForAPollWorker(refusal(), "nobody can tell whether ballots are missing");
  }

  @Test
  void otherRefusalsShowTheirOwnMessage() {
    BallotBoxException e = new BallotBoxException(Kind.IN_USE, "The ballot box is already open.");
    assertThat(e.pollWorkerMessage()).isEqualTo("The ballot box is already open.");
  }
}
