package org.urna.ledger.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.TestNetwork;
import org.urna.ledger.replication.Verdict;

/**
 * The ledger checked by code nobody on the project wrote: Go's {@code golang.org/x/mod/sumdb/note}
 * and {@code sumdb/tlog} (Debian's golang-golang-x-mod-dev) and {@code crypto/ed25519}, driven by
 * {@code ledger/src/test/go/tlogcheck/main.go} against a real 3-validator network: the checkpoint's
 * log signature, the cosignatures and their key IDs, the tiles up to the root, every entry, and
 * every ballot's inclusion proof. Then copies with one thing changed must fail, each at its check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoTlogCheckTest {
  static final int BALLOTS = 300; // more than one full tile of 256, so partial and full tiles
  Path dir;
  Path checker;
  Path mirror;
  TestNetwork net;
  String url;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("go-tlog-check");
    checker = buildChecker(dir);
    net = new TestNetwork(dir.resolve("network"), 3, 10_000);
    url = net.peers.get(1).httpUrl();
    LedgerClient client = new LedgerClient(URI.create(url));
    Stations stations = new Stations();
    List<RecordedBallot> ballots = new ArrayList<>(stations.next("s1", BALLOTS / 2));
    ballots.addAll(stations.next("s2", BALLOTS / 2));
    assertThat(client.submit(Stations.bytes(ballots))).allMatch(v -> v instanceof Verdict.Accepted);
    waitFor(
        () -> {
          try {
            return client
                .checkpoint()
                .map(n -> Checkpoint.parse(n.text()).size() == BALLOTS)
                .orElse(false);
          } catch (Exception e) {
            return false;
          }
        },
        "a cosigned checkpoint of every ballot");
    mirror = dir.resolve("mirror");
    Run live = run("-url", url, "-mirror", mirror.toString());
    assertThat(live.exit).as(live.output).isZero();
  }

  @AfterAll
  void stop() throws Exception {
    if (net != null) {
      net.close();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void theLiveLedgerPassesEveryThirdPartyCheck() throws Exception {
    Run again = run("-dir", mirror.toString());
    assertThat(again.exit).as(again.output).isZero();
    assertThat(again.output)
        .contains("ok   policy      3 log keys, 3 witnesses, quorum 2")
        .contains("ok   checkpoint  " + TestNetwork.ORIGIN + " size " + BALLOTS)
        .contains("ok   cosignature")
        .contains("ok   tiles")
        .contains("all " + BALLOTS + " entries hash to the tree's leaves")
        .contains(BALLOTS + " tlog-proof files check")
        .contains("verified " + BALLOTS + " entries");
  }

  /**
   * The checker's -record mode on the ledger part of the election record test vector (tally's
   * record-small: 12 entries, checkpoints 4, 8 and 12): Go's sumdb/note, crypto/ed25519 and
   * sumdb/tlog accept what Urna's record writer wrote, and refuse it with one entry byte changed.
   */
  @Test
  void theRecordVectorsLedgerPartPassesGosChecks() throws Exception {
    Path vector =
        Path.of("../tally/src/test/resources/vectors/record-small/record/ledger")
            .toAbsolutePath()
            .normalize();
    Run r = run("-record", vector.toString());
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output)
        .contains("ok   checkpoint  3 checkpoints signed by a log key, the largest of size 12")
        .contains("ok   entries     all 12 entries hash to the root of each of the 3 checkpoints")
        .contains("ok   proofs      12 inclusion proofs check against checkpoint 12");
    Path copy = dir.resolve("record-copy");
    try (Stream<Path> s = Files.walk(vector)) {
      for (Path p : s.toList()) {
        Path target = copy.resolve(vector.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    flipByte(copy.resolve("tile/entries/000.p/12"), 100);
    Run changed = run("-record", copy.toString());
    assertThat(changed.exit).as(changed.output).isEqualTo(1);
    assertThat(changed.output).contains("FAIL entries");
  }

  @Test
  void aChangedEntryFailsTheEntryCheck() throws Exception {
    Path copy = copyOfMirror("entry");
    flipByte(copy.resolve("tile/entries/001.p/44"), 100);
    assertFailsAt(copy, "entries");
  }

  @Test
  void aChangedHashTileFailsTheTileCheck() throws Exception {
    // the partial level-0 tile is part of the root's computation: the tree hash no longer matches
    Path copy = copyOfMirror("tile");
    flipByte(copy.resolve("tile/0/001.p/44"), 5);
    assertFailsAt(copy, "tiles");
    // the full level-0 tile enters the root only through its level-1 hash: the leaves it gives
    // then no longer match the entries, so the copy still fails
    Path full = copyOfMirror("full-tile");
    flipByte(full.resolve("tile/0/000"), 5);
    assertThat(run("-dir", full.toString()).exit).isEqualTo(1);
  }

  @Test
  void aChangedCosignatureFailsTheCosignatureCheck() throws Exception {
    Path copy = copyOfMirror("cosig");
    Path cp = copy.resolve("checkpoint");
    List<String> lines = new ArrayList<>(Files.readAllLines(cp, StandardCharsets.UTF_8));
    // the cosignature lines follow the log signature; change the signature bytes of the first
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("— ")
          && Base64.getDecoder()
                  .decode(lines.get(i).substring(lines.get(i).lastIndexOf(' ') + 1))
                  .length
              == 76) {
        at = i;
        break;
      }
    }
    assertThat(at).as("a cosignature line in\n" + String.join("\n", lines)).isPositive();
    String line = lines.get(at);
    int sp = line.lastIndexOf(' ');
    byte[] sig = Base64.getDecoder().decode(line.substring(sp + 1));
    sig[40] ^= 1;
    lines.set(at, line.substring(0, sp + 1) + Base64.getEncoder().encodeToString(sig));
    Files.writeString(cp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    assertFailsAt(copy, "cosignature");
  }

  @Test
  void aCheckpointWithAnotherRootFailsItsLogSignature() throws Exception {
    Path copy = copyOfMirror("root");
    Path cp = copy.resolve("checkpoint");
    String text = Files.readString(cp, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    byte[] root = Base64.getDecoder().decode(lines[2]);
    root[0] ^= 1;
    lines[2] = Base64.getEncoder().encodeToString(root);
    Files.writeString(cp, String.join("\n", lines), StandardCharsets.UTF_8);
    assertFailsAt(copy, "checkpoint");
  }

  @Test
  void aChangedInclusionProofFailsTheProofCheck() throws Exception {
    Path copy = copyOfMirror("proof");
    Path proof;
    try (Stream<Path> s = Files.list(copy.resolve("v1/proof/ballot"))) {
      proof = s.sorted().findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(proof, StandardCharsets.UTF_8));
    int hashLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("index ")) {
        hashLine = i + 1;
        break;
      }
    }
    byte[] h = Base64.getDecoder().decode(lines.get(hashLine));
    h[0] ^= 1;
    lines.set(hashLine, Base64.getEncoder().encodeToString(h));
    Files.writeString(proof, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    assertFailsAt(copy, "proofs");
  }

  @Test
  void aPolicyWhoseKeyIdDoesNotMatchItsKeyIsRefused() throws Exception {
    Path copy = copyOfMirror("keyid");
    Path policy = copy.resolve("policy");
    String text = Files.readString(policy, StandardCharsets.UTF_8);
    // the first witness vkey: name+<8 hex>+base64; change one hex digit of its key ID
    int w = text.indexOf("witness ");
    int plus = text.indexOf('+', w);
    char c = text.charAt(plus + 1);
    String changed =
        text.substring(0, plus + 1) + (c == '0' ? '1' : '0') + text.substring(plus + 2);
    Files.writeString(policy, changed, StandardCharsets.UTF_8);
    assertFailsAt(copy, "policy");
  }

  void assertFailsAt(Path folder, String step) throws Exception {
    Run r = run("-dir", folder.toString());
    assertThat(r.exit).as(r.output).isEqualTo(1);
    assertThat(r.output).as(r.output).containsPattern("FAIL " + step + " ");
  }

  Path copyOfMirror(String name) throws IOException {
    Path copy = dir.resolve("copy-" + name);
    try (Stream<Path> s = Files.walk(mirror)) {
      for (Path p : s.toList()) {
        Path target = copy.resolve(mirror.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return copy;
  }

  static void flipByte(Path file, int at) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[at] ^= 1;
    Files.write(file, b);
  }

  record Run(int exit, String output) {}

  Run run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(checker.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Builds the Go checker with Debian's Go and x/mod in GOPATH mode (nothing downloads). */
  static Path buildChecker(Path dir) throws Exception {
    Path source = Path.of("src/test/go/tlogcheck").toAbsolutePath();
    Path binary = dir.resolve("tlogcheck");
    ProcessBuilder pb =
        new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
            .directory(source.toFile())
            .redirectErrorStream(true);
    pb.environment().put("GO111MODULE", "off");
    pb.environment().put("GOPATH", "/usr/share/gocode");
    pb.environment().put("GOCACHE", dir.resolve("gocache").toString());
    pb.environment().put("GOFLAGS", "");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "Go is not installed: ./test.sh installs golang-go and golang-golang-x-mod-dev", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("go build:\n" + out).isZero();
    return binary;
  }
}
