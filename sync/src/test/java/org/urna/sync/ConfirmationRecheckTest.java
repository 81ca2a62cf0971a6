package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.outbox.Inclusion;
import org.urna.core.ballot.RecordedBallot;

/**
 * Confirmations stored in a ballot box are re-checked against the trusted policy when the sync
 * opens: the box alone checks proofs against their checkpoint, not who signed the checkpoint.
 */
class ConfirmationRecheckTest {
  @TempDir Path dir;
  private LedgerNetwork network;

  @BeforeEach
  void start() throws Exception {
    network = new LedgerNetwork(dir.resolve("ledger"), 3);
  }

  @AfterEach
  void stop() throws Exception {
    if (network != null) {
      network.close();
    }
  }

  private SyncConfig config(Path state) {
    return SyncConfig.builder()
        .endpoints(network.endpoints())
        .policy(network.trust())
        .stateDirectory(state)
        .batchSize(10)
        .pollInterval(Duration.ofMillis(300))
        .confirmInterval(Duration.ofMillis(200))
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
        .build();
  }

  @Test
  void honestConfirmationsReopenWithoutAnAlarm() throws Exception {
    try (BallotBox box = Boxes.open(dir, "s1")) {
      Boxes.cast(box, 4, new Random(1));
      try (SyncService sync = SyncService.open(box, config(dir.resolve("state")))) {
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "all confirmed");
      }
      try (SyncService again = SyncService.open(box, config(dir.resolve("state")))) {
        assertThat(again.status().alarm()).isEmpty();
        assertThat(box.outboxCounts().confirmed()).isEqualTo(4);
      }
    }
  }

  @Test
  void confirmationsOnACheckpointNoTrustedValidatorSignedRaiseTheAlarm() throws Exception {
    try (BallotBox box = Boxes.open(dir, "s1")) {
      Boxes.cast(box, 1, new Random(2));
      List<RecordedBallot> recorded = new ArrayList<>();
      box.forEachRecorded(recorded::add);
      RecordedBallot rb = recorded.getFirst();
      // A one-leaf tree whose checkpoint is consistent with the proof (so the box accepts it),
      // claiming the real origin but signed by nobody the kiosk trusts.
      byte[] code = rb.code().toBytes();
      byte[] ballot = rb.toBytes();
      byte[] entry = new byte[1 + code.length + ballot.length];
      entry[0] = 0x01;
      System.arraycopy(code, 0, entry, 1, code.length);
      System.arraycopy(ballot, 0, entry, 1 + code.length, ballot.length);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((byte) 0);
      byte[] root = md.digest(entry);
      byte[] note =
          (LedgerNetwork.ORIGIN
                  + "\n1\n"
                  + Base64.getEncoder().encodeToString(root)
                  + "\n\n\u2014 "
                  + LedgerNetwork.ORIGIN
                  + " "
                  + Base64.getEncoder().encodeToString(new byte[68])
                  + "\n")
              .getBytes(StandardCharsets.UTF_8);
      box.markSubmitted(List.of(rb.ballotId()));
      box.markConfirmed(List.of(new Inclusion(rb.ballotId(), 0, List.of())), note, 1, root);
      assertThat(box.outboxCounts().confirmed()).isEqualTo(1);

      try (SyncService sync = SyncService.open(box, config(dir.resolve("state")))) {
        assertThat(sync.status().alarm()).isPresent();
        SyncAlarm alarm = sync.status().alarm().get().alarm();
        assertThat(alarm).isInstanceOf(SyncAlarm.DamagedRecord.class);
        assertThat(alarm.details())
            .contains("1 ballots are marked confirmed")
            .contains("did not sign")
            .contains(rb.ballotId().toString());
        assertThat(alarm.words()).contains("The ballots are safe in the ballot box");
        // the alarm is sticky and in the audit log
        assertThat(box.auditEntries(1, 1000)).anyMatch(e -> e.action().equals("sync-alarm"));
      }
    }
  }
}
