package org.urna.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.SampleElection;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.replication.Verdict;
import picocli.CommandLine;

/**
 * ledger-local-network and ledger-node run from the signed election package that {@code urna
 * election create} writes: a package that does not load is refused before anything starts, and a
 * network started from one audits every ballot's proofs.
 */
class ElectionPackageNetworkTest {
  private static final SampleElection SAMPLE = SampleElection.create();
  private static final String STATION = SampleElection.STATION_IDS.getFirst();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The exit code and standard error of ledger-local-network with these arguments. */
  private record Run(int code, String err) {}

  private Run localNetwork(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new LocalNetwork()).execute(args);
      return new Run(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  private Path election() throws Exception {
    return SAMPLE.writeTo(dir.resolve("election")).get("election-package.json");
  }

  private Run refused(Path pkg, String... more) {
    Path net = dir.resolve("net");
    List<String> args =
        new java.util.ArrayList<>(List.of("--dir", net.toString(), "--election", pkg.toString()));
    args.addAll(List.of(more));
    Run r = localNetwork(args.toArray(String[]::new));
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).startsWith("ledger-local-network: ");
    assertThat(net).as("nothing written, no validator started").doesNotExist();
    return r;
  }

  @Test
  void aChangedPackageIsRefusedAndNothingStarts() throws Exception {
    Path pkg = election();
    ObjectNode tree = (ObjectNode) JSON.readTree(Files.readAllBytes(pkg));
    ObjectNode manifest = (ObjectNode) tree.get("manifest");
    manifest.put("electionId", manifest.get("electionId").asText() + "-changed");
    Path changed = pkg.resolveSibling("changed.json");
    Files.writeString(changed, JSON.writeValueAsString(tree));
    assertThat(refused(changed).err()).contains("does not load");
  }

  @Test
  void anUnsignedPackageIsRefused() throws Exception {
    Path pkg = election();
    ObjectNode tree = (ObjectNode) JSON.readTree(Files.readAllBytes(pkg));
    tree.remove("signature");
    Files.writeString(pkg, JSON.writeValueAsString(tree));
    assertThat(refused(pkg).err()).contains("does not load").contains("signature");
  }

  @Test
  void aPackageOfAnotherAuthorityIsRefused() throws Exception {
    Path pkg = election();
    Run r = refused(pkg, "--trust", "ab".repeat(32));
    assertThat(r.err()).contains("does not load");
    // and without a trust anchor at all
    Files.delete(pkg.resolveSibling("trust-anchor.sha256"));
    assertThat(refused(pkg).err()).contains("trust anchor is missing");
  }

  @Test
  void aStationsPackageIsRefusedByBothCommands() throws Exception {
    Path pkg = election();
    ElectionPackage forStation = SAMPLE.electionPackage().forStation(STATION, SAMPLE.authority());
    Files.write(pkg, forStation.toJson());
    assertThat(refused(pkg).err())
        .contains("made for station '" + STATION + "'")
        .contains("election-wide package");

    // ledger-node: the node file naming it is refused before the validator starts
    Path node = pkg.resolveSibling("v1.properties");
    Files.writeString(
        node,
        String.join(
            "\n",
            "id=v1",
            "group=g",
            "origin=o",
            "data=v1",
            "http.port=0",
            "peers=v1@127.0.0.1:1@http://127.0.0.1:1",
            "log.key=v1.log.key",
            "cosigner.key=v1.cosigner.key",
            "policy=network.policy",
            "election.package=election-package.json",
            ""));
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new RunNode()).execute("--config", node.toString());
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("ledger-node: " + node)
        .contains("made for station '" + STATION + "'");
    assertThat(pkg.resolveSibling("v1")).doesNotExist();
  }

  @Test
  void aNetworkFromASignedPackageAcceptsARealBallotAndItsAuditFlagsOneWhoseProofFails()
      throws Exception {
    Path pkgFile = election();
    ElectionPackage pkg = SAMPLE.electionPackage();
    ElectionKey key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
    // Same election context, another key: the ballot is well formed and signed by the station,
    // so ingest takes it, but its proofs do not verify against this election's key.
    ElectionKey wrong =
        new ElectionKey(
            SampleElection.create("another", SampleElection.DEFAULT_WINDOW).electionKey(),
            pkg.extendedHash());
    RecordedBallot good =
        ballot(key, TrackingCode.seed(pkg.extendedHash(), STATION), new SecureRandom());
    RecordedBallot bad = ballot(wrong, good.code(), new SecureRandom());

    Path net = dir.resolve("net");
    try (LocalNetwork.Running running =
        LocalNetwork.launch(
            net, pkgFile, Optional.empty(), 3, "ledger.urna.local/pkg-test", "256m")) {
      assertThat(Files.readString(net.resolve("v1.properties")))
          .contains("election.package=election-package.json")
          .doesNotContain("election=");
      LedgerClient c = new LedgerClient(URI.create(running.urls().getFirst()));
      long[] index = new long[2];
      waitFor(
          () -> {
            try {
              List<Verdict> v = c.submit(List.of(good.toBytes()));
              if (v.getFirst() instanceof Verdict.Accepted a) {
                index[0] = a.index();
                return true;
              }
              return false;
            } catch (Exception e) {
              return false;
            }
          },
          "the processes to form a group and accept a real ballot");
      Verdict second = c.submit(List.of(bad.toBytes())).getFirst();
      assertThat(second).isInstanceOf(Verdict.Accepted.class);
      index[1] = ((Verdict.Accepted) second).index();

      String url = running.urls().getFirst();
      waitFor(() -> !proofs(url, index[1]).equals("pending"), "the proof audit");
      assertThat(proofs(url, index[0])).isEqualTo("verified");
      assertThat(proofs(url, index[1])).startsWith("failed: ");
    }
  }

  private static RecordedBallot ballot(ElectionKey key, TrackingCode prev, SecureRandom rnd) {
    var manifest = SAMPLE.manifest();
    var style = manifest.ballotStyle(SampleElection.STYLE_REFERENDUM).orElseThrow();
    Map<String, Set<String>> choices = new LinkedHashMap<>();
    for (Contest contest : manifest.contestsOf(style)) {
      choices.put(contest.id(), Set.of(contest.selectionIds().getFirst()));
    }
    long hour = SampleElection.DEFAULT_WINDOW.opens().getEpochSecond() / 3600 + 1;
    var encrypted =
        new BallotEncryptor(manifest, key)
            .encrypt(
                new PlaintextBallot(style.id(), choices),
                BallotId.random(rnd),
                STATION,
                hour,
                NonceSeed.random(rnd));
    return RecordedBallot.record(
        encrypted, BallotState.CAST, null, prev, SAMPLE.stationKey(STATION));
  }

  /** The audit's word on an entry, from GET /v1/entries/{i}/verification. */
  private static String proofs(String url, long index) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/v1/entries/" + index + "/verification"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      return body.path("proofs").asText("pending");
    } catch (Exception e) {
      return "pending";
    }
  }
}
