package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.ballotbox.outbox.Inclusion;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.core.ballot.RecordedBallot;

/**
 * A confirmation is re-checkable (decision 0054): the box keeps each inclusion proof and the signed
 * checkpoint note, refuses a proof that does not hold, re-checks them at every open, and hands the
 * notes to a trust-policy check.
 */
class ConfirmationTest {
  @TempDir Path dir;
  private Path path;
  private final List<RecordedBallot> recorded = new ArrayList<>();
  private final TestLedger ledger = new TestLedger();

  @BeforeEach
  void fiveBallotsOnTheLedgerThreeConfirmed() {
    path = dir.resolve("box");
    Random random = new Random(3);
    try (BallotBox box = TestBox.open(path)) {
      for (int i = 0; i < 5; i++) {
        TestBox.Made m = TestBox.ballot("referendum", random);
        box.storePending(m.ballot(), m.seed());
        RecordedBallot rb = box.cast(m.id(), TestBox.ELECTION.stationKey);
        recorded.add(rb);
        ledger.add(rb);
      }
      box.markSubmitted(recorded.stream().map(RecordedBallot::ballotId).toList());
      box.markConfirmed(
          List.of(ledger.proof(0), ledger.proof(1), ledger.proof(4)),
          ledger.note(),
          ledger.size(),
          ledger.root());
      assertThat(box.outboxCounts()).isEqualTo(new OutboxCounts(0, 2, 3));
    }
  }

  @Test
  void theLatestCheckpointNoteIsTheLargestTreeThatConfirmedABallot() {
    byte[] first = ledger.note();
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.latestCheckpointNote())
          .hasValueSatisfying(n -> assertThat(n).isEqualTo(first));
      Random random = new Random(4);
      TestBox.Made m = TestBox.ballot("referendum", random);
      box.storePending(m.ballot(), m.seed());
      RecordedBallot rb = box.cast(m.id(), TestBox.ELECTION.stationKey);
      ledger.add(rb);
      box.markSubmitted(List.of(rb.ballotId()));
      box.markConfirmed(List.of(ledger.proof(5)), ledger.note(), ledger.size(), ledger.root());
      byte[] second = ledger.note();
      assertThat(second).isNotEqualTo(first);
      assertThat(box.latestCheckpointNote())
          .hasValueSatisfying(n -> assertThat(n).isEqualTo(second));
    }
    try (BallotBox fresh = TestBox.open(dir.resolve("fresh"))) {
      assertThat(fresh.latestCheckpointNote()).isEmpty();
    }
  }

  @Test
  void storedProofsAreReCheckedAtOpen() {
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.outboxCounts()).isEqualTo(new OutboxCounts(0, 2, 3));
      assertThat(box.confirmationsRefusedBy(note -> Optional.empty())).isEmpty();
      assertThat(box.confirmationsRefusedBy(note -> Optional.of("not cosigned by a quorum")))
          .containsOnlyKeys(
              recorded.get(0).ballotId(), recorded.get(1).ballotId(), recorded.get(4).ballotId());
    }
  }

  @Test
  void aProofThatDoesNotHoldIsRefusedAndNothingIsStored() {
    try (BallotBox box = TestBox.open(path)) {
      Inclusion good = ledger.proof(2);
      Inclusion wrongIndex = new Inclusion(good.ballotId(), 3, good.path());
      assertThatThrownBy(
              () ->
                  box.markConfirmed(
                      List.of(wrongIndex), ledger.note(), ledger.size(), ledger.root()))
          .isInstanceOfSatisfying(
              BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST));
      byte[] otherRoot = ledger.root().clone();
      otherRoot[0] ^= 1;
      assertThatThrownBy(
              () -> box.markConfirmed(List.of(good), ledger.note(), ledger.size(), otherRoot))
          .isInstanceOf(BallotBoxException.class);
      assertThat(box.outboxCounts()).isEqualTo(new OutboxCounts(0, 2, 3));
    }
  }

  @Test
  void rowsSetToConfirmedWithAFakeCheckpointAreCaught() throws Exception {
    sql(
        "UPDATE outbox SET status = 'CONFIRMED', checkpoint_size = 99, checkpoint_root = ?"
            + " WHERE chain_pos = 3",
        new byte[32]);
    assertTampered("ballot " + recorded.get(2).ballotId() + " at position 3");
  }

  @Test
  void aChangedStoredProofIsCaught() throws Exception {
    sql("UPDATE outbox SET leaf_index = 2 WHERE chain_pos = 2");
    assertTampered("inclusion proof");
  }

  @Test
  void aChangedCheckpointNoteIsCaught() throws Exception {
    TestLedger other = new TestLedger();
    other.add(recorded.get(0));
    sql("UPDATE checkpoint_note SET note = ?", other.note());
    assertTampered("checkpoint note");
  }

  private void assertTampered(String named) {
    BoxBytes before = BoxBytes.of(path);
    assertThatThrownBy(() -> TestBox.open(path))
        .isInstanceOfSatisfying(
            BallotBoxException.class,
            e -> {
              assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.TAMPERED);
              assertThat(e.getMessage()).contains(named);
            });
    before.assertUnchanged();
  }

  private void sql(String statement, Object... params) throws Exception {
    try (Connection c = TestBox.raw(path);
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      assertThat(ps.executeUpdate()).isPositive();
    }
  }
}
