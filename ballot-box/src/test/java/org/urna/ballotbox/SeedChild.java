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
 * last tracking code, optionally dumps its heap (every object, then the live ones), and halts
 * without closing the box (a kiosk killed before the clean close).
 */
public final class SeedChild {
  private static volatile byte[] garbage;

  private SeedChild() {}

  /**
   * 32 random bytes that are garbage when this returns (only their hex stays reachable): the test's
   * proof that the dump of every object holds unreachable objects and the live dump does not.
   */
  private static String garbageMarker() {
    byte[] marker = new byte[32];
    new java.security.SecureRandom().nextBytes(marker);
    garbage = marker;
    garbage = null;
    return java.util.HexFormat.of().formatHex(marker);
  }

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
      out.println("GARBAGE " + garbageMarker());
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      // every object first, garbage included (a live dump collects the garbage before it writes)
      hotspot.dumpHeap(args[2] + "-all.hprof", false);
      hotspot.dumpHeap(args[2] + "-live.hprof", true);
    }
    out.println("DONE");
    Runtime.getRuntime().halt(0); // killed before close: no SHUTDOWN COMPACT
  }
}
