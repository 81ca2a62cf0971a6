package org.urna.kiosk.polls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The checkpoint line of the poll reports, from the signed note the ballot box kept. */
class PollReportsCheckpointTest {
  private static final String ROOT = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";

  private static byte[] note(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void namesTheSizeTheRootAndEverySigner() {
    byte[] n =
        note(
            "ledger.urna.local/e1\n9\n"
                + ROOT
                + "\n\n\u2014 ledger.urna.local/e1 AAAAAQ==\n\u2014 v1.example.org AAAAAg==\n"
                + "\u2014 v3.example.org AAAAAw==\n");
    assertThat(PollReports.checkpointLine(n))
        .hasValue("9 n4bQgYhMfWWaL+qg... (ledger.urna.local/e1, v1.example.org, v3.example.org)");
  }

  @Test
  void aNoteThatIsNotACheckpointGivesNoLine() {
    assertThat(PollReports.checkpointLine(note("no blank line\n"))).isEmpty();
    assertThat(PollReports.checkpointLine(note("o\nnine\n" + ROOT + "\n\n\u2014 k AAAA\n")))
        .isEmpty();
    assertThat(PollReports.checkpointLine(note("o\n9\nshort\n\n\u2014 k AAAA\n"))).isEmpty();
    assertThat(PollReports.checkpointLine(note("o\n9\n" + ROOT + "\n\nunsigned\n"))).isEmpty();
    assertThat(PollReports.checkpointLine(new byte[] {(byte) 0xff, 0, 10, 10})).isEmpty();
  }
}
