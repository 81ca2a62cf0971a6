package org.urna.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.cli.e2e.ElectionEndToEndTest.ok;
import static org.urna.cli.e2e.ElectionEndToEndTest.urna;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.TrustAnchor;
import org.urna.core.role.Role;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.ledger.replication.ElectionRules;
import org.urna.sync.StationEventOutbox;

/**
 * {@code urna verify-ledger} following a real 3-validator ledger (Ratis, in this JVM): ballots and
 * station events synced in three waves, one {@code --once} round after each, every round resuming
 * from the state folder and verifying only the new entries; its totals equal {@code urna
 * tally-ledger}'s from a full download. Then the refusals: a validator changing an entry bundle
 * (named, the next one asked), a second network with the same validators' keys (a fork at the
 * verified size, a rewritten past at a larger one: alarms naming the cosigners), a damaged state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerFollowTest {
  static final String S1 = "uik-1701";
  static final String S2 = "uik-1702";
  static final Pattern LINE =
      Pattern.compile(
          "checkpoint (\\d+): (\\d+) new entries \\((\\d+) ballots, (\\d+) events\\) verified in");

  Path dir;
  Path election;
  Path policy;
  Path password;
  String anchor;
  ElectionPackage pkg;
  ThreeValidators ledger;
  ThreeValidators fork;
  Path state;
  Path stateAfterFirst; // a copy of the state after the first round
  long firstSize;
  final Map<String, Long> eventsSent = new HashMap<>();

  @BeforeAll
  void anElectionAndItsLedger() throws Exception {
    dir = Files.createTempDirectory("urna-follow");
    election = dir.resolve("election");
    ok("sample-election", "--out", election.toString());
    anchor = Files.readString(election.resolve("trust-anchor.sha256")).strip();
    pkg =
        ElectionPackage.load(
            Files.readAllBytes(election.resolve("election-package.json")),
            TrustAnchor.fromHex(anchor),
            Instant.now());
    ledger = new ThreeValidators(dir.resolve("ledger"), ElectionRules.of(pkg));
    policy = dir.resolve("ledger.policy");
    Files.writeString(policy, ledger.policy.format());
    password = dir.resolve("box-password");
    Files.writeString(password, "correct-horse-battery-staple\n");
    state = dir.resolve("follow");
  }

  @AfterAll
  void stop() throws IOException {
    if (ledger != null) {
      ledger.close();
    }
    if (fork != null) {
      fork.close();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  SigningKey stationKey(String station) throws IOException {
    return SigningKey.fromSeed(
        HexFormat.of()
            .parseHex(
                Files.readString(election.resolve("demo-station-" + station + ".hex")).strip()));
  }

  Path box(ThreeValidators to, String station) {
    return dir.resolve((to == ledger ? "box-" : "fork-box-") + station);
  }

  /** Queues a signed lifecycle event into the station's box (as the kiosk does). */
  void event(ThreeValidators to, String station, Kind kind) throws IOException {
    ElectionKey key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
    try (BallotBox b =
        BallotBox.open(
            box(to, station),
            "correct-horse-battery-staple".toCharArray(),
            pkg.manifest(),
            key,
            station,
            stationKey(station))) {
      long ballots = b.counts().cast() + b.counts().challenged();
      TrackingCode head = b.lastTrackingCode();
      long seq = eventsSent.merge(to.urls() + station, 1L, Long::sum);
      StationEventOutbox.queue(
          b,
          Role.POLL_WORKER,
          StationLifecycleEvent.sign(
              stationKey(station),
              pkg.extendedHash(),
              station,
              seq,
              kind,
              Instant.now().getEpochSecond(),
              ballots,
              head,
              kind.carriesReport()
                  ? Optional.of(sha256("the " + kind.words() + " report of " + station))
                  : Optional.empty()));
    }
  }

  /** Casts {@code count} ballots at the station and syncs its box to the ledger {@code to}. */
  void castAndSync(ThreeValidators to, String station, int count) throws Exception {
    List<String> box =
        List.of(
            "--box",
            box(to, station).toString(),
            "--password-file",
            password.toString(),
            "--station",
            station);
    if (count > 0) {
      ok(
          Stream.concat(
                  Stream.of("cast", "--election", election.toString()),
                  Stream.concat(
                      box.stream(), Stream.of("--count", "" + count, "--challenge-every", "4")))
              .toArray(String[]::new));
    }
    sync(to, station, box);
  }

  void sync(ThreeValidators to, String station, List<String> box) {
    ok(
        Stream.concat(
                Stream.of("sync", "--election", election.toString()),
                Stream.concat(
                    box.stream(),
                    Stream.of(
                        "--ledger", to.urls(), "--policy", policy.toString(), "--timeout", "120")))
            .toArray(String[]::new));
  }

  /** Waits (bounded) until the ledger's cosigned checkpoint holds {@code size} entries. */
  static void awaitSize(ThreeValidators to, long size) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 60_000_000_000L;
    long seen = -1;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(to.endpoints().getFirst() + "/checkpoint")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        seen = Long.parseLong(r.body().split("\n")[1]);
        if (seen >= size) {
          assertThat(seen).as("checkpoint size").isEqualTo(size);
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the ledger's checkpoint stays at " + seen + ", not " + size);
  }

  ElectionEndToEndTest.Run follow(Path stateDir, String ledgerUrls) {
    return urna(verifyLedger(stateDir, ledgerUrls, "--once"));
  }

  /** verify-ledger's arguments against this election, on two threads, then {@code mode}. */
  String[] verifyLedger(Path stateDir, String ledgerUrls, String... mode) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify-ledger",
                "--ledger",
                ledgerUrls,
                "--policy",
                policy.toString(),
                "--package",
                election.resolve("election-package.json").toString(),
                "--trust",
                anchor,
                "--state",
                stateDir.toString(),
                "--threads",
                "2"));
    args.addAll(List.of(mode));
    return args.toArray(String[]::new);
  }

  /** The numbers of the round's line: size, new entries, new ballots, new events. */
  static long[] round(ElectionEndToEndTest.Run r) {
    assertThat(r.code()).as(r.out() + "\n" + r.err()).isZero();
    Matcher m = LINE.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return new long[] {
      Long.parseLong(m.group(1)),
      Long.parseLong(m.group(2)),
      Long.parseLong(m.group(3)),
      Long.parseLong(m.group(4))
    };
  }

  @Test
  @Order(1)
  void threeWavesEachVerifiedOnlyForWhatIsNewAndTheTotalsAreTallyLedgers() throws Exception {
    // Wave 1: station 1 loads the election, opens its polls, 20 ballots; station 2 12 ballots.
    event(ledger, S1, Kind.ELECTION_LOADED);
    event(ledger, S1, Kind.POLLS_OPENED);
    castAndSync(ledger, S1, 20);
    castAndSync(ledger, S2, 12);
    awaitSize(ledger, 34);
    long[] r1 = round(follow(state, ledger.urls()));
    assertThat(r1).containsExactly(34, 34, 32, 2);
    firstSize = r1[0];
    stateAfterFirst = dir.resolve("follow-after-first");
    copy(state, stateAfterFirst);

    // Nothing new: a round that verifies nothing and changes nothing.
    byte[] before = Files.readAllBytes(state.resolve("follow-state.json"));
    ElectionEndToEndTest.Run idle = follow(state, ledger.urls());
    assertThat(idle.out()).contains("Resuming after the checkpoint of size 34");
    assertThat(round(idle)).containsExactly(34, 0, 0, 0);
    assertThat(Files.readAllBytes(state.resolve("follow-state.json"))).isEqualTo(before);

    // Wave 2: more ballots at both stations.
    castAndSync(ledger, S1, 15);
    castAndSync(ledger, S2, 9);
    awaitSize(ledger, 58);
    ElectionEndToEndTest.Run second = follow(state, ledger.urls());
    assertThat(second.out()).contains("Resuming after the checkpoint of size 34");
    assertThat(round(second)).containsExactly(58, 24, 24, 0);

    // Wave 3: station 1's last ballots and its closing; station 2's last ballots.
    castAndSync(ledger, S1, 7);
    event(ledger, S1, Kind.POLLS_CLOSED);
    sync(ledger, S1, boxArgs(ledger, S1));
    castAndSync(ledger, S2, 5);
    awaitSize(ledger, 71);
    ElectionEndToEndTest.Run third = follow(state, ledger.urls());
    assertThat(round(third)).containsExactly(71, 13, 12, 1);
    assertThat(third.out()).contains(S1 + " 42, " + S2 + " 26");

    // The running totals are what tally-ledger makes from a full download of the same ledger.
    Path downloaded = dir.resolve("downloaded");
    ok(
        "ledger-download",
        "--ledger",
        ledger.urls(),
        "--policy",
        policy.toString(),
        "--out",
        downloaded.toString());
    Path totals = dir.resolve("tally/encrypted-totals.json");
    ElectionEndToEndTest.Run t =
        ok(
            "tally-ledger",
            "--ledger",
            downloaded.toString(),
            "--policy",
            policy.toString(),
            "--package",
            election.resolve("election-package.json").toString(),
            "--trust",
            anchor,
            "--out",
            totals.toString());
    Matcher cast = Pattern.compile("(\\d+) cast ballots added").matcher(t.out());
    assertThat(cast.find()).isTrue();
    assertThat(third.out()).contains(cast.group(1) + " cast in the totals");
    assertThat(Files.readAllBytes(state.resolve("encrypted-totals.json")))
        .isEqualTo(Files.readAllBytes(totals));
  }

  List<String> boxArgs(ThreeValidators to, String station) {
    return List.of(
        "--box",
        box(to, station).toString(),
        "--password-file",
        password.toString(),
        "--station",
        station);
  }

  @Test
  @Order(2)
  void aValidatorThatChangesAnEntryBundleIsNamedAndTheNextOneAsked() throws Exception {
    Path resumed = dir.resolve("follow-tamper");
    copy(stateAfterFirst, resumed);
    try (TamperingValidator liar =
        new TamperingValidator(ledger.endpoints().getFirst(), "/tile/entries/")) {
      String urls = liar.uri() + "," + ledger.urls();
      ElectionEndToEndTest.Run r = follow(resumed, urls);
      assertThat(round(r)).containsExactly(71, 37, 36, 1);
      assertThat(r.out())
          .contains(liar.uri() + ": entry 0 of tile/entries/000.p/71 does not hash to its leaf")
          .contains("asking the next validator");
      assertThat(Files.readAllBytes(resumed.resolve("encrypted-totals.json")))
          .isEqualTo(Files.readAllBytes(state.resolve("encrypted-totals.json")));

      // Asked alone, the liar is refused: the state stays where it was.
      Path alone = dir.resolve("follow-liar-alone");
      copy(stateAfterFirst, alone);
      byte[] before = Files.readAllBytes(alone.resolve("follow-state.json"));
      ElectionEndToEndTest.Run refused = follow(alone, liar.uri().toString());
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err())
          .contains("No validator serves tile/entries/000.p/71")
          .contains(liar.uri() + ": entry 0");
      assertThat(Files.readAllBytes(alone.resolve("follow-state.json"))).isEqualTo(before);
    }
  }

  @Test
  @Order(3)
  void aForkAndARewrittenPastAreAlarmsNamingTheirCosigners() throws Exception {
    // A second network with the same validators' keys: the policy trusts its checkpoints too.
    fork = new ThreeValidators(dir.resolve("fork"), ElectionRules.of(pkg), ledger);
    castAndSync(fork, S1, (int) firstSize); // as many entries as the first round verified
    awaitSize(fork, firstSize);
    Path forked = dir.resolve("follow-fork");
    copy(stateAfterFirst, forked);
    byte[] before = Files.readAllBytes(forked.resolve("follow-state.json"));
    ElectionEndToEndTest.Run sameSize = follow(forked, fork.urls());
    assertThat(sameSize.code()).isEqualTo(1);
    assertThat(sameSize.err())
        .contains("ALARM: the ledger forked")
        .contains("checkpoint of size " + firstSize)
        .containsPattern("cosigned by v\\d\\.validators\\.urna\\.test, v\\d\\.validators");

    castAndSync(fork, S2, 6);
    awaitSize(fork, firstSize + 6);
    ElectionEndToEndTest.Run larger = follow(forked, fork.urls());
    assertThat(larger.code()).isEqualTo(1);
    assertThat(larger.err())
        .contains("ALARM: the ledger's past was rewritten")
        .contains("The checkpoint of size " + (firstSize + 6))
        .contains("does not extend the checkpoint of size " + firstSize)
        .containsPattern("cosigned by v\\d\\.validators\\.urna\\.test, v\\d\\.validators");
    assertThat(Files.readAllBytes(forked.resolve("follow-state.json"))).isEqualTo(before);

    // The real ledger and the fork together: two quorum-cosigned histories, refused all the same.
    ElectionEndToEndTest.Run both = follow(forked, ledger.urls() + "," + fork.urls());
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).contains("ALARM");
  }

  @Test
  @Order(4)
  void aDamagedStateIsRefusedInWordsAndLeftAsItWas() throws Exception {
    Path damaged = dir.resolve("follow-damaged");
    copy(state, damaged);
    Path file = damaged.resolve("follow-state.json");
    String text = Files.readString(file);
    String changed = text.replaceFirst("\"cast\" : (\\d+)", "\"cast\" : 1$1");
    assertThat(changed).isNotEqualTo(text);
    Files.writeString(file, changed);
    ElectionEndToEndTest.Run r = follow(damaged, ledger.urls());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("is damaged and is not trusted")
        .contains("do not hash to its sha256 line");
    assertThat(Files.readString(file)).isEqualTo(changed);

    // A state whose sha256 line was made again but whose subtree hashes are not its tree's.
    Matcher m = Pattern.compile("\"frontier\" : \\[ \"(.)").matcher(text);
    assertThat(m.find()).isTrue();
    String other = m.group(1).equals("A") ? "B" : "A";
    String body = text.substring(0, text.lastIndexOf("sha256 "));
    body = body.substring(0, m.start(1)) + other + body.substring(m.end(1));
    String resummed =
        body
            + "sha256 "
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(body.getBytes(StandardCharsets.UTF_8)))
            + "\n";
    Files.writeString(file, resummed);
    ElectionEndToEndTest.Run deep = follow(damaged, ledger.urls());
    assertThat(deep.code()).isEqualTo(1);
    assertThat(deep.err())
        .contains("is damaged and is not trusted")
        .contains("do not hash to its checkpoint's root");

    // No validator answers: exit 3 (try again later), the state untouched.
    Path untouched = dir.resolve("follow-unreachable");
    copy(state, untouched);
    byte[] kept = Files.readAllBytes(untouched.resolve("follow-state.json"));
    ElectionEndToEndTest.Run none = follow(untouched, "http://127.0.0.1:" + closedPort());
    assertThat(none.code()).as(none.err()).isEqualTo(3);
    assertThat(none.err()).contains("No validator serves a checkpoint cosigned by a quorum");
    assertThat(Files.readAllBytes(untouched.resolve("follow-state.json"))).isEqualTo(kept);

    // A state file that is not one at all.
    Files.writeString(file, "{ not a state");
    assertThat(follow(damaged, ledger.urls()).err()).contains("its closing sha256 line is missing");
  }

  /**
   * A ballot whose proof fails, signed by its station (a station key holder could send it; the
   * validators take it at ingest and their proof audit flags it later): the next round stops at it,
   * naming its entry and the step, and the state stays at the checkpoint before.
   */
  /**
   * Without {@code --once}: a round every second until interrupted. It catches up with the whole
   * ledger from a new state folder, then takes a wave synced while it runs, on its own.
   */
  @Test
  @Order(5)
  void withoutOnceItPollsAndTakesNewWavesUntilInterrupted() throws Exception {
    Path polled = dir.resolve("follow-polled");
    java.io.StringWriter out = new java.io.StringWriter();
    int[] code = {-1};
    Thread follower =
        new Thread(
            () ->
                code[0] =
                    org.urna.cli.Urna.commandLine()
                        .setOut(new java.io.PrintWriter(out, true))
                        .setErr(new java.io.PrintWriter(out, true))
                        .execute(verifyLedger(polled, ledger.urls(), "--every", "1")));
    follower.start();
    try {
      awaitState(polled, 71);
      castAndSync(ledger, S2, 3);
      awaitSize(ledger, 74);
      awaitState(polled, 74);
    } finally {
      follower.interrupt();
      follower.join(60_000);
    }
    assertThat(follower.isAlive()).isFalse();
    assertThat(code[0]).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("checkpoint 71: 71 new entries (68 ballots, 3 events)")
        .contains("checkpoint 74: ");
    // and the one-round folder comes to the same totals
    assertThat(round(follow(state, ledger.urls()))).containsExactly(74, 3, 3, 0);
    assertThat(Files.readAllBytes(polled.resolve("encrypted-totals.json")))
        .isEqualTo(Files.readAllBytes(state.resolve("encrypted-totals.json")));
  }

  /** Waits (bounded) until the state folder's file says it verified {@code size} entries. */
  static void awaitState(Path folder, long size) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    Path file = folder.resolve("follow-state.json");
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains("\"size\" : " + size + ",")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(folder + " did not reach " + size + " entries");
  }

  @Test
  @Order(6)
  void aBallotWhoseProofFailsStopsTheRoundNamingItsEntry() throws Exception {
    ElectionKey key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
    org.urna.core.election.ElectionManifest m = pkg.manifest();
    java.security.SecureRandom rnd = new java.security.SecureRandom();
    org.urna.core.ballot.PlaintextBallot p;
    do {
      p = ElectionEndToEndTest.choose(m, new java.util.Random(rnd.nextLong()));
    } while (m.contestsOf(m.ballotStyle(p.ballotStyleId()).orElseThrow()).stream()
        .noneMatch(c -> c.selectionIds().size() >= 2));
    org.urna.core.ballot.EncryptedBallot e =
        new org.urna.core.ballot.BallotEncryptor(m, key)
            .encrypt(
                p,
                org.urna.core.ballot.BallotId.random(rnd),
                S2,
                Instant.now().getEpochSecond() / 3600,
                org.urna.core.ballot.NonceSeed.random(rnd));
    List<org.urna.core.ballot.EncryptedContest> contests = new java.util.ArrayList<>();
    boolean swapped = false;
    for (org.urna.core.ballot.EncryptedContest c : e.contests()) {
      if (!swapped && c.selections().size() >= 2) {
        List<org.urna.core.ballot.EncryptedSelection> sel =
            new java.util.ArrayList<>(c.selections());
        var a = sel.get(0);
        var b = sel.get(1);
        sel.set(
            0,
            new org.urna.core.ballot.EncryptedSelection(
                a.selectionId(), b.ciphertext(), a.proof()));
        sel.set(
            1,
            new org.urna.core.ballot.EncryptedSelection(
                b.selectionId(), a.ciphertext(), b.proof()));
        contests.add(
            new org.urna.core.ballot.EncryptedContest(
                c.contestId(), c.limit(), sel, c.limitProof()));
        swapped = true;
      } else {
        contests.add(c);
      }
    }
    org.urna.core.ballot.EncryptedBallot forged =
        new org.urna.core.ballot.EncryptedBallot(
            e.extendedHash(), e.ballotId(), S2, e.ballotStyleId(), e.epochHour(), contests);
    TrackingCode head;
    try (BallotBox b =
        BallotBox.open(
            box(ledger, S2),
            "correct-horse-battery-staple".toCharArray(),
            m,
            key,
            S2,
            stationKey(S2))) {
      head = b.lastTrackingCode();
    }
    byte[] recorded =
        org.urna.core.ballot.RecordedBallot.record(
                forged, org.urna.core.ballot.BallotState.CAST, null, head, stationKey(S2))
            .toBytes();
    var verdicts =
        new org.urna.ledger.client.LedgerClient(ledger.endpoints().getFirst())
            .submitSigned(
                List.of(recorded),
                org.urna.core.ballot.BatchStatement.sign(
                        stationKey(S2), pkg.extendedHash(), S2, List.of(recorded))
                    .toBytes());
    assertThat(verdicts.getFirst())
        .isInstanceOf(org.urna.ledger.replication.Verdict.Accepted.class);
    awaitSize(ledger, 75);
    byte[] before = Files.readAllBytes(state.resolve("follow-state.json"));
    ElectionEndToEndTest.Run r = follow(state, ledger.urls());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("Entry 74 fails: V5 ballot " + e.ballotId())
        .contains("The state stays at the checkpoint of size 74.");
    assertThat(Files.readAllBytes(state.resolve("follow-state.json"))).isEqualTo(before);
  }

  /** A loopback port nothing listens on (it was just free). */
  static int closedPort() throws IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }
}
