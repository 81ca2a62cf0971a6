package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.witness.WitnessPolicy;
import org.urna.tlog.TrustPolicy;

/** The sync's own files and status, without a ledger. */
class SyncStateTest {
  @TempDir Path dir;

  private SyncConfig config() throws Exception {
    SecureRandom rnd = new SecureRandom();
    SigningKey log = SigningKey.generate("o", SignatureType.ED25519, rnd);
    SigningKey cos = SigningKey.generate("w", SignatureType.COSIGNATURE_V1, rnd);
    String policy =
        WitnessPolicy.threshold(
                List.of(new WitnessPolicy.LogKey(log.verifierKey(), Optional.empty())),
                List.of(new WitnessPolicy.Witness("w", cos.verifierKey(), Optional.empty())),
                1)
            .format();
    return SyncConfig.builder()
        .endpoint(URI.create("http://127.0.0.1:" + LedgerNetwork.freePort()))
        .policy(TrustPolicy.parse(policy))
        .stateDirectory(dir.resolve("sync"))
        .connectTimeout(Duration.ofMillis(500))
        .build();
  }

  @Test
  void aDamagedCheckpointFileRaisesAnAlarmAndNothingIsSentOrConfirmed() throws Exception {
    Files.createDirectories(dir.resolve("sync"));
    Files.writeString(dir.resolve("sync").resolve(SyncStateFiles.CHECKPOINT), "garbage\n");
    try (BallotBox box = Boxes.open(dir, "s1")) {
      Boxes.cast(box, 3, new Random(1));
      try (SyncService sync = SyncService.open(box, config())) {
        assertThat(sync.status().alarm()).isPresent();
        assertThat(sync.status().alarm().get().alarm()).isInstanceOf(SyncAlarm.DamagedRecord.class);
        sync.runOnce();
        assertThat(box.outboxCounts().pending()).isEqualTo(3);
        assertThat(box.outboxCounts().confirmed()).isZero();
        assertThat(sync.status().alarm().get().alarm().words()).contains("Call a technician");
      }
    }
  }

  @Test
  void anUnreachableLedgerIsAnErrorInPlainWordsNotAnAlarm() throws Exception {
    try (BallotBox box = Boxes.open(dir, "s1")) {
      Boxes.cast(box, 2, new Random(2));
      try (SyncService sync = SyncService.open(box, config())) {
        Duration wait = sync.runOnce();
        SyncStatus s = sync.status();
        assertThat(s.alarm()).isEmpty();
        assertThat(s.pending()).isEqualTo(2);
        assertThat(s.lastError().get().words()).startsWith("The ledger cannot be reached.");
        assertThat(wait).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(box.nextToSubmit(5).getFirst().lastError()).contains("cannot be reached");
      }
    }
  }

  @Test
  void progressReadsAsAPollWorkerWouldSayIt() {
    assertThat(new SyncStatus.Progress(312, 5000).words()).isEqualTo("312 of 5,000 sent");
  }
}
