package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;

/**
 * A ballot box put back from an older copy together with its signed head opens: the box's own
 * checks cannot see it. The ledger can: it holds ballots of the station that the box does not have,
 * and the sync says so before it sends anything (decision 0064). A real 3-node ledger.
 */
class RestoredBoxTest {
  @TempDir Path dir;
  private LedgerNetwork network;

  @BeforeEach
  void start() throws Exception {
    network = new LedgerNetwork(dir.resolve("ledger"), 3);
  }

  @AfterEach
  void stop() {
    if (network != null) {
      network.close();
    }
  }

  private SyncConfig config(Path station) {
    SyncConfig.Builder b =
        SyncConfig.builder()
            .policy(network.trust())
            .stateDirectory(station.resolve("sync"))
            .batchSize(10)
            .pollInterval(Duration.ofMillis(300))
            .confirmInterval(Duration.ofMillis(200))
            .backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    network.endpoints().forEach(b::endpoint);
    return b.build();
  }

  private void syncAll(BallotBox box, Path station) {
    try (SyncService sync = SyncService.open(box, config(station))) {
      sync.start();
      LedgerNetwork.waitFor(
          () -> sync.status().allConfirmed() && box.outboxCounts().pending() == 0,
          "every ballot confirmed");
      assertThat(sync.status().alarm()).isEmpty();
    }
  }

  private long ledgerCount(String station) {
    return network.nodes[0].machine().state().stationCounts().getOrDefault(station, 0L);
  }

  @Test
  void aBoxRestoredWithItsHeadFromAnOlderCopyRaisesTheAlarmAndSendsNothing() throws Exception {
    Path station = dir.resolve("station");
    Path copy = dir.resolve("copy");
    try (BallotBox box = Boxes.open(station, "s1")) {
      Boxes.cast(box, 5, new Random(1));
      syncAll(box, station);
    }
    // the whole folder (box, signed head, sync state) copied aside
    copyFolder(station, copy);
    try (BallotBox box = Boxes.open(station, "s1")) {
      Boxes.cast(box, 4, new Random(2));
      syncAll(box, station);
    }
    assertThat(ledgerCount("s1")).isEqualTo(9);

    // the older copy put back: the box opens (its head matches it) and voting could go on
    deleteFolder(station);
    copyFolder(copy, station);
    try (BallotBox box = Boxes.open(station, "s1")) {
      assertThat(box.counts().recorded()).isEqualTo(5);
      Boxes.cast(box, 2, new Random(3));
      try (SyncService sync = SyncService.open(box, config(station))) {
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().alarm().isPresent(), "the alarm");
        SyncAlarm a = sync.status().alarm().get().alarm();
        assertThat(a).isInstanceOf(SyncAlarm.BoxBehindLedger.class);
        assertThat(a.words())
            .isEqualTo(
                "The ledger holds 2 ballots from this station that this ballot box does not"
                    + " have: the box may have been restored from an older copy. Do not"
                    + " continue, call the election manager.");
        assertThat(a.details()).contains("the box holds 7");
        Thread.sleep(1000); // rounds go on under the alarm: still nothing is sent
        assertThat(box.outboxCounts().pending()).isEqualTo(2);
        assertThat(box.outboxCounts().submitted()).isZero();

        // acknowledged, it is raised again: the ledger still holds what the box lost
        sync.acknowledgeAlarm();
        LedgerNetwork.waitFor(() -> sync.status().alarm().isPresent(), "the alarm again");
        assertThat(sync.status().alarm().get().alarm())
            .isInstanceOf(SyncAlarm.BoxBehindLedger.class);
      }
      assertThat(box.auditEntries(0, 1000).stream().map(AuditEntry::details))
          .contains("BoxBehindLedger");
      // it stands across a restart, in the same words
      try (SyncService sync = SyncService.open(box, config(station))) {
        assertThat(sync.status().alarm()).isPresent();
        assertThat(sync.status().alarm().get().alarm().words())
            .startsWith("The ledger holds 2 ballots from this station");
      }
      assertThat(box.outboxCounts().submitted()).isZero();
      assertThat(box.outboxCounts().pending()).isEqualTo(2);
    }
    assertThat(ledgerCount("s1")).isEqualTo(9);
  }

  @Test
  void aBoxAheadOfTheLedgerIsNoAlarm() throws Exception {
    Path station = dir.resolve("station");
    try (BallotBox box = Boxes.open(station, "s1")) {
      Boxes.cast(box, 3, new Random(1));
      syncAll(box, station);
      // the ledger has all of it, and then the box holds more than the ledger: the honest case
      Boxes.cast(box, 3, new Random(2));
      syncAll(box, station);
    }
    assertThat(ledgerCount("s1")).isEqualTo(6);
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteFolder(Path folder) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(folder)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.delete(p);
    }
  }
}
