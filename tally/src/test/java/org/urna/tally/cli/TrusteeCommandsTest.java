package org.urna.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Scalar;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.JointKey;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.files.TrusteeFiles;
import picocli.CommandLine;

/** The file-based ceremony and tally as trustees run it: every command, every file, real Argon2. */
class TrusteeCommandsTest {
  record Run(int code, String out, String err) {}

  static Run run(Object command, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = new CommandLine(command).execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  static Run ceremony(String... args) {
    return run(new CeremonyCommand(), args);
  }

  static Run trustee(String... args) {
    return run(new TrusteeCommand(), args);
  }

  Path dir;
  Path home;

  void setUp(Path tmp) throws Exception {
    dir = tmp.resolve("ceremony");
    home = tmp.resolve("home");
    Files.createDirectories(home);
    for (int i = 1; i <= 3; i++) {
      Files.writeString(pass(i), "passphrase of trustee " + i + "\n");
    }
  }

  Path pass(int i) {
    return home.resolve("pass-" + i);
  }

  Path key(int i) {
    return home.resolve("trustee-" + i + ".key");
  }

  String[] withKey(String step, int i, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                step,
                "--dir",
                dir.toString(),
                "--key",
                key(i).toString(),
                "--passphrase-file",
                pass(i).toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  void initAndDeal() {
    Run n =
        ceremony(
            "new",
            "--dir",
            dir.toString(),
            "--threshold",
            "2",
            "--trustee",
            "Ana",
            "--trustee",
            "Boris",
            "--trustee",
            "Chulpan",
            "--election-hash",
            "ab".repeat(32));
    assertThat(n.code()).as(n.err()).isZero();
    assertThat(n.out()).contains("ceremony hash");
    for (int i = 1; i <= 3; i++) {
      Run r =
          trustee(
              withKey(
                  "init",
                  i,
                  "--trustee",
                  "" + i,
                  "--argon2-memory-mib",
                  "8",
                  "--argon2-iterations",
                  "1"));
      assertThat(r.code()).as(r.err()).isZero();
    }
    for (int i = 1; i <= 3; i++) {
      Run r = trustee(withKey("deal", i));
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  @Test
  void aWholeCeremonyAndTallyWithOneTrusteeAbsent(@TempDir Path tmp) throws Exception {
    setUp(tmp);
    initAndDeal();
    for (int i = 1; i <= 3; i++) {
      Run r = trustee(withKey("check", i));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("Every deal checks");
    }
    Run c = ceremony("combine", "--dir", dir.toString());
    assertThat(c.code()).as(c.err()).isZero();
    for (int i = 1; i <= 3; i++) {
      Run r = trustee(withKey("finish", i));
      assertThat(r.code()).as(r.err()).isZero();
    }
    JointKey joint = new CeremonyFolder(dir).jointKey();
    assertThat(Files.readAllBytes(dir.resolve("joint-key.json")))
        .isEqualTo(TrusteeFiles.write(joint));

    // Two selections: 3 and 0 votes out of 4 ballots.
    ElectionKey key = joint.toElectionKey();
    SecureRandom rnd = new SecureRandom();
    ElGamalCiphertext yes = key.encrypt(1, Scalar.random(rnd));
    ElGamalCiphertext no = key.encrypt(0, Scalar.random(rnd));
    for (int b = 0; b < 3; b++) {
      yes = yes.add(key.encrypt(b < 2 ? 1 : 0, Scalar.random(rnd)));
      no = no.add(key.encrypt(b < 2 ? 0 : 0, Scalar.random(rnd)));
    }
    Path totals = tmp.resolve("encrypted-totals.json");
    Files.write(
        totals,
        TrusteeFiles.writeTotals(
            joint.extendedHash(),
            List.of(new EncryptedTotal("q", "yes", yes), new EncryptedTotal("q", "no", no))));
    for (int i : new int[] {1, 3}) {
      Run r = trustee(withKey("decrypt", i, "--totals", totals.toString()));
      assertThat(r.code()).as(r.err()).isZero();
    }
    Path results = tmp.resolve("results.json");
    Run t =
        run(
            new TallyCombineCommand(),
            "--dir",
            dir.toString(),
            "--totals",
            totals.toString(),
            "--out",
            results.toString(),
            "--shares",
            tmp.resolve("decryption-share-1.json").toString(),
            tmp.resolve("decryption-share-3.json").toString());
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out()).contains("No shares from trustees [2]");
    Map<String, Long> counts =
        TrusteeFiles.readResultCounts(Files.readAllBytes(results), "results");
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("q/yes", 3L, "q/no", 0L));

    // One share file alone cannot decrypt.
    Run one =
        run(
            new TallyCombineCommand(),
            "--dir",
            dir.toString(),
            "--totals",
            totals.toString(),
            "--out",
            tmp.resolve("r2.json").toString(),
            "--shares",
            tmp.resolve("decryption-share-1.json").toString());
    assertThat(one.code()).isEqualTo(1);
    assertThat(one.err()).contains("T12").contains("at least 2");
  }

  @Test
  void aBadShareIsNamedAnsweredAndAccepted(@TempDir Path tmp) throws Exception {
    setUp(tmp);
    initAndDeal();
    // Change one byte of the share trustee 2 sent to trustee 3.
    Path deal2 = dir.resolve("trustee-2.deal.json");
    String json = Files.readString(deal2);
    int at = json.lastIndexOf("\"ciphertext\":\"") + 14;
    char ch = json.charAt(at);
    Files.writeString(
        deal2, json.substring(0, at) + (ch == '0' ? '1' : '0') + json.substring(at + 1));
    trustee(withKey("check", 1));
    trustee(withKey("check", 2));
    Run r3 = trustee(withKey("check", 3));
    assertThat(r3.code()).isZero();
    assertThat(r3.out())
        .contains("PROBLEM T5")
        .contains("trustee 2 (Boris)")
        .contains("urna trustee answer");
    Run early = ceremony("combine", "--dir", dir.toString());
    assertThat(early.out()).contains("DISQUALIFIED trustee 2 (Boris)").contains("not answered");
    Files.delete(dir.resolve("joint-key.json"));
    Run a = trustee(withKey("answer", 2));
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(a.out()).contains("trustee 3 (Chulpan) complained");
    Run c = ceremony("combine", "--dir", dir.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).doesNotContain("DISQUALIFIED").contains("[1, 2, 3]");
    Run f = trustee(withKey("finish", 3));
    assertThat(f.code()).as(f.err()).isZero();
  }

  @Test
  void wrongPassphraseTamperedFilesAndOversizedFieldsAreRefusedInWords(@TempDir Path tmp)
      throws Exception {
    setUp(tmp);
    initAndDeal();
    Files.writeString(pass(1), "not the passphrase at all\n");
    Run wrong = trustee(withKey("check", 1));
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err()).contains("passphrase is wrong");
    assertThat(dir.resolve("trustee-1.check.json")).doesNotExist();

    byte[] keyBytes = Files.readAllBytes(key(2));
    keyBytes[keyBytes.length / 2] ^= 4;
    Files.write(key(2), keyBytes);
    Run damaged = trustee(withKey("check", 2));
    assertThat(damaged.err()).contains("is damaged");

    Path deal3 = dir.resolve("trustee-3.deal.json");
    String json = Files.readString(deal3);
    Files.writeString(
        deal3, json.replaceFirst("\"ephemeral\":\"04", "\"ephemeral\":\"04" + "00".repeat(40)));
    Run big = trustee(withKey("check", 3));
    assertThat(big.code()).isEqualTo(1);
    assertThat(big.err()).contains("shares[0].ephemeral").contains("130 lowercase hex digits");

    Files.writeString(
        deal3, json.replaceFirst("\"ephemeral\":\"04", "\"ephemeral\":\"04" + "00".repeat(4000)));
    assertThat(trustee(withKey("check", 3)).err()).contains("exceeds the maximum");
    Files.writeString(deal3, json.replace("\"dealer\":3", "\"dealer\":3,\"extra\":1"));
    assertThat(trustee(withKey("check", 3)).err()).contains("'extra': is not a member");

    Run again = trustee(withKey("init", 3, "--trustee", "3"));
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("never overwritten");
  }
}
