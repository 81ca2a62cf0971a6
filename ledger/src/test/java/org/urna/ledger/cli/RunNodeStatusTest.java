package org.urna.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.TestNetwork;
import org.urna.ledger.replication.Verdict;

/** What RunNode prints about its validator, on a real three-validator network. */
class RunNodeStatusTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void readyIsPrintedOnlyOnceTheValidatorIsReadyAndAStoppedStateMachineIsSaid() throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000, false)) {
      // v1 on its own: its Raft server and state machine run, but no leader can be elected.
      net.stop(1);
      net.stop(2);
      net.stop(0);
      net.start(0);
      ValidatorNode v1 = net.nodes[0];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CountDownLatch stop = new CountDownLatch(1);
      RunNode.StatusLine status = new RunNode.StatusLine(v1);
      Thread watcher =
          Thread.ofVirtual()
              .start(
                  () ->
                      RunNode.watch(
                          status,
                          new PrintStream(out, true, StandardCharsets.UTF_8),
                          new PrintStream(err, true, StandardCharsets.UTF_8),
                          stop));
      String where =
          "http://127.0.0.1:"
              + v1.httpPort()
              + " (advertised as "
              + net.peers.get(0).httpUrl()
              + ")";
      waitFor(
          () -> text(out).contains("validator v1 on " + where + " not ready: no leader is known"),
          "v1 to say it knows no leader");
      assertThat(text(out)).doesNotContain("ready on");

      // A peer comes back: a leader is elected and v1 has applied what was committed.
      net.start(1);
      ValidatorNode v2 = net.nodes[1];
      assertThat(within(90_000, () -> text(out).contains("validator v1 ready on " + where)))
          .as(
              () ->
                  String.format(
                      "v1 to say it is ready; it printed %s; v1 %s %s; v2 %s %s",
                      text(out),
                      v1.replica().status(),
                      v1.notReadyBecause(),
                      v2.replica().status(),
                      v2.notReadyBecause()))
          .isTrue();
      assertThat(text(out).lines().filter(l -> l.contains("ready on"))).hasSize(1);

      stop.countDown();
      watcher.join();
      assertThat(text(out).lines().filter(l -> l.contains("ready on"))).hasSize(1);

      // A local fault stops a follower's state machine: it says so on standard error, and stays
      // stopped (it never says 'ready' again).
      net.start(2);
      ValidatorNode leader = net.leader();
      int sick = (net.indexOf(leader) + 1) % 3;
      ValidatorNode follower = net.nodes[sick];
      String id = net.peers.get(sick).id();
      RunNode.StatusLine sickStatus = new RunNode.StatusLine(follower);
      waitFor(() -> follower.notReadyBecause().isEmpty(), id + " ready");
      ByteArrayOutputStream out2 = new ByteArrayOutputStream();
      CountDownLatch stop2 = new CountDownLatch(1);
      Thread watcher2 =
          Thread.ofVirtual()
              .start(
                  () ->
                      RunNode.watch(
                          sickStatus,
                          new PrintStream(out2, true, StandardCharsets.UTF_8),
                          new PrintStream(err, true, StandardCharsets.UTF_8),
                          stop2));
      follower.machine().state().log().close();
      assertThat(
              leader
                  .replica()
                  .submit(Stations.bytes(new Stations().next("s1", 2)))
                  .get(60, TimeUnit.SECONDS))
          .allMatch(v -> v instanceof Verdict.Accepted);
      waitFor(
          () ->
              text(err)
                  .contains(
                      "validator "
                          + id
                          + " stopped: its state machine stopped (could not apply Raft entry"),
          id + " to say its state machine stopped");
      assertThat(text(err)).contains("/health answers 503 until it is repaired and restarted");
      stop2.countDown();
      watcher2.join();
      assertThat(sickStatus.next()).as("a stopped state machine stays stopped").isEmpty();
      assertThat(follower.notReadyBecause())
          .hasValueSatisfying(why -> assertThat(why).startsWith("the state machine stopped"));
    }
  }

  static boolean within(long millis, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  private static String text(ByteArrayOutputStream b) {
    synchronized (b) {
      return b.toString(StandardCharsets.UTF_8);
    }
  }
}
