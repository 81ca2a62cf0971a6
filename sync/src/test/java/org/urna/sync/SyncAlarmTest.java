package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;

/**
 * A validator that lies: the sync confirms nothing and raises an alarm a poll worker can act on.
 */
class SyncAlarmTest {
  @TempDir Path dir;
  private LedgerNetwork network;
  private TamperingLedger liar;

  @BeforeEach
  void start() throws Exception {
    network = new LedgerNetwork(dir.resolve("ledger"), 3);
    liar = new TamperingLedger(network, 0);
  }

  @AfterEach
  void stop() {
    if (liar != null) {
      liar.close();
    }
    if (network != null) {
      network.close();
    }
  }

  private SyncConfig config(Path state) {
    return SyncConfig.builder()
        .endpoint(liar.uri())
        .policy(network.trust())
        .stateDirectory(state)
        .batchSize(10)
        .pollInterval(Duration.ofMillis(300))
        .confirmInterval(Duration.ofMillis(200))
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
        .build();
  }

  /** Honest first: 6 ballots confirmed, the last checkpoint saved; then 6 more under a lie. */
  private SyncAlarm lieAfterAnHonestStart(TamperingLedger.Lie lie, BallotBox box, Path state)
      throws Exception {
    Boxes.cast(box, 6, new Random(1));
    try (SyncService sync = SyncService.open(box, config(state))) {
      sync.start();
      LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "an honest start");
    }
    liar.lie(lie);
    Boxes.cast(box, 6, new Random(2));
    try (SyncService sync = SyncService.open(box, config(state))) {
      sync.start();
      LedgerNetwork.waitFor(() -> sync.status().alarm().isPresent(), "the alarm");
      assertThat(box.outboxCounts().confirmed()).isEqualTo(6);
      return sync.status().alarm().get().alarm();
    }
  }

  @Test
  void aFlippedByteInAnInclusionProofRaisesTheAlarmAndConfirmsNothing() throws Exception {
    try (BallotBox box = Boxes.open(dir, "s1")) {
      SyncAlarm a =
          lieAfterAnHonestStart(TamperingLedger.Lie.FLIPPED_PROOF_BYTE, box, dir.resolve("st"));
      assertThat(a).isInstanceOf(SyncAlarm.BadProof.class);
      assertThat(a.words()).contains("call the election office");
    }
  }

  @Test
  void aCheckpointSignedByKeysTheKioskDoesNotTrustRaisesTheAlarm() throws Exception {
    try (BallotBox box = Boxes.open(dir, "s1")) {
      SyncAlarm a = lieAfterAnHonestStart(TamperingLedger.Lie.WRONG_KEYS, box, dir.resolve("st"));
      assertThat(a).isInstanceOf(SyncAlarm.UntrustedCheckpoint.class);
    }
  }

  @Test
  void anotherHistorySignedWithStolenValidatorKeysIsCaughtByTheConsistencyCheck() throws Exception {
    Path state = dir.resolve("st");
    try (BallotBox box = Boxes.open(dir, "s1")) {
      SyncAlarm a = lieAfterAnHonestStart(TamperingLedger.Lie.OTHER_HISTORY, box, state);
      assertThat(a).isInstanceOf(SyncAlarm.TwoHistories.class);
      assertThat(a.words())
          .isEqualTo(
              "The ledger showed this kiosk two different histories. Stop and call the election"
                  + " office.");
      // Sticky: a restarted kiosk still shows it, and confirms nothing even from honest validators.
      liar.lie(TamperingLedger.Lie.NONE);
      try (SyncService sync = SyncService.open(box, config(state))) {
        assertThat(sync.status().alarm()).isPresent();
        sync.runOnce();
        assertThat(box.outboxCounts().confirmed()).isEqualTo(6);
        sync.acknowledgeAlarm();
        assertThat(sync.status().alarm()).isEmpty();
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "confirmed after the lie ended");
      }
      List<String> actions = box.auditEntries(1, 1000).stream().map(AuditEntry::action).toList();
      assertThat(actions).contains("sync-alarm", "sync-alarm-acknowledged");
    }
  }

  @Test
  void aRelayThatChangesOneSignatureByteOfABatchGetsTheWholeBatchRefusedAndTheBoxLosesNothing()
      throws Exception {
    Path state = dir.resolve("st");
    try (BallotBox box = Boxes.open(dir, "s1")) {
      Boxes.cast(box, 10, new Random(3));
      liar.lie(TamperingLedger.Lie.FLIPPED_BALLOT_SIGNATURE_IN_BATCH);
      try (SyncService sync = SyncService.open(box, config(state))) {
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().alarm().isPresent(), "the alarm");
        // the ledger took nothing of the changed batch: the box still has every ballot to send
        assertThat(sync.status().alarm().get().alarm()).isInstanceOf(SyncAlarm.BallotRefused.class);
        assertThat(sync.status().alarm().get().alarm().details())
            .contains("batch signature does not verify");
        assertThat(network.treeSize()).isZero();
        assertThat(box.outboxCounts().submitted()).isZero();
        assertThat(box.outboxCounts().pending()).isEqualTo(10);
      }
      // the relay stops lying: the same ballots go in whole, once
      liar.lie(TamperingLedger.Lie.NONE);
      try (SyncService sync = SyncService.open(box, config(state))) {
        sync.acknowledgeAlarm();
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "every ballot confirmed");
      }
      assertThat(network.treeSize()).isEqualTo(10);
      List<byte[]> sent = new java.util.ArrayList<>();
      box.forEachRecorded(r -> sent.add(r.toBytes()));
      for (int i = 0; i < 10; i++) {
        assertThat(
                org.urna.ledger.replication.LedgerLeaf.recordedBytes(
                    network.nodes[0].machine().state().leaf(i)))
            .isEqualTo(sent.get(i));
      }
    }
  }
}
