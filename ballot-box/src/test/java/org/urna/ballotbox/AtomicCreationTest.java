package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash while a new box is created never leaves a box that will not open (decision 0049): a child
 * creating a box is killed with SIGKILL at moments spread over the creation; afterwards the box
 * opens (created again from nothing, or complete).
 */
class AtomicCreationTest {
  private static final int KILLS = 12;
  @TempDir Path dir;

  @Test
  void aKillAtAnyMomentOfTheCreationLeavesNoBrokenBox() throws Exception {
    int killedDuringCreation = 0;
    for (int round = 0; round < KILLS; round++) {
      Path box = dir.resolve("round-" + round).resolve("box");
      boolean opened = runAndKill(box, 40L * round + 20);
      if (!opened) {
        killedDuringCreation++;
      }
      try (BallotBox b = TestBox.open(box)) {
        assertThat(b.counts().cast()).as("round %d", round).isZero();
        assertThat(b.auditEntries(1, 10).getFirst().action()).isEqualTo("box-created");
      }
    }
    assertThat(killedDuringCreation).as("kills before the box was complete").isPositive();
  }

  /** Starts the child, kills it {@code millis} after it started; true if it had opened the box. */
  private boolean runAndKill(Path box, long millis) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                classPath,
                CreateChild.class.getName(),
                box.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String first = r.readLine(); // STARTED: the JVM is up, the creation begins
      assertThat(first).isEqualTo("STARTED");
      Thread.sleep(millis);
      child.destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
      try {
        for (String l; (l = r.readLine()) != null; ) {
          lines.add(l);
        }
      } catch (java.io.IOException e) {
        // the pipe closed with the child: what was read stays
      }
    }
    return lines.stream().anyMatch(l -> l.startsWith("OPENED"));
  }
}
