package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The close runs {@code SHUTDOWN COMPACT} and then only closes the connection: it never calls
 * {@code rollback()} (or anything else) on the dead connection (decision 0052). The box turns H2's
 * trace file off, which would hide such a call; so this test turns it back on for the box's
 * database (a second connection in the same process shares the database and sets its trace level to
 * errors), checks that the trace file does record an error, and then that the close adds none.
 */
class CloseAfterShutdownTest {
  @TempDir Path dir;

  @Test
  void theCloseTouchesNoConnectionAfterTheShutdown() throws Exception {
    Path path = dir.resolve("box");
    Path trace = dir.resolve("box.trace.db");
    BallotBox box = TestBox.open(path);
    TestBox.Made m = TestBox.ballot("referendum", new Random(3));
    box.storePending(m.ballot(), m.seed());
    box.cast(m.id(), TestBox.ELECTION.stationKey);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:h2:file:"
                + path.toAbsolutePath()
                + ";CIPHER=AES;IFEXISTS=TRUE;TRACE_LEVEL_FILE=1",
            BoxFile.USER,
            TestBox.PASSWORD + " " + TestBox.PASSWORD)) {
      // the control: an error on the shared database is written to the trace file
      assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT * FROM no_such_table"))
          .hasMessageContaining("NO_SUCH_TABLE");
    }
    assertThat(trace).as("tracing is on for the box's database").exists();
    String before = Files.readString(trace, StandardCharsets.UTF_8);
    assertThat(before).contains("NO_SUCH_TABLE");

    box.close();

    String after = Files.exists(trace) ? Files.readString(trace, StandardCharsets.UTF_8) : "";
    assertThat(after.substring(Math.min(before.length(), after.length())))
        .as("what H2 traced during the close")
        .isEmpty();
    assertThat(after).doesNotContain("already closed").doesNotContain("90121");
    Files.deleteIfExists(trace);
    try (BallotBox again = TestBox.open(path)) {
      assertThat(again.counts().cast()).isEqualTo(1);
    }
  }
}
