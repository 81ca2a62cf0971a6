package org.urna.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.tally.RecordGeneratorAccess;
import org.urna.tally.record.RecordFiles;
import picocli.CommandLine;

/**
 * {@code urna record} from the folders an election manager has: the package, the ceremony folder
 * (deals with encrypted shares), the ledger as downloaded, the tally folder. The record it writes
 * is the generator's byte for byte, its zip verifies, and the command verifies what it wrote.
 */
class RecordCommandTest {
  @Test
  void writesTheRecordFromTheFoldersAndVerifiesIt(@TempDir Path tmp) throws Exception {
    writesAndVerifies(tmp, policy -> policy);
  }

  /**
   * The ledger's policy.txt as the ledger writes it (a URL after each log and witness key, issue
   * 18): the record keeps its strict form, byte for byte the generator's, and verifies.
   */
  @Test
  void aDownloadedPolicyWithUrlsIsKeptInStrictForm(@TempDir Path tmp) throws Exception {
    writesAndVerifies(
        tmp,
        policy -> {
          String withUrls =
              new String(policy, StandardCharsets.UTF_8)
                  .replaceAll("(?m)^(log \\S+)$", "$1 https://ledger.record.example.org/")
                  .replaceAll("(?m)^(witness (\\S+) \\S+)$", "$1 https://$2.example.org:8443");
          assertThat(withUrls).contains(":8443").contains("log ").contains("/\n");
          return withUrls.getBytes(StandardCharsets.UTF_8);
        });
  }

  private void writesAndVerifies(Path tmp, java.util.function.UnaryOperator<byte[]> policy)
      throws Exception {
    RecordGeneratorAccess.Small g = RecordGeneratorAccess.small();
    RecordFiles expected = g.record();
    Path ceremony = tmp.resolve("ceremony");
    Files.createDirectories(ceremony);
    for (Map.Entry<String, byte[]> e : g.ceremonyFolder().entrySet()) {
      Files.write(ceremony.resolve(e.getKey()), e.getValue());
    }
    Path ledger = tmp.resolve("ledger");
    Path tally = tmp.resolve("tally");
    for (Map.Entry<String, byte[]> e : expected.all().entrySet()) {
      String name = e.getKey();
      Path to = null;
      if (name.startsWith("ledger/")) {
        to = ledger.resolve(name.substring("ledger/".length()));
      } else if (name.startsWith("tally/")) {
        to = tally.resolve(name.substring("tally/".length()));
      }
      if (to != null) {
        Files.createDirectories(to.getParent());
        Files.write(
            to, name.equals("ledger/policy.txt") ? policy.apply(e.getValue()) : e.getValue());
      }
    }
    Path pkg = tmp.resolve("election-package.json");
    Files.write(pkg, expected.get("election-package.json"));
    Path out = tmp.resolve("out/record");

    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new RecordCommand())
              .execute(
                  "--package", pkg.toString(),
                  "--trust", g.trustAnchor(),
                  "--ceremony", ceremony.toString(),
                  "--ledger", ledger.toString(),
                  "--tally", tally.toString(),
                  "--out", out.toString());
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String printed = o.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed).contains("VERIFIED: every step holds.");
    RecordFiles written = RecordFiles.read(out);
    assertThat(written.all().keySet()).isEqualTo(expected.all().keySet());
    for (String name : expected.all().keySet()) {
      assertThat(written.get(name)).as(name).isEqualTo(expected.get(name));
    }
    RecordFiles zipped = RecordFiles.read(tmp.resolve("out/record.zip"));
    assertThat(zipped.all().keySet()).isEqualTo(expected.all().keySet());
    // The ceremony folder's deals carry encrypted shares; the record only the commitments.
    assertThat(written.all().keySet()).noneMatch(n -> n.endsWith(".deal.json"));
  }
}
