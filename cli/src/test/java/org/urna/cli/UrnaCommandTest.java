package org.urna.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.TrustAnchor;

class UrnaCommandTest {
  @Test
  void sampleElectionWritesAPackageThatLoadsUnderItsTrustAnchor(@TempDir Path dir)
      throws Exception {
    int code = Urna.commandLine().execute("sample-election", "--out", dir.toString());
    assertThat(code).isZero();
    byte[] pkg = Files.readAllBytes(dir.resolve("election-package.json"));
    TrustAnchor anchor =
        TrustAnchor.fromHex(Files.readString(dir.resolve("trust-anchor.sha256")).trim());
    ElectionPackage loaded = ElectionPackage.load(pkg, anchor);
    assertThat(loaded.manifest().stations()).isNotEmpty();
    assertThat(Files.readString(dir.resolve("demo-election-secret.hex")).trim()).hasSize(64);
  }

  @Test
  void unknownSubcommandIsAUsageErrorNotAStackTrace() {
    StringWriter err = new StringWriter();
    int code = Urna.commandLine().setErr(new PrintWriter(err)).execute("no-such-command");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").doesNotContain("Exception");
  }
}
