package org.urna.ballotbox;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The kiosk side of {@link SeedErasureTest}, in a child JVM: casts ballots as the kiosk does (the
 * caller destroys its seed once the box holds it), prints each cast ballot's seed in hex and the
 * last tracking code, optionally dumps its live heap, and halts without closing the box (a kiosk
 * killed before the clean close).
 */
public final class SeedChild {
  private SeedChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Random random = new Random(7);
    int count = Integer.parseInt(args[1]);
    BallotBox box = TestBox.open(Path.of(args[0]));
    for (int i = 0; i < count; i++) {
      TestBox.Made m = TestBox.ballot("referendum", random);
      String hex = m.seed().toHex();
      box.storePending(m.ballot(), m.seed());
      m.seed().destroy();
      if (i % 10 == 9) {
        box.challenge(m.id(), m.plaintext(), TestBox.ELECTION.stationKey);
        out.println("CHALLENGED " + hex);
      } else {
        box.cast(m.id(), TestBox.ELECTION.stationKey);
        out.println("CAST " + hex);
      }
    }
    out.println("CODE " + box.lastTrackingCode().toHex());
    if (args.length > 2) {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[2], true);
    }
    out.println("DONE");
    Runtime.getRuntime().halt(0); // killed before close: no SHUTDOWN COMPACT
  }
}
