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
  private static final int EXTRA_KILLS = 24;
  @TempDir Path dir;

  @Test
  void aKillAtAnyMomentOfTheCreationLeavesNoBrokenBox() throws Exception {
    // How long a creation takes here, from the child's first line to its box being open.
    long full = System.nanoTime();
    assertThat(runAndKill(dir.resolve("timing").resolve("box"), 60_000)).isTrue();
    long millis = (System.nanoTime() - full) / 1_000_000;
    int killedDuringCreation = 0;
    // Kills spread over the measured creation time, then, while no kill has yet landed while the
    // files were being written (a busy machine shifts the window), kills aimed by bisection between
    // the latest that found nothing written and the earliest that found the box open.
    long nothingWritten = 0;
    long opened = millis * 2;
    for (int round = 0;
        round < KILLS || (killedDuringCreation == 0 && round < KILLS + EXTRA_KILLS);
        round++) {
      Path box = dir.resolve("round-" + round).resolve("box");
      long at = round < KILLS ? millis * (round + 1) / (KILLS + 1) : (nothingWritten + opened) / 2;
      boolean open = runAndKill(box, at);
      long written = filesIn(box.getParent());
      if (open) {
        opened = Math.min(opened, at);
      } else if (written > 0) {
        killedDuringCreation++; // the kill came after H2 had begun writing
      } else {
        nothingWritten = Math.max(nothingWritten, at);
      }
      try (BallotBox b = TestBox.open(box)) {
        assertThat(b.counts().cast()).as("round %d", round).isZero();
        assertThat(b.auditEntries(1, 10).getFirst().action()).isEqualTo("box-created");
      }
    }
    assertThat(killedDuringCreation)
        .as("kills while the box's files were being written")
        .isPositive();
  }

  private static long filesIn(Path folder) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(folder)) {
      return 0;
    }
    try (var s = java.nio.file.Files.list(folder)) {
      return s.count();
    }
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
      if (!child.waitFor(millis, TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
      }
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
