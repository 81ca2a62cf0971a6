package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.ballotbox.outbox.OutboxEntry;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.role.Role;
import org.urna.core.verify.BallotVerifier;

class BallotBoxTest {
  @TempDir Path dir;
  private final Random random = new Random(7);

  @Test
  void castAndChallengedBallotsFormOneVerifiableChainThatSurvivesReopening() {
    Path path = dir.resolve("box");
    List<RecordedBallot> made = new ArrayList<>();
    TrackingCode last;
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.lastTrackingCode())
          .isEqualTo(TrackingCode.seed(TestBox.ELECTION.key.extendedHash(), "s1"));
      for (int i = 0; i < 6; i++) {
        TestBox.Made m = TestBox.ballot(i % 2 == 0 ? "referendum" : "four-by-five", random);
        box.storePending(m.ballot(), m.seed());
        RecordedBallot rb =
            i == 3
                ? box.challenge(m.id(), m.plaintext(), TestBox.ELECTION.stationKey)
                : box.cast(m.id(), TestBox.ELECTION.stationKey);
        assertThat(box.lastTrackingCode()).isEqualTo(rb.code());
        made.add(rb);
      }
      assertThat(box.counts()).isEqualTo(new BallotCounts(5, 1, 0));
      last = box.lastTrackingCode();
    }
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.lastTrackingCode()).isEqualTo(last);
      assertThat(box.pendingAtOpen()).isEmpty();
      List<RecordedBallot> read = new ArrayList<>();
      box.forEachRecorded(read::add);
      assertThat(read)
          .extracting(RecordedBallot::code)
          .isEqualTo(made.stream().map(RecordedBallot::code).toList());
      BallotVerifier verifier = new BallotVerifier(TestBox.ELECTION.manifest, TestBox.ELECTION.key);
      TrackingCode prev = TrackingCode.seed(TestBox.ELECTION.key.extendedHash(), "s1");
      for (RecordedBallot rb : read) {
        assertThat(verifier.verify(rb)).isEmpty();
        assertThat(rb.previous()).isEqualTo(prev);
        prev = rb.code();
      }
      assertThat(read.get(3).state()).isEqualTo(BallotState.CHALLENGED);
      assertThat(read.get(3).reveal().claimed()).isEqualTo(made.get(3).reveal().claimed());
    }
  }

  @Test
  void theNonceSeedIsKeptWhilePendingAndErasedAtCast() throws Exception {
    Path path = dir.resolve("box");
    TestBox.Made m = TestBox.ballot("referendum", random);
    try (BallotBox box = TestBox.open(path)) {
      box.storePending(m.ballot(), m.seed());
    }
    // H2 holds the seed XOR a one-time pad kept in a file beside the box (decision 0051).
    byte[] pad = Files.readAllBytes(BoxFiles.padFile(path.toAbsolutePath(), m.id()));
    assertThat(seedColumn(path)).isNotEqualTo(m.seed().toBytes());
    assertThat(BoxFiles.xor(seedColumn(path), pad)).isEqualTo(m.seed().toBytes());
    try (BallotBox box = TestBox.open(path)) {
      box.cast(m.id(), TestBox.ELECTION.stationKey);
    }
    assertThat(seedColumn(path)).isNull();
    assertThat(BoxFiles.padFile(path.toAbsolutePath(), m.id())).doesNotExist();
  }

  private static byte[] seedColumn(Path path) throws Exception {
    try (Connection c = TestBox.raw(path);
        ResultSet rs = c.createStatement().executeQuery("SELECT nonce_seed FROM ballot")) {
      rs.next();
      return rs.getBytes(1);
    }
  }

  @Test
  void aPendingBallotLeftAtOpenIsVoidedAsChallengedWithItsRecoveredChoices() {
    Path path = dir.resolve("box");
    TestBox.Made m = TestBox.ballot("four-by-five", random);
    try (BallotBox box = TestBox.open(path)) {
      box.storePending(m.ballot(), m.seed());
    }
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.pendingAtOpen()).containsExactly(m.id());
      assertThat(box.counts()).isEqualTo(new BallotCounts(0, 0, 1));
      List<RecordedBallot> voided = box.voidPending(TestBox.ELECTION.stationKey);
      assertThat(voided).hasSize(1);
      RecordedBallot rb = voided.getFirst();
      assertThat(rb.state()).isEqualTo(BallotState.CHALLENGED);
      assertThat(rb.reveal().claimed()).isEqualTo(m.plaintext());
      assertThat(new BallotVerifier(TestBox.ELECTION.manifest, TestBox.ELECTION.key).verify(rb))
          .isEmpty();
      assertThat(box.counts()).isEqualTo(new BallotCounts(0, 1, 0));
      assertThat(box.auditEntries(1, 100))
          .extracting(AuditEntry::action)
          .contains("pending-ballot-voided");
    }
  }

  @Test
  void theOutboxFollowsEachRecordedBallotFromPendingToConfirmed() {
    try (BallotBox box = TestBox.open(dir.resolve("box"))) {
      List<RecordedBallot> rbs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        TestBox.Made m = TestBox.ballot("referendum", random);
        box.storePending(m.ballot(), m.seed());
        rbs.add(box.cast(m.id(), TestBox.ELECTION.stationKey));
      }
      List<OutboxEntry> next = box.nextToSubmit(3);
      assertThat(next).extracting(OutboxEntry::chainPosition).containsExactly(1L, 2L, 3L);
      assertThat(next.getFirst().recordedBytes()).isEqualTo(rbs.getFirst().toBytes());
      box.markSubmitted(next.stream().map(OutboxEntry::ballotId).toList());
      box.markFailed(rbs.get(3).ballotId(), "ledger unreachable: connection refused");
      assertThat(box.nextToSubmit(10))
          .extracting(OutboxEntry::chainPosition)
          .containsExactly(4L, 5L);
      OutboxEntry failed = box.nextToSubmit(10).getFirst();
      assertThat(failed.attempts()).isEqualTo(1);
      assertThat(failed.lastError()).contains("connection refused");
      assertThat(box.awaitingConfirmation(10)).hasSize(3);
      TestLedger ledger = new TestLedger();
      rbs.forEach(ledger::add);
      box.markConfirmed(
          List.of(ledger.proof(0), ledger.proof(1)), ledger.note(), ledger.size(), ledger.root());
      assertThat(box.outboxCounts()).isEqualTo(new org.urna.ballotbox.outbox.OutboxCounts(2, 1, 2));
    }
  }

  @Test
  void theAuditLogIsHashChainedFromTheBoxSeed() {
    Path path = dir.resolve("box");
    try (BallotBox box = TestBox.open(path)) {
      box.appendAudit(Role.POLL_WORKER, "polls-opened", "zero report printed");
      box.appendAudit(Role.TECHNICIAN, "printer-tested", "paper ok");
    }
    try (BallotBox box = TestBox.open(path)) {
      List<AuditEntry> log = box.auditEntries(1, 100);
      assertThat(log)
          .extracting(AuditEntry::action)
          .containsExactly(
              "box-created", "box-opened", "polls-opened", "printer-tested", "box-opened");
      byte[] prev = AuditEntry.seed(TestBox.ELECTION.key.extendedHash(), "s1");
      for (AuditEntry e : log) {
        assertThat(e.prevHash()).isEqualTo(prev);
        assertThat(e.hashMatches()).isTrue();
        assertThat(e.hour()).isEqualTo(org.urna.core.ballot.TestElection.HOUR);
        prev = e.hash();
      }
    }
  }
}
