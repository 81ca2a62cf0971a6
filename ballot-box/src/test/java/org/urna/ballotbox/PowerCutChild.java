package org.urna.ballotbox;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The kiosk side of {@link PowerCutTest}, run in a child JVM that is killed with SIGKILL at random
 * moments: stores and casts (sometimes challenges) ballots in a loop and prints a line after each
 * call returned, so the parent knows what the box promised.
 */
public final class PowerCutChild {
  private PowerCutChild() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Random random = new Random(Long.parseLong(args[1]));
    // Encrypt a few ballots ahead so that the loop spends its time in the box, not in warm-up.
    TestBox.Made[] made = new TestBox.Made[400];
    try (BallotBox box = TestBox.open(Path.of(args[0]))) {
      out.println("READY");
      for (int i = 0; ; i++) {
        TestBox.Made m = TestBox.ballot(i % 10 == 9 ? "four-by-five" : "referendum", random);
        made[i % made.length] = m;
        box.storePending(m.ballot(), m.seed());
        out.println("PENDING " + m.id());
        if (random.nextInt(8) == 0) {
          box.challenge(m.id(), m.plaintext(), TestBox.ELECTION.stationKey);
          out.println("CHALLENGED " + m.id());
        } else {
          box.cast(m.id(), TestBox.ELECTION.stationKey);
          out.println("CAST " + m.id());
        }
      }
    }
  }
}
