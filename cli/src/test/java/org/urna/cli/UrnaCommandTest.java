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
import picocli.CommandLine;

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
  void everyUrnaCommandThatMintCardsNamesIsRegistered(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    CommandLine urna = Urna.commandLine().setOut(new PrintWriter(out));
    assertThat(urna.execute("mint-cards", "--out", dir.toString())).isZero();
    java.util.regex.Matcher named =
        java.util.regex.Pattern.compile("urna ([a-z-]+)").matcher(out.toString());
    java.util.List<String> commands = new java.util.ArrayList<>();
    while (named.find()) {
      commands.add(named.group(1));
    }
    assertThat(commands).contains("virtual-card");
    assertThat(urna.getSubcommands().keySet()).containsAll(commands);
  }

  @Test
  void virtualCardWithoutAStateFileSaysWhatToDo(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    int code =
        Urna.commandLine()
            .setErr(new PrintWriter(err))
            .execute("virtual-card", "--state", dir.resolve("none.card").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("mint-cards").doesNotContain("Exception");
  }

  @Test
  void syncIsRegisteredWithItsOptions() {
    CommandLine sync = Urna.commandLine().getSubcommands().get("sync");
    assertThat(sync).isNotNull();
    assertThat(sync.getCommandSpec().optionsMap().keySet())
        .contains("--box", "--ledger", "--policy", "--password-file", "--station");
    StringWriter err = new StringWriter();
    assertThat(Urna.commandLine().setErr(new PrintWriter(err)).execute("sync", "--box", "b"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option").doesNotContain("Exception");
  }

  @Test
  void unknownSubcommandIsAUsageErrorNotAStackTrace() {
    StringWriter err = new StringWriter();
    int code = Urna.commandLine().setErr(new PrintWriter(err)).execute("no-such-command");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").doesNotContain("Exception");
  }

  @Test
  void castVerifyAndTallyABallotBoxFromTheCommandLine(@TempDir Path dir) throws Exception {
    Path election = dir.resolve("election");
    assertThat(Urna.commandLine().execute("sample-election", "--out", election.toString()))
        .isZero();
    Path password = dir.resolve("box.password");
    Files.writeString(password, "file-secret-user-secret\n");
    String box = dir.resolve("box").toString();
    String[] common = {
      "--box", box, "--password-file", password.toString(), "--station", "uik-1701"
    };
    StringWriter out = new StringWriter();
    CommandLine cast = Urna.commandLine().setOut(new PrintWriter(out));
    assertThat(
            cast.execute(
                concat(
                    new String[] {
                      "cast",
                      "--election",
                      election.toString(),
                      "--count",
                      "12",
                      "--challenge-every",
                      "5"
                    },
                    common)))
        .isZero();
    assertThat(out.toString()).contains("10 cast, 2 challenged");

    StringWriter verified = new StringWriter();
    int v =
        Urna.commandLine()
            .setOut(new PrintWriter(verified))
            .execute(
                concat(new String[] {"verify-box", "--election", election.toString()}, common));
    assertThat(v).as(verified.toString()).isZero();
    assertThat(verified.toString()).contains("V5").contains("All 12 ballots verify.");

    StringWriter tallied = new StringWriter();
    int t =
        Urna.commandLine()
            .setOut(new PrintWriter(tallied))
            .execute(
                concat(
                    new String[] {"tally", "--election", election.toString()},
                    concat(
                        common,
                        new String[] {
                          "--secret-file", election.resolve("demo-election-secret.hex").toString()
                        })));
    assertThat(t).as(tallied.toString()).isZero();
    assertThat(tallied.toString())
        .contains("10 cast ballots counted.")
        .contains("Every total is proven");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
