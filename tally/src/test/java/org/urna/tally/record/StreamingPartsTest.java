package org.urna.tally.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts that keep the streaming verifier's memory bounded: the report keeps at most {@link
 * RecordReport#KEPT_PER_STEP} failures a step and counts all; V10's table of ballot ids; a zip read
 * through its directory still names a path that appears twice.
 */
class StreamingPartsTest {
  @Test
  void theReportKeepsTheFirstFailuresInPrintedOrderAndCountsAll() {
    RecordReport r = new RecordReport();
    for (int i = 2_999; i >= 0; i--) {
      r.fail(RecordStep.V8, String.format("entry %05d", i), "the signature does not verify");
    }
    r.failUnnamed(RecordStep.R7, 0);
    assertThat(r.failed(RecordStep.V8)).isEqualTo(3_000);
    assertThat(r.failed(RecordStep.R7)).isZero();
    assertThat(r.failures()).hasSize(RecordReport.KEPT_PER_STEP);
    assertThat(r.failures().getFirst().item()).isEqualTo("entry 00000");
    assertThat(r.failures().getLast().item()).isEqualTo("entry 00999");
    r.failUnnamed(RecordStep.V8, 500);
    assertThat(r.failed(RecordStep.V8)).isEqualTo(3_500);
    assertThat(r.holds()).isFalse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("  V8 signature: entry 00019: the signature does not verify")
        .doesNotContain("entry 00020")
        .contains("V8 signature: ... and 3480 more")
        .contains("NOT VERIFIED: 3500 failure(s)");
  }

  @Test
  void ballotIdsAreFoundAgainAcrossGrowth() {
    ElectionRecordVerifier.BallotIds ids = new ElectionRecordVerifier.BallotIds();
    for (int i = 0; i < 5_000; i++) {
      assertThat(ids.add(id(i))).as("first " + i).isTrue();
    }
    for (int i = 0; i < 5_000; i += 7) {
      assertThat(ids.add(id(i))).as("again " + i).isFalse();
    }
    assertThat(ids.add(new byte[16])).isTrue();
    assertThat(ids.add(new byte[16])).isFalse();
  }

  private static byte[] id(int i) {
    byte[] b = new byte[16];
    b[0] = 1; // never the id of zeros, added on its own below
    b[3] = (byte) (i >>> 8);
    b[15] = (byte) i;
    b[8] = (byte) (i % 3);
    return b;
  }

  @Test
  void aPathTwiceInAZipIsAProblemOfTheRecord(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (String name : new String[] {"constants.json", "constantz.json"}) {
        z.putNextEntry(new ZipEntry(name));
        z.write(RecordDocuments.constants());
        z.closeEntry();
      }
    }
    // ZipOutputStream refuses a name twice: rename the second entry in place (same length).
    byte[] b = bytes.toByteArray();
    String s = new String(b, StandardCharsets.ISO_8859_1).replace("constantz", "constants");
    Path zip = tmp.resolve("twice.zip");
    Files.write(zip, s.getBytes(StandardCharsets.ISO_8859_1));
    try (RecordFiles f = RecordFiles.read(zip)) {
      assertThat(f.problems()).containsExactly("constants.json: appears twice in the zip");
      assertThat(f.names()).containsExactly("constants.json");
    }
  }
}
