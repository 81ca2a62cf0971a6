package org.urna.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.sync.SyncStatus;

class DemoLedgerTest {
  @Test
  void theDemosInProcessLedgerConfirmsACastBallotThroughTheSync(@TempDir Path dir)
      throws Exception {
    DemoElection election = new DemoElection();
    SecureRandom random = new SecureRandom();
    BallotStyle style = election.manifest.ballotStyles().getFirst();
    Contest contest = election.manifest.contestsOf(style).getFirst();
    PlaintextBallot plaintext =
        new PlaintextBallot(
            style.id(), Map.of(contest.id(), Set.of(contest.selectionIds().getFirst())));
    AtomicReference<SyncStatus> last = new AtomicReference<>();
    try (BallotBox box =
            BallotBox.open(
                dir.resolve("box"),
                "demo-test-password".toCharArray(),
                election.manifest,
                election.key,
                DemoElection.STATION,
                election.stationKey);
        DemoLedger ledger = DemoLedger.startInProcess(dir.resolve("ledger"), election)) {
      EncryptedBallot ballot =
          new BallotEncryptor(election.manifest, election.key)
              .encrypt(
                  plaintext,
                  BallotId.random(random),
                  DemoElection.STATION,
                  java.time.Instant.now().getEpochSecond() / 3600,
                  NonceSeed.random(random));
      box.storePending(ballot, NonceSeed.random(random));
      box.cast(ballot.ballotId(), election.stationKey);
      ledger.syncFrom(box, dir.resolve("sync"), last::set);
      ledger.wake();
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline
          && (last.get() == null || last.get().confirmed() < 1)) {
        Thread.sleep(200);
      }
      assertThat(last.get()).isNotNull();
      assertThat(last.get().alarm()).isEmpty();
      assertThat(last.get().confirmed()).isEqualTo(1);
      assertThat(last.get().lastCheckpoint()).isPresent();
    }
  }
}
