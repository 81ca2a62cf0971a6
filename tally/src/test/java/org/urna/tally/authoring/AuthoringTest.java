package org.urna.tally.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ManifestJson;
import org.urna.core.election.TrustAnchor;
import org.urna.tally.JointKey;
import org.urna.tally.cli.CeremonyCommand;
import org.urna.tally.cli.ElectionCommand;
import org.urna.tally.cli.TrusteeCommand;
import org.urna.tally.files.CeremonyFolder;
import picocli.CommandLine;

/**
 * An official defines an election from a spreadsheet: every problem named by line, column and field
 * at once; then the key ceremony on its hash and the signed package a kiosk loads.
 */
class AuthoringTest {
  static String key(String label) {
    byte[] seed = Arrays.copyOf(label.getBytes(StandardCharsets.UTF_8), 32);
    return SigningKey.fromSeed(seed).publicKey().toHex();
  }

  static String csv() {
    return String.join(
            "\n",
            "record,id,in,field,value,ru,en,tt",
            "# the election",
            "election,city-2026,,title,,Выборы в городской совет,City council election,Шәһәр советы сайлавы",
            "election,,,opens,2027-09-19T05:00:00Z,,,",
            "election,,,closes,2027-09-19T17:00:00Z,,,",
            "contest,council,,type,candidate,,,",
            "contest,council,,title,,Городской совет,City council,Шәһәр советы",
            "contest,council,,votesAllowed,2,,,",
            "candidate,ann,council,name,,Анна Петрова,Anna Petrova,Анна Петрова",
            "candidate,ann,council,description,,\"инженер, 41 год\",\"engineer, 41\",\"инженер, 41 яшь\"",
            "candidate,bulat,council,name,,Булат Сафин,Bulat Safin,Булат Сафин",
            "candidate,dina,council,name,,Дина Ильина,Dina Ilyina,Дина Ильина",
            "",
            "contest,park,,type,referendum,,,",
            "contest,park,,title,,Парк,Park,Парк",
            "contest,park,,question,,Построить парк?,Build the park?,Парк төзергәме?",
            "contest,park,,yes,,Да,Yes,Әйе",
            "contest,park,,no,,Нет,No,Юк",
            "style,all,,name,,Все,All,Барысы",
            "style,all,,contests,council park,,,",
            "style,park-only,,name,,Только парк,Park only,Парк кына",
            "style,park-only,,contests,park,,,",
            "station,s1,,name,,Участок 1,Station 1,1 нче участок",
            "station,s1,,key," + key("s1") + ",,,",
            "station,s2,,name,,Участок 2,Station 2,2 нче участок",
            "station,s2,,key," + key("s2") + ",,,",
            "election,,,lookupPage,https://results.example.org/lookup,,,")
        + "\n";
  }

  @Test
  void aSpreadsheetBecomesTheManifestItDescribes() throws Exception {
    ManifestCsv.Result r = ManifestCsv.read(csv().getBytes(StandardCharsets.UTF_8));
    assertThat(r.problems()).isEmpty();
    ManifestJson.Checked c = ManifestJson.check(r.json().orElseThrow());
    assertThat(c.problems()).isEmpty();
    ElectionManifest m = c.manifest().orElseThrow();
    assertThat(m.electionId()).isEqualTo("city-2026");
    assertThat(m.languages()).containsExactly("ru", "en", "tt");
    assertThat(m.contests()).hasSize(2);
    CandidateContest council = (CandidateContest) m.contest("council").orElseThrow();
    assertThat(council.votesAllowed()).isEqualTo(2);
    assertThat(council.candidates())
        .extracting(CandidateContest.Candidate::id)
        .containsExactly("ann", "bulat", "dina");
    assertThat(council.candidates().getFirst().description().texts().get("en"))
        .isEqualTo("engineer, 41");
    assertThat(m.ballotStyles()).hasSize(2);
    assertThat(m.stations()).hasSize(2);
    // The same manifest written as JSON and read back is the same manifest.
    assertThat(ManifestJson.parse(ManifestJson.write(m))).isEqualTo(m);
  }

  @Test
  void everyProblemOfASpreadsheetIsListedWithItsLineColumnAndField(@TempDir Path tmp)
      throws Exception {
    String bad =
        csv()
            .replace("Городской совет,City council,Шәһәр советы", "Городской совет,City council,")
            .replace("votesAllowed,2,", "votesAllowed,7,")
            .replace("station,s2,,key," + key("s2"), "station,s2,,key,12ab");
    Path file = tmp.resolve("election.csv");
    Files.writeString(file, bad);
    Run run = run(new ElectionCommand(), "check", file.toString());
    assertThat(run.code).isEqualTo(ElectionCommand.PROBLEMS);
    // contest and station problems come together, each at its line
    assertThat(run.err)
        .contains("2 problems; nothing was written")
        .contains("line 8: contests[0].votesAllowed: must be between 1 and 3")
        .contains("line 26: stations[1].key: must be an Ed25519 public key");
    // once those are fixed, the manifest-wide rule names the missing Tatar text and its column
    Files.writeString(
        file,
        csv()
            .replace("Городской совет,City council,Шәһәр советы", "Городской совет,City council,"));
    Run again = run(new ElectionCommand(), "check", file.toString());
    assertThat(again.code).isEqualTo(ElectionCommand.PROBLEMS);
    assertThat(again.err).contains("line 7, column tt: contests[0].title: has no text in 'tt'");
  }

  @Test
  void aBrokenSpreadsheetStructureIsNamedRowByRow() {
    String bad =
        csv()
            + "contestt,x,,title,,a,b,c\n"
            + "candidate,zoe,mayor,name,,Зоя,Zoe,Зоя\n"
            + "contest,park,,colour,,a,b,c\n"
            + "contest,park,,yes,Да,,,\n"
            + "contest,park,,title,,Парк,Park,Парк\n";
    ManifestCsv.Result r = ManifestCsv.read(bad.getBytes(StandardCharsets.UTF_8));
    assertThat(r.json()).isEmpty();
    assertThat(r.problems())
        .extracting(ManifestCsv.Problem::toString)
        .containsExactly(
            "line 28, column record: 'contestt' is not a record: say election, contest,"
                + " candidate, style or station",
            "line 29, column in: 'mayor' is not a contest defined above: a candidate's 'in'"
                + " names its contest",
            "line 30, column field: a contest has no field 'colour'; it has no, question,"
                + " title, type, votesAllowed, yes",
            "line 31, column value: 'yes' is a text per language: put it in the language columns",
            "line 32, column field: contests[1].title: is already set on line 15");
  }

  @Test
  void notUtf8AndAWrongHeaderAreRefusedInWords() {
    byte[] latin1 =
        "record,id,in,field,value,ru\nelection,x,,title,,\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(ManifestCsv.read(latin1).problems())
        .extracting(ManifestCsv.Problem::toString)
        .containsExactly("the file is not UTF-8: save the spreadsheet as \"CSV UTF-8\"");
    assertThat(
            ManifestCsv.read("id,name\n".getBytes(StandardCharsets.UTF_8))
                .problems()
                .getFirst()
                .toString())
        .startsWith("line 1: the header row must be record,id,in,field,value");
  }

  @Test
  void aJsonManifestListsEveryBadContestAndStationAtOnce() {
    String json =
        new String(
            ManifestJson.write(
                ManifestJson.check(
                        ManifestCsv.read(csv().getBytes(StandardCharsets.UTF_8))
                            .json()
                            .orElseThrow())
                    .manifest()
                    .orElseThrow()),
            StandardCharsets.UTF_8);
    String bad =
        json.replace("\"votesAllowed\" : 2", "\"votesAllowed\" : 0").replace(key("s1"), "zz");
    ManifestJson.Checked c = ManifestJson.check(bad.getBytes(StandardCharsets.UTF_8));
    assertThat(c.manifest()).isEmpty();
    assertThat(c.problems())
        .extracting(p -> p.field())
        .containsExactly("contests[0].votesAllowed", "stations[0].key");
  }

  @Test
  void fromSpreadsheetToCeremonyToASignedPackageAKioskLoads(@TempDir Path tmp) throws Exception {
    Path csvFile = tmp.resolve("election.csv");
    Files.writeString(csvFile, csv());
    Path json = tmp.resolve("manifest.json");
    Run check =
        run(new ElectionCommand(), "check", csvFile.toString(), "--json-out", json.toString());
    assertThat(check.code).as(check.err).isZero();
    assertThat(check.out).contains("Election 'city-2026': 2 contests, 2 ballot styles, 2 stations");

    // The key ceremony on the manifest's election hash (3 trustees, k = 2).
    Path ceremony = tmp.resolve("ceremony");
    Run n =
        run(
            new CeremonyCommand(),
            "new",
            "--dir",
            ceremony.toString(),
            "--threshold",
            "2",
            "--trustee",
            "Ana",
            "--trustee",
            "Boris",
            "--trustee",
            "Chulpan",
            "--manifest",
            json.toString());
    assertThat(n.code).as(n.err).isZero();
    for (String step : List.of("init", "deal", "check", "finish")) {
      if (step.equals("finish")) {
        Run c = run(new CeremonyCommand(), "combine", "--dir", ceremony.toString());
        assertThat(c.code).as(c.err).isZero();
      }
      for (int i = 1; i <= 3; i++) {
        Path pass = tmp.resolve("pass-" + i);
        Files.writeString(pass, "passphrase of trustee " + i + "\n");
        List<String> a =
            new ArrayList<>(
                List.of(
                    step,
                    "--dir",
                    ceremony.toString(),
                    "--key",
                    tmp.resolve("t" + i + ".key").toString(),
                    "--passphrase-file",
                    pass.toString()));
        if (step.equals("init")) {
          a.addAll(
              List.of("--trustee", "" + i, "--argon2-memory-mib", "8", "--argon2-iterations", "1"));
        }
        Run r = run(new TrusteeCommand(), a.toArray(new String[0]));
        assertThat(r.code).as(step + " " + i + ": " + r.err).isZero();
      }
    }
    JointKey joint = new CeremonyFolder(ceremony).jointKey();

    // The authority, then the package.
    Path authority = tmp.resolve("authority");
    Path pass = tmp.resolve("authority-pass");
    Files.writeString(pass, "the authority's long passphrase\n");
    Run init =
        run(
            new ElectionCommand.Authority(),
            "init",
            "--out",
            authority.toString(),
            "--name",
            "City Election Commission",
            "--signing-until",
            "2031-01-01T00:00:00Z",
            "--passphrase-file",
            pass.toString(),
            "--quick-kdf");
    assertThat(init.code).as(init.err).isZero();
    assertThat(Files.readString(authority.resolve(AuthorityFolder.SIGNING_KEY)))
        .startsWith(AuthorityFolder.MAGIC)
        .doesNotContain(key("s1"));

    Path out = tmp.resolve("package");
    Run create =
        run(
            new ElectionCommand(),
            "create",
            "--manifest",
            csvFile.toString(),
            "--ceremony",
            ceremony.toString(),
            "--authority",
            authority.toString(),
            "--out",
            out.toString(),
            "--passphrase-file",
            pass.toString());
    assertThat(create.code).as(create.err).isZero();
    TrustAnchor anchor =
        TrustAnchor.fromHex(Files.readString(out.resolve(AuthorityFolder.TRUST_ANCHOR)).strip());
    assertThat(anchor).isEqualTo(new AuthorityFolder(authority).trustAnchor());
    ElectionPackage pkg =
        ElectionPackage.load(
            Files.readAllBytes(out.resolve("election-package.json")),
            anchor,
            java.time.Instant.parse("2027-09-19T06:00:00Z"));
    assertThat(pkg.manifest().electionId()).isEqualTo("city-2026");
    assertThat(pkg.electionKey()).isEqualTo(joint.electionKey());
    assertThat(pkg.extendedHash()).isEqualTo(joint.extendedHash());
    assertThat(pkg.station()).isEmpty();
    assertThat(pkg.manifest().lookupPageUri())
        .contains(java.net.URI.create("https://results.example.org/lookup"));
    // One package per station, signed for it, of the same election.
    for (String id : List.of("s1", "s2")) {
      ElectionPackage own =
          ElectionPackage.load(
              Files.readAllBytes(
                  out.resolve("stations").resolve(id).resolve("election-package.json")),
              anchor,
              java.time.Instant.parse("2027-09-19T06:00:00Z"));
      assertThat(own.station()).contains(id);
      assertThat(own.extendedHash()).isEqualTo(pkg.extendedHash());
    }
    try (var files = Files.list(out.resolve("stations"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("s1", "s2");
    }

    // Refusals, each in words, nothing written: wrong passphrase; a manifest changed after the
    // ceremony; a second authority over the first.
    Path wrong = tmp.resolve("wrong-pass");
    Files.writeString(wrong, "not the authority's passphrase\n");
    Path out2 = tmp.resolve("package2");
    Run badPass =
        run(
            new ElectionCommand(),
            "create",
            "--manifest",
            csvFile.toString(),
            "--ceremony",
            ceremony.toString(),
            "--authority",
            authority.toString(),
            "--out",
            out2.toString(),
            "--passphrase-file",
            wrong.toString());
    assertThat(badPass.code).isEqualTo(ElectionCommand.REFUSED);
    assertThat(badPass.err).contains("wrong passphrase");
    Path changed = tmp.resolve("changed.csv");
    Files.writeString(changed, csv().replace("Build the park?", "Build the stadium?"));
    Run other =
        run(
            new ElectionCommand(),
            "create",
            "--manifest",
            changed.toString(),
            "--ceremony",
            ceremony.toString(),
            "--authority",
            authority.toString(),
            "--out",
            out2.toString(),
            "--passphrase-file",
            pass.toString());
    assertThat(other.code).isEqualTo(ElectionCommand.REFUSED);
    assertThat(other.err).contains("was held for another election");
    assertThat(out2).doesNotExist();
    Run again =
        run(
            new ElectionCommand.Authority(),
            "init",
            "--out",
            authority.toString(),
            "--name",
            "X",
            "--signing-until",
            "2031-01-01T00:00:00Z",
            "--passphrase-file",
            pass.toString(),
            "--quick-kdf");
    assertThat(again.code).isEqualTo(ElectionCommand.REFUSED);
    assertThat(again.err).contains("already holds an authority");
  }

  @Test
  void aChangedAuthorityKeyFileIsRefused(@TempDir Path tmp) throws Exception {
    AuthorityFolder f = new AuthorityFolder(tmp.resolve("a"));
    char[] p = "a passphrase long enough".toCharArray();
    f.create(
        "A",
        java.time.Instant.parse("2026-01-01T00:00:00Z"),
        java.time.Instant.parse("2030-01-01T00:00:00Z"),
        20,
        p,
        org.urna.tally.TrusteeKeyFile.Argon2.MINIMUM);
    assertThat(f.credentials(p).signingKey().publicKey()).isNotNull();
    Path k = tmp.resolve("a").resolve(AuthorityFolder.SIGNING_KEY);
    String text = Files.readString(k);
    int at = text.length() - 10;
    char c = text.charAt(at);
    Files.writeString(k, text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.credentials(p))
        .hasMessageContaining("was changed");
  }

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
}
