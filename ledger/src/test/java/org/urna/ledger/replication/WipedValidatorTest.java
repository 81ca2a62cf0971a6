package org.urna.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.cli.RunNode;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.merkle.ProofVerifier;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.witness.AddCheckpointRequest;
import org.urna.ledger.witness.WitnessResponse;

/**
 * A validator whose folder was deleted comes back, at several log sizes: the same leader stays up
 * while it catches up, then that leader is killed and the wiped node and the third elect a new one.
 * Its witness memory comes back from the replicated checkpoints before it cosigns anything.
 */
class WipedValidatorTest {
  @TempDir Path dir;
  final Stations stations = new Stations();

  static List<Verdict> submit(ValidatorNode node, List<RecordedBallot> ballots) throws Exception {
    return node.replica().submit(Stations.bytes(ballots)).get(60, TimeUnit.SECONDS);
  }

  /** Waits up to {@code millis} (generous for a loaded machine; a bound, not a speed claim). */
  static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  static long size(ValidatorNode n) {
    return n.machine().state().log().size();
  }

  static long checkpointSize(ValidatorNode n) {
    return n.machine()
        .state()
        .latestCheckpoint()
        .map(c -> Checkpoint.parse(c.text()).size())
        .orElse(0L);
  }

  static ValidatorNode leaderAmong(TestNetwork net) {
    return Stream.of(net.nodes)
        .filter(n -> n != null && n.replica().isLeader())
        .findFirst()
        .orElse(null);
  }

  /** The ballot ids the group accepted, in the order it accepted them. */
  final List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());

  /**
   * Sends a station's signed batch through {@code node}'s Raft client (to whichever validator
   * leads) and records what was accepted; every ballot must be accepted, the first time or, when a
   * reply was lost and the same batch sent again, as resubmitted.
   */
  void accept(ValidatorNode node, String station, List<RecordedBallot> ballots) throws Exception {
    List<Verdict> v =
        node.replica()
            .submitSignedBatch(Stations.signedBatch(station, ballots))
            .get(60, TimeUnit.SECONDS);
    assertThat(v).hasSize(ballots.size()).allMatch(x -> x instanceof Verdict.Accepted);
    for (Verdict x : v) {
      if (!((Verdict.Accepted) x).resubmitted()) {
        accepted.add(x.ballotId());
      }
    }
  }

  /** Loads {@code ballots} ballots in signed batches of {@code batch}, alternating two stations. */
  void load(ValidatorNode node, int ballots, int batch) throws Exception {
    for (int at = 0, k = 0; at < ballots; at += batch, k++) {
      String station = k % 2 == 0 ? "s1" : "s2";
      accept(node, station, stations.bulk(station, Math.min(batch, ballots - at)));
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void wipedBeforeTheFirstSnapshot() throws Exception {
    wipeAndBringBack("20 ballots, no snapshot", 10_000, 20, 5, false);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void wipedAfterSnapshotsWithTheRaftLogPurged() throws Exception {
    wipeAndBringBack("70 ballots, Raft log purged", 5, 70, 5, true);
  }

  /** The size at which the defect was first seen (about 4,000 entries). */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void wipedAfterFourThousandBallotsWithTheRaftLogPurged() throws Exception {
    wipeAndBringBack("4,000 ballots, Raft log purged", 8, 4000, 200, true);
  }

  private void wipeAndBringBack(
      String label, long snapshotEvery, int ballots, int batch, boolean purged) throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, snapshotEvery, ballots <= 100)) {
      ValidatorNode leader = net.leader();
      int f = (net.indexOf(leader) + 1) % 3;
      int other = (net.indexOf(leader) + 2) % 3;
      load(leader, ballots, batch);
      long before = size(leader);
      assertThat(before).isEqualTo(ballots);
      assertThat(within(60_000, () -> size(net.nodes[f]) == before)).isTrue();
      assertThat(
              within(60_000, () -> Stream.of(net.nodes).allMatch(n -> checkpointSize(n) == before)))
          .isTrue();
      if (purged) {
        assertThat(within(60_000, () -> leader.replica().raftLogStartIndex() > 0))
            .as("the leader purged its Raft log up to a snapshot")
            .isTrue();
      }
      SignedNote firstAgreed = leader.machine().state().checkpoints().getFirst();
      net.stop(f);
      net.wipe(f);
      long t0 = System.nanoTime();
      net.start(f);
      ValidatorNode wiped = net.nodes[f];
      // What ledger-node would print meanwhile, with the wiped validator's size when it did.
      RunNode.StatusLine status = new RunNode.StatusLine(wiped);
      List<String> printed = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread watcher =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      status
                          .next()
                          .ifPresent(l -> printed.add(l.text() + " [size " + size(wiped) + "]"));
                      try {
                        Thread.sleep(100);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      // The same leader stays up, nothing more is submitted: only heartbeats reach the wiped node.
      assertThat(within(90_000, () -> size(wiped) == before))
          .as("the wiped validator catches up while the same leader stays up")
          .isTrue();
      long entriesBack = System.nanoTime();
      assertThat(within(60_000, () -> wiped.cosigner().notReadyBecause().isEmpty())).isTrue();
      long witnessBack = System.nanoTime();
      assertThat(within(60_000, () -> printed.stream().anyMatch(l -> l.contains(" ready on "))))
          .isTrue();
      watcher.interrupt();
      watcher.join();
      assertThat(printed.getFirst()).contains("not ready: it is rejoining the group");
      assertThat(printed.stream().filter(l -> l.contains(" ready on ")))
          .as("'ready' only once every entry is back: %s", printed)
          .allMatch(l -> l.endsWith("[size " + before + "]"));
      System.out.printf(
          "[wiped-validator] %s: entries back %d ms after its start, witness ready after %d ms,"
              + " snapshot installs %d%n",
          label,
          (entriesBack - t0) / 1_000_000,
          (witnessBack - t0) / 1_000_000,
          wiped.machine().restoresFromSnapshot());
      assertThat(leader.replica().isLeader()).isTrue();
      assertThat(wiped.replica().rejoined()).isTrue();
      cameBackWhole(wiped, leader);
      cosignsNothingBelow(net, wiped, net.indexOf(leader), before, firstAgreed);
      if (purged) {
        assertThat(wiped.machine().restoresFromSnapshot())
            .as("installed from the leader's snapshot")
            .isPositive();
      }
      assertThat(within(60_000, () -> wiped.replica().catchingUp().isEmpty())).isTrue();
      acceptedToACosignedInclusion(net, leader, wiped, "s1");

      // Kill the leader: the wiped node and the third elect a leader within a bound.
      long now = size(leader);
      int old = net.indexOf(leader);
      net.stop(old);
      assertThat(within(60_000, () -> leaderAmong(net) != null))
          .as("a new leader among the wiped validator and the third")
          .isTrue();
      ValidatorNode next = leaderAmong(net);
      // The two survivors cosign: the wiped node's witness takes part in every checkpoint now.
      SignedNote last = acceptedToACosignedInclusion(net, next, wiped, "s2");
      assertThat(net.policy.cosigners(last)).contains(net.cosignerKeys.get(f).name());
      long after = now + 5;
      assertThat(within(60_000, () -> size(net.nodes[other]) == after)).isTrue();
      assertThat(wiped.machine().state().log().head())
          .isEqualTo(net.nodes[other].machine().state().log().head());
      net.start(old);
      assertThat(within(90_000, () -> size(net.nodes[old]) == after)).isTrue();
    }
  }

  /**
   * The wiped validator ingests while a validator is wiped and brought back: the station goes on
   * sending batches throughout, and none is lost or taken twice.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void wipedWhileIngestContinues() throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 8, false)) {
      ValidatorNode leader = net.leader();
      int f = (net.indexOf(leader) + 1) % 3;
      load(leader, 1000, 200);
      assertThat(
              within(60_000, () -> Stream.of(net.nodes).allMatch(n -> checkpointSize(n) == 1000)))
          .isTrue();
      SignedNote firstAgreed = leader.machine().state().checkpoints().getFirst();
      java.util.concurrent.atomic.AtomicBoolean go =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger retries =
          new java.util.concurrent.atomic.AtomicInteger();
      // Held only while the validator is being stopped and wiped: with a snapshot every 8 Raft
      // entries, each writing every entry, a stop that stalls under unbroken ingest let the log
      // run away (21,000 entries in 100 s in two fresh-clone runs) and the rejoin could not catch
      // up. The wiped validator still rejoins and catches up while ingest goes on.
      java.util.concurrent.atomic.AtomicBoolean paused =
          new java.util.concurrent.atomic.AtomicBoolean(false);
      java.util.concurrent.CompletableFuture<Void> ingest =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                int k = 0;
                while (go.get()) {
                  if (paused.get()) {
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      return;
                    }
                    continue;
                  }
                  String station = k++ % 2 == 0 ? "s1" : "s2";
                  List<RecordedBallot> b = stations.bulk(station, 25);
                  // A reply lost in a leadership move: the same bytes again are idempotent.
                  for (int attempt = 0; ; attempt++) {
                    try {
                      accept(leader, station, b);
                      break;
                    } catch (Exception | AssertionError e) {
                      if (attempt == 5) {
                        throw new IllegalStateException("a batch was never accepted", e);
                      }
                      retries.incrementAndGet();
                    }
                  }
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      assertThat(within(60_000, () -> accepted.size() >= 1100)).isTrue();
      long agreed = checkpointSize(leader);
      paused.set(true);
      net.stop(f);
      net.wipe(f);
      long atWipe = accepted.size();
      long t0 = System.nanoTime();
      net.start(f);
      paused.set(false);
      ValidatorNode wiped = net.nodes[f];
      assertThat(within(90_000, () -> wiped.cosigner().notReadyBecause().isEmpty()))
          .as("the wiped validator rejoins and catches up while ingest continues")
          .isTrue();
      long back = System.nanoTime();
      long atBack = accepted.size();
      // Ingest goes on a while with the wiped validator a member again.
      assertThat(within(60_000, () -> accepted.size() >= atBack + 100)).isTrue();
      go.set(false);
      ingest.get(90, TimeUnit.SECONDS);
      long total = accepted.size();
      System.out.printf(
          "[wiped-validator] while ingest continued: %d ballots at the wipe, %d when it was back"
              + " %d ms after its start (witness ready), %d in all, %d batches sent again%n",
          atWipe, atBack, (back - t0) / 1_000_000, total, retries.get());
      assertThat(within(60_000, () -> Stream.of(net.nodes).allMatch(n -> size(n) == total)))
          .isTrue();
      ValidatorNode now = leaderAmong(net);
      cameBackWhole(wiped, now);
      cosignsNothingBelow(net, wiped, net.indexOf(now), agreed, firstAgreed);
      acceptedToACosignedInclusion(net, now, wiped, "s1");
    }
  }

  /**
   * The wiped validator holds what {@code healthy} holds, the same latest checkpoint, and every
   * accepted ballot exactly once.
   */
  private void cameBackWhole(ValidatorNode wiped, ValidatorNode healthy) throws Exception {
    assertThat(within(60_000, () -> size(wiped) == size(healthy))).isTrue();
    LedgerState w = wiped.machine().state();
    assertThat(w.log().head()).isEqualTo(healthy.machine().state().log().head());
    assertThat(w.stationCounts()).isEqualTo(healthy.machine().state().stationCounts());
    assertThat(
            within(
                60_000,
                () ->
                    w.latestCheckpoint()
                        .map(SignedNote::text)
                        .equals(
                            healthy.machine().state().latestCheckpoint().map(SignedNote::text))))
        .as("the same latest checkpoint as the others")
        .isTrue();
    List<String> ids = List.copyOf(accepted);
    assertThat(w.log().size()).as("nothing doubled").isEqualTo(ids.size());
    java.util.Set<Long> places = new java.util.HashSet<>();
    for (String id : ids) {
      java.util.Optional<Long> at = w.indexOfBallot(id);
      assertThat(at).as("accepted ballot %s is in the wiped validator's log", id).isPresent();
      assertThat(places.add(at.get())).as("one place per ballot").isTrue();
    }
  }

  /**
   * The wiped validator's witness starts from the latest quorum-cosigned checkpoint ({@code agreed}
   * or later): a stale checkpoint asked as of a fresh witness ({@code old 0}) or as an extension of
   * its state, and the first checkpoint the group ever agreed, get no cosignature.
   */
  private static void cosignsNothingBelow(
      TestNetwork net, ValidatorNode wiped, int logKey, long agreed, SignedNote firstAgreed) {
    long latest = wiped.cosigner().latest().orElseThrow().size();
    assertThat(latest).isGreaterThanOrEqualTo(agreed);
    String staleText =
        new Checkpoint(TestNetwork.ORIGIN, 5, wiped.machine().state().log().root(5), List.of())
            .text();
    SignedNote stale =
        new SignedNote(staleText, List.of(SignedNote.sign(net.logKeys.get(logKey), staleText)));
    WitnessResponse fresh =
        wiped.cosigner().addCheckpoint(request(new AddCheckpointRequest(0, List.of(), stale)));
    assertThat(fresh)
        .isInstanceOfSatisfying(
            WitnessResponse.Conflict.class,
            c -> assertThat(c.latestSize()).isGreaterThanOrEqualTo(agreed));
    long known = wiped.cosigner().latest().orElseThrow().size();
    assertThat(
            wiped
                .cosigner()
                .addCheckpoint(request(new AddCheckpointRequest(known, List.of(), stale))))
        .isNotInstanceOf(WitnessResponse.Cosigned.class);
    assertThat(
            wiped
                .cosigner()
                .addCheckpoint(request(new AddCheckpointRequest(0, List.of(), firstAgreed))))
        .isNotInstanceOf(WitnessResponse.Cosigned.class);
  }

  private static byte[] request(AddCheckpointRequest r) {
    return r.format().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Five new ballots through {@code node} reach a quorum-cosigned checkpoint on the wiped
   * validator, whose log proves their inclusion under it; returns that checkpoint.
   */
  private SignedNote acceptedToACosignedInclusion(
      TestNetwork net, ValidatorNode node, ValidatorNode wiped, String station) throws Exception {
    long want = size(node) + 5;
    accept(node, station, stations.next(station, 5));
    assertThat(within(60_000, () -> checkpointSize(wiped) >= want)).isTrue();
    SignedNote cp = wiped.machine().state().latestCheckpoint().orElseThrow();
    assertThat(net.policy.accepts(cp)).isTrue();
    Checkpoint c = Checkpoint.parse(cp.text());
    MerkleLog log = wiped.machine().state().log();
    long index = wiped.machine().state().indexOfBallot(accepted.getLast()).orElseThrow();
    assertThat(index).isEqualTo(want - 1);
    assertThat(
            ProofVerifier.verifyInclusion(
                log.leafHash(index),
                index,
                c.size(),
                log.inclusionProof(index, c.size()),
                c.root()))
        .isTrue();
    return cp;
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aWipedValidatorCosignsNothingUntilItKnowsTheAgreedCheckpointAndNothingBelowIt()
      throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      ValidatorNode leader = net.leader();
      int l = net.indexOf(leader);
      int f = (l + 1) % 3;
      int other = (l + 2) % 3;
      SignedNote first = null;
      for (int i = 1; i <= 4; i++) {
        submit(leader, stations.next("s1", 5));
        long want = 5L * i;
        assertThat(
                within(60_000, () -> Stream.of(net.nodes).allMatch(n -> checkpointSize(n) == want)))
            .isTrue();
        if (first == null) {
          first = leader.machine().state().latestCheckpoint().orElseThrow();
        }
      }
      // The quorum may have been met without f; wait for f's own witness to reach 20 too.
      ValidatorNode fn = net.nodes[f];
      assertThat(
              within(60_000, () -> fn.cosigner().latest().map(c -> c.size() == 20).orElse(false)))
          .isTrue();
      // The stale checkpoint 5, signed by the log key, asked with "old 0" as of a fresh witness.
      String staleText =
          new Checkpoint(TestNetwork.ORIGIN, 5, leader.machine().state().log().root(5), List.of())
              .text();
      SignedNote stale =
          new SignedNote(staleText, List.of(SignedNote.sign(net.logKeys.get(l), staleText)));
      byte[] oldZero =
          new AddCheckpointRequest(0, List.of(), stale).format().getBytes(StandardCharsets.UTF_8);

      // Wipe f while the third is down: its peers cannot remove it yet, so it cannot catch up.
      net.stop(other);
      net.stop(f);
      net.wipe(f);
      net.start(f);
      ValidatorNode wiped = net.nodes[f];
      assertThat(wiped.cosigner().addCheckpoint(oldZero))
          .isInstanceOfSatisfying(
              WitnessResponse.Refused.class,
              r -> {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.reason()).contains("no witness state").contains("rejoining");
              });
      HttpResponse<String> http =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + wiped.httpPort() + "/add-checkpoint"))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(oldZero))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(http.statusCode()).isEqualTo(503);
      assertThat(http.body()).contains("has not yet learned the latest quorum-cosigned checkpoint");

      // The third comes back: the wiped node rejoins, catches up and learns checkpoint 20.
      net.start(other);
      assertThat(within(90_000, () -> wiped.cosigner().notReadyBecause().isEmpty())).isTrue();
      assertThat(size(wiped)).isGreaterThanOrEqualTo(20);
      assertThat(wiped.cosigner().addCheckpoint(oldZero))
          .isEqualTo(new WitnessResponse.Conflict(20));
      byte[] below =
          new AddCheckpointRequest(20, List.of(), stale).format().getBytes(StandardCharsets.UTF_8);
      assertThat(wiped.cosigner().addCheckpoint(below))
          .isNotInstanceOf(WitnessResponse.Cosigned.class);
      // The first checkpoint itself, quorum-cosigned back then, is not cosigned again either.
      byte[] replay =
          new AddCheckpointRequest(0, List.of(), first).format().getBytes(StandardCharsets.UTF_8);
      assertThat(wiped.cosigner().addCheckpoint(replay))
          .isEqualTo(new WitnessResponse.Conflict(20));

      // Newer checkpoints: it cosigns them.
      ValidatorNode now = net.leader();
      submit(now, stations.next("s2", 5));
      assertThat(within(60_000, () -> checkpointSize(wiped) == 25)).isTrue();
      SignedNote cp25 = wiped.machine().state().latestCheckpoint().orElseThrow();
      assertThat(net.policy.cosigners(cp25)).contains(net.cosignerKeys.get(f).name());
      assertThat(
              within(
                  60_000, () -> wiped.cosigner().latest().map(c -> c.size() == 25).orElse(false)))
          .isTrue();
      MerkleLog log = wiped.machine().state().log();
      assertThat(log.root(25)).isEqualTo(Checkpoint.parse(cp25.text()).root());
    }
  }
}
