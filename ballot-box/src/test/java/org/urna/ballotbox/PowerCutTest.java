package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.verify.BallotVerifier;

/**
 * A kiosk killed with SIGKILL at random moments, 50 times, over one ballot box file: after each
 * kill the box opens with both chains intact, every ballot the child was told is cast or challenged
 * is there in that state, no ballot is counted twice, a ballot left pending is voided (recorded as
 * challenged, never counted), and the signed head beside the file covers every acknowledged ballot
 * while the file is never behind it.
 */
class PowerCutTest {
  private static final int KILLS = 50;
  @TempDir Path dir;

  @Test
  void killingTheKioskAtRandomMomentsLosesNoCastBallotAndCountsNoneTwice() throws Exception {
    Path box = dir.resolve("box");
    Random random = new Random(2026);
    Map<String, BallotState> promised = new HashMap<>();
    Set<String> reportedPending = new HashSet<>();
    long recordedBefore = 0;
    int killedWithWork = 0;
    for (int round = 0; round < KILLS; round++) {
      List<String> lines = runAndKill(box, random.nextLong(), 50 + random.nextInt(351));
      for (String line : lines) {
        String[] parts = line.split(" ");
        switch (parts[0]) {
          case "PENDING" -> reportedPending.add(parts[1]);
          case "CAST" -> promised.put(parts[1], BallotState.CAST);
          case "CHALLENGED" -> promised.put(parts[1], BallotState.CHALLENGED);
          default -> {}
        }
      }
      if (lines.size() > 1) {
        killedWithWork++;
      }
      long t = System.nanoTime();
      recordedBefore = checkAfterKill(box, promised, reportedPending, recordedBefore, round);
      System.out.printf(
          "round %d: %d lines from the child, %d recorded, check %d ms%n",
          round, lines.size(), recordedBefore, (System.nanoTime() - t) / 1_000_000);
    }
    assertThat(killedWithWork).as("kills that interrupted a busy kiosk").isGreaterThan(KILLS / 2);
    assertThat(promised).hasSizeGreaterThan(KILLS);
  }

  private long checkAfterKill(
      Path path,
      Map<String, BallotState> promised,
      Set<String> reportedPending,
      long recordedBefore,
      int round) {
    // The signed head was written before each acknowledgement: it covers every promised ballot,
    // and the file (opened next, which checks it extends the head) is never behind it.
    BoxHead head = BoxHead.read(path).orElseThrow();
    assertThat(
            head.signedBy(
                TestBox.ELECTION.stationKey.publicKey(), TestBox.ELECTION.key.extendedHash(), "s1"))
        .as("round %d: the head's signature", round)
        .isTrue();
    assertThat(head.chainLength())
        .as("round %d: ballots the signed head covers", round)
        .isGreaterThanOrEqualTo(promised.size());
    try (BallotBox box = TestBox.open(path)) {
      assertThat(box.pendingAtOpen())
          .as("round %d: pending ballots", round)
          .hasSizeLessThanOrEqualTo(1);
      box.voidPending(TestBox.ELECTION.stationKey);
      Map<String, BallotState> inChain = new HashMap<>();
      List<RecordedBallot> fresh = new ArrayList<>();
      long[] position = {0};
      box.forEachRecorded(
          rb -> {
            position[0]++;
            assertThat(inChain.put(rb.ballotId().toHex(), rb.state()))
                .as("round %d: ballot %s twice in the chain", round, rb.ballotId())
                .isNull();
            if (position[0] > recordedBefore) {
              fresh.add(rb);
            }
          });
      promised.forEach(
          (id, state) ->
              assertThat(inChain.get(id))
                  .as("round %d: ballot %s was reported %s", round, id, state)
                  .isEqualTo(state));
      long unreported =
          inChain.keySet().stream().filter(id -> !reportedPending.contains(id)).count();
      assertThat(unreported)
          .as("round %d: ballots nobody was told about", round)
          .isLessThanOrEqualTo(round + 1);
      BallotCounts counts = box.counts();
      long cast = inChain.values().stream().filter(s -> s == BallotState.CAST).count();
      assertThat(counts).isEqualTo(new BallotCounts(cast, inChain.size() - cast, 0));
      assertThat(box.outboxCounts().total()).isEqualTo(inChain.size());
      BallotVerifier verifier = new BallotVerifier(TestBox.ELECTION.manifest, TestBox.ELECTION.key);
      fresh.stream()
          .skip(Math.max(0, fresh.size() - 2))
          .forEach(rb -> assertThat(verifier.verify(rb)).as("round %d", round).isEmpty());
      return inChain.size();
    }
  }

  /** Starts the child, waits until it is ready, lets it work for {@code millis}, kills it. */
  private List<String> runAndKill(Path box, long seed, int millis) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path stderr = dir.resolve("child-stderr.txt");
    Process child =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile="
                    + Path.of("target", "power-cut-child.jsa").toAbsolutePath(),
                "-Xlog:cds=off",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                classPath,
                PowerCutChild.class.getName(),
                box.toString(),
                Long.toString(seed))
            .redirectError(stderr.toFile())
            .start();
    List<String> lines = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                      synchronized (lines) {
                        lines.add(line);
                      }
                      if (line.equals("READY")) {
                        ready.countDown();
                      }
                    }
                  } catch (IOException e) {
                    // the child was killed mid-line: what was read stays
                  }
                });
    try {
      if (!ready.await(90, TimeUnit.SECONDS)) {
        throw new AssertionError("the child never became ready: " + Files.readString(stderr));
      }
      Thread.sleep(millis);
      assertThat(child.isAlive())
          .as("child alive before the kill: %s", Files.readString(stderr))
          .isTrue();
    } finally {
      child.destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(30));
    synchronized (lines) {
      // a line cut by the kill has no id: drop anything that is not whole
      return lines.stream()
          .filter(l -> l.equals("READY") || l.matches("[A-Z]+ [0-9a-f]{32}"))
          .toList();
    }
  }
}
