package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.outbox.OutboxEntry;
import org.urna.sync.ledger.LedgerLink;
import org.urna.sync.ledger.SubmitVerdict;

/** Stories against a real three-validator ledger network in this JVM. */
class SyncNetworkTest {
  @TempDir Path dir;
  private LedgerNetwork network;

  /** A fresh network per story: each station's tracking-code chain starts anew in each box. */
  @BeforeEach
  void startNetwork() throws Exception {
    network = new LedgerNetwork(dir.resolve("ledger"), 3);
  }

  @AfterEach
  void stopNetwork() {
    if (network != null) {
      network.close();
    }
  }

  private SyncConfig.Builder config(Path state, List<URI> endpoints) {
    SyncConfig.Builder b =
        SyncConfig.builder()
            .policy(network.trust())
            .stateDirectory(state)
            .batchSize(20)
            .connectTimeout(Duration.ofSeconds(2))
            .requestTimeout(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(300))
            .confirmInterval(Duration.ofMillis(200))
            .backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    endpoints.forEach(b::endpoint);
    return b;
  }

  @Test
  void twoStationsSubmitAndEveryBallotIsConfirmedAgainstACosignedCheckpoint() throws Exception {
    Path d = dir.resolve("two-stations");
    try (BallotBox s1 = Boxes.open(d, "s1");
        BallotBox s2 = Boxes.open(d, "s2")) {
      Boxes.cast(s1, 45, new Random(1));
      Boxes.cast(s2, 30, new Random(2));
      long before = network.treeSize();
      try (SyncService a =
              SyncService.open(s1, config(d.resolve("sync-s1"), network.endpoints()).build());
          SyncService b =
              SyncService.open(
                  s2, config(d.resolve("sync-s2"), network.endpoints().reversed()).build())) {
        a.start();
        b.start();
        LedgerNetwork.waitFor(
            () -> a.status().allConfirmed() && b.status().allConfirmed(), "all confirmed");
        assertThat(s1.outboxCounts().confirmed()).isEqualTo(45);
        assertThat(s2.outboxCounts().confirmed()).isEqualTo(30);
        assertThat(network.treeSize() - before).isEqualTo(75);
        SyncStatus st = a.status();
        assertThat(st.lastCheckpoint()).isPresent();
        assertThat(st.lastCheckpoint().get().size()).isGreaterThanOrEqualTo(45);
        assertThat(st.alarm()).isEmpty();
        assertThat(st.progress()).isEmpty();
      }
    }
  }

  @Test
  void theOutboxKeepsEveryBallotWhileTheLedgerIsUnreachableAndDrainsWhenItIsBack()
      throws Exception {
    Path d = dir.resolve("down");
    try (BallotBox box = Boxes.open(d, "s1");
        LoopbackProxy proxy = new LoopbackProxy(network.endpoint(0))) {
      Boxes.cast(box, 25, new Random(3));
      int deadPort = LedgerNetwork.freePort();
      // Nothing listens on the first endpoint; the proxy cuts every connection midway.
      proxy.mode(LoopbackProxy.Mode.CUT_MIDWAY);
      SyncConfig c =
          config(
                  d.resolve("sync"),
                  List.of(URI.create("http://127.0.0.1:" + deadPort), proxy.uri()))
              .build();
      try (SyncService sync = SyncService.open(box, c)) {
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().lastError().isPresent(), "a sync error");
        Thread.sleep(1000);
        assertThat(box.outboxCounts().pending()).isEqualTo(25);
        assertThat(sync.status().lastError().get().words()).contains("Ballots are kept");
        assertThat(sync.status().progress().map(SyncStatus.Progress::words))
            .contains("0 of 25 sent");
        proxy.mode(LoopbackProxy.Mode.PASS);
        sync.wake();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "all confirmed after recovery");
        assertThat(box.outboxCounts().confirmed()).isEqualTo(25);
        assertThat(sync.status().lastError()).isEmpty();
      }
    }
  }

  @Test
  void aResubmissionAfterADroppedReplyLeavesExactlyOneLedgerEntryPerBallot() throws Exception {
    Path d = dir.resolve("dropped");
    try (BallotBox box = Boxes.open(d, "s1");
        LoopbackProxy proxy = new LoopbackProxy(network.endpoint(1))) {
      // a first ballot through while the replies pass: the sync has checked the box against
      // the ledger at its start (decision 0064), and the replies drop from then on
      Boxes.cast(box, 1, new Random(3));
      try (SyncService sync =
          SyncService.open(box, config(d.resolve("sync"), List.of(proxy.uri())).build())) {
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "the first ballot confirmed");
        proxy.mode(LoopbackProxy.Mode.DROP_REPLIES);
        Boxes.cast(box, 12, new Random(4));
        sync.wake();
        LedgerNetwork.waitFor(
            () -> proxy.droppedReplies.get() > 0 && network.treeSize() == 13,
            "the ledger to take the batch whose reply was dropped");
        assertThat(box.outboxCounts().confirmed()).isEqualTo(1);
        proxy.mode(LoopbackProxy.Mode.PASS);
        sync.wake();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "all confirmed");
        assertThat(network.treeSize()).isEqualTo(13);
        assertThat(box.outboxCounts().confirmed()).isEqualTo(13);
      }
    }
  }

  @Test
  void timeOutsAreRetriedAndStillGiveOneEntryPerBallot() throws Exception {
    Path d = dir.resolve("slow");
    try (BallotBox box = Boxes.open(d, "s2");
        LoopbackProxy proxy = new LoopbackProxy(network.endpoint(2))) {
      Boxes.cast(box, 8, new Random(5));
      proxy.delay(2500);
      SyncConfig c =
          config(d.resolve("sync"), List.of(proxy.uri()))
              .requestTimeout(Duration.ofSeconds(1))
              .build();
      try (SyncService sync = SyncService.open(box, c)) {
        sync.start();
        LedgerNetwork.waitFor(
            () -> sync.status().lastError().filter(e -> e.words().contains("in time")).isPresent(),
            "a time-out");
        proxy.mode(LoopbackProxy.Mode.PASS);
        sync.wake();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "all confirmed");
        assertThat(network.treeSize()).isEqualTo(8);
      }
    }
  }

  @Test
  void aReplayedBatchIsAnsweredAsAlreadyIncludedAndAddsNoEntry() throws Exception {
    Path d = dir.resolve("replay");
    try (BallotBox box = Boxes.open(d, "s1")) {
      Boxes.cast(box, 5, new Random(6));
      List<byte[]> bytes = box.nextToSubmit(10).stream().map(OutboxEntry::recordedBytes).toList();
      LedgerLink link =
          new LedgerLink(network.endpoints(), Duration.ofSeconds(2), Duration.ofSeconds(30));
      List<SubmitVerdict> first = link.submit(bytes).value();
      List<SubmitVerdict> again = link.submit(bytes).value();
      assertThat(first).allSatisfy(v -> assertThat(v).isInstanceOf(SubmitVerdict.Accepted.class));
      assertThat(again)
          .allSatisfy(
              v ->
                  assertThat(v)
                      .isInstanceOfSatisfying(
                          SubmitVerdict.Accepted.class, a -> assertThat(a.resubmitted()).isTrue()));
      // the first node may be a follower that applies the committed entries a moment later
      LedgerNetwork.waitFor(() -> network.treeSize() == 5, "the first node to apply the batch");
      try (SyncService sync =
          SyncService.open(box, config(d.resolve("sync"), network.endpoints()).build())) {
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "all confirmed");
      }
      assertThat(network.treeSize()).isEqualTo(5);
    }
  }
}
