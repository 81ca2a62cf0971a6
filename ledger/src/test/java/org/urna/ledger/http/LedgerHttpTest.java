package org.urna.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.merkle.ProofVerifier;
import org.urna.ledger.merkle.Rfc6962;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.proof.TlogProof;
import org.urna.ledger.replication.Commands;
import org.urna.ledger.replication.LedgerLeaf;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.TestNetwork;
import org.urna.ledger.replication.Verdict;
import org.urna.ledger.tiles.TilePath;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * The HTTP API and the public page of a running 3-validator network, the page in headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerHttpTest {
  Path dir;
  TestNetwork net;
  List<RecordedBallot> ballots;
  LedgerClient client;
  URI base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startNetwork() throws Exception {
    dir = Files.createTempDirectory("ledger-http");
    net = new TestNetwork(dir, 3, 10_000);
    base = URI.create(net.peers.get(1).httpUrl());
    client = new LedgerClient(base);
    // station s1 loads its election and opens its polls (signed events) before its ballots
    byte[] q = Stations.ELECTION.key.extendedHash();
    List<byte[]> events = new java.util.ArrayList<>();
    for (var kind :
        List.of(
            org.urna.core.station.StationLifecycleEvent.Kind.ELECTION_LOADED,
            org.urna.core.station.StationLifecycleEvent.Kind.POLLS_OPENED)) {
      events.add(
          org.urna.core.station.StationLifecycleEvent.sign(
                  Stations.keyOf("s1"),
                  q,
                  "s1",
                  events.size() + 1,
                  kind,
                  org.urna.core.ballot.TestElection.HOUR * 3600 + 60,
                  0,
                  org.urna.core.ballot.TrackingCode.seed(q, "s1"),
                  kind.carriesReport()
                      ? java.util.Optional.of(new byte[32])
                          .map(
                              r -> {
                                r[0] = 1;
                                return r;
                              })
                      : java.util.Optional.empty())
              .bytes());
    }
    assertThat(
            net.nodes[0]
                .replica()
                .submitEvents(org.urna.ledger.replication.Commands.batch(events))
                .get())
        .allMatch(x -> x instanceof Verdict.Accepted);
    ballots = new Stations().next("s1", 6);
    List<Verdict> v = client.submit(Stations.bytes(ballots));
    assertThat(v).allMatch(x -> x instanceof Verdict.Accepted);
    waitFor(() -> checkpointSize() == 8, "a cosigned checkpoint");
  }

  long checkpointSize() {
    try {
      return client.checkpoint().map(n -> Checkpoint.parse(n.text()).size()).orElse(0L);
    } catch (Exception e) {
      return 0;
    }
  }

  @AfterAll
  void stop() throws Exception {
    net.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postBinary(byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/batches"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static byte[] ints(int... values) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }

  @Test
  void aBallotsProofVerifiesAgainstTheQuorumCosignedCheckpointFromTheApi() throws Exception {
    WitnessPolicy policy = WitnessPolicy.parse(client.policy().getBytes(StandardCharsets.UTF_8));
    SignedNote cp = client.checkpoint().orElseThrow();
    assertThat(policy.accepts(cp)).isTrue();
    RecordedBallot b = ballots.get(3);
    TlogProof proof = client.proofByTrackingCode(b.code().display());
    assertThat(proof).isEqualTo(proof);
    assertThat(client.proofByBallotId(b.ballotId().toHex()).index()).isEqualTo(proof.index());
    Checkpoint c = Checkpoint.parse(proof.checkpoint().text());
    byte[] leaf = proof.extra().orElseThrow();
    assertThat(LedgerLeaf.code(leaf)).isEqualTo(b.code());
    assertThat(
            ProofVerifier.verifyInclusion(
                Rfc6962.leafHash(leaf), proof.index(), c.size(), proof.path(), c.root()))
        .isTrue();
    assertThat(client.consistencyProof(2, 6))
        .isEqualTo(net.nodes[0].machine().state().log().consistencyProof(2, 6));
    // Tiles: the partial level-0 tile of the checkpoint's size and its entry bundle.
    HttpResponse<byte[]> tile =
        http.send(
            HttpRequest.newBuilder(base.resolve("/" + TilePath.hashes(0, 0, 6).path())).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(tile.body()).hasSize(6 * 32);
    assertThat(get("/tile/entries/000.p/6").statusCode()).isEqualTo(200);
    assertThat(get("/v1/stations").body()).contains("\"s1\":6");
    waitFor(
        () -> {
          try {
            return get("/v1/entries/3/verification").body().contains("verified");
          } catch (Exception e) {
            return false;
          }
        },
        "the proof audit of entry 3");
    assertThat(get("/health").body()).contains("\"treeSize\":8");
    assertThat(get("/metrics").body()).contains("urna_ledger_tree_size 8");
  }

  @Test
  void malformedRequestsGetACleanFourHundredWithAReason() throws Exception {
    assertThat(post("/v1/batches", "{not json").statusCode()).isEqualTo(400);
    assertThat(post("/v1/batches", "{\"ballots\":[\"***\"]}").body()).contains("base64");
    assertThat(post("/v1/batches", "{\"ballots\":[]}").statusCode()).isEqualTo(400);
    assertThat(get("/tile/0/x000/001").statusCode()).isEqualTo(400);
    assertThat(get("/v1/proof/code/ABC").statusCode()).isEqualTo(400);
    assertThat(get("/v1/proof/ballot/zz").statusCode()).isEqualTo(400);
    assertThat(get("/v1/consistency?old=5&new=2").statusCode()).isEqualTo(400);
    // An index beyond any long, a query that does not decode: the client's fault, not ours.
    assertThat(get("/tile/0/x999/x999/x999/x999/x999/x999/999").statusCode()).isEqualTo(400);
    assertThat(get("/tile/entries/x999/x999/x999/x999/x999/x999/999").statusCode()).isEqualTo(400);
    assertThat(get("/v1/consistency?old=%FF&new=1").statusCode()).isEqualTo(400);
    assertThat(post("/add-checkpoint", "old 0\n\nnot a checkpoint\n").statusCode()).isEqualTo(400);
    HttpResponse<String> conflict =
        post("/add-checkpoint", "old 0\n\n" + client.checkpoint().orElseThrow().format());
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
    assertThat(conflict.body()).matches("[0-9]+\n");
    // A rejected ballot comes back with its reason, not an error.
    String garbage = java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    assertThat(post("/v1/batches", "{\"ballots\":[\"" + garbage + "\"]}").body())
        .contains("malformed ballot");
    // Binary batches: the framing is checked before anything is replicated.
    assertThat(postBinary(new byte[] {0, 0}).body()).contains("shorter than its ballot count");
    assertThat(postBinary(ints(0)).body()).contains("holds no ballot");
    assertThat(postBinary(ints(1, 5, 7)).body()).contains("runs past the end");
    assertThat(postBinary(ints(2, 0)).body()).contains("ends before its length");
    assertThat(postBinary(ints(1, 0, 9)).body()).contains("bytes after the last ballot");
    assertThat(postBinary(ints(10_001)).statusCode()).isEqualTo(413);
    // A ballot that does not frame refuses the whole batch before anything is replicated.
    HttpResponse<String> oneBad =
        postBinary(Commands.batch(List.of(ballots.get(0).toBytes(), new byte[] {1, 2, 3})));
    assertThat(oneBad.statusCode()).isEqualTo(400);
    assertThat(oneBad.body()).contains("ballot 1: malformed ballot");
  }

  @Test
  void randomRequestPathsAndBodiesNeverGiveAServerError() throws Exception {
    var paths =
        Arbitraries.strings()
            .withChars("/abcdefgilnoprtvx0123456789.%?=&-")
            .ofMaxLength(40)
            .sampleStream()
            .limit(150)
            .toList();
    for (String p : paths) {
      String path = "/" + p.replace("%", "%25");
      int s;
      try {
        s = get(path).statusCode();
      } catch (IllegalArgumentException badUri) {
        continue;
      }
      assertThat(s).as(path).isLessThan(500);
    }
    var bodies = Arbitraries.strings().ofMaxLength(200).sampleStream().limit(60).toList();
    for (String b : bodies) {
      assertThat(post("/v1/batches", b).statusCode()).isBetween(400, 499);
      assertThat(post("/add-checkpoint", b).statusCode()).isBetween(400, 499);
    }
    var binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).sampleStream().limit(60);
    for (byte[] b : binary.toList()) {
      int s = postBinary(b).statusCode();
      assertThat(s).as(java.util.HexFormat.of().formatHex(b)).isLessThan(500);
    }
  }

  @Test
  void everyRouteAnswersRandomPathsAndQueriesWithoutAServerError() throws Exception {
    List<String> routes =
        List.of(
            "/tile/",
            "/tile/0/",
            "/tile/entries/",
            "/v1/proof/ballot/",
            "/v1/proof/code/",
            "/v1/entries/",
            "/v1/consistency?old=",
            "/v1/consistency?old=1&new=",
            "/checkpoint?",
            "/policy/",
            "/health?",
            "/ready?",
            "/metrics?",
            "/v1/stations?",
            "/v1/checkpoints?");
    java.util.Random rnd = new java.util.Random(20261202L);
    String alphabet = "0123456789x/.p-_?&=%abcdefABCDEF";
    for (String route : routes) {
      for (int k = 0; k < 40; k++) {
        StringBuilder sb = new StringBuilder(route);
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
          if (rnd.nextInt(5) == 0) {
            sb.append(String.format("%%%02X", rnd.nextInt(256)));
          } else {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
          }
        }
        if (route.startsWith("/v1/entries/") && rnd.nextBoolean()) {
          sb.append("/verification");
        }
        URI uri;
        try {
          uri = URI.create(base + sb.toString());
        } catch (IllegalArgumentException notAUri) {
          continue;
        }
        int s =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        assertThat(s).as(sb.toString()).isLessThan(500);
      }
    }
  }

  @Test
  void theVoterPageVerifiesAProofInChromiumAndFlagsATamperedOne() throws Exception {
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    Path profile = Files.createTempDirectory("chromium-profile");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1000,1100",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
      // the page trusts only the policy pinned in its address (decision 0209)
      String pin =
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(net.policy.format().getBytes(StandardCharsets.UTF_8)));
      driver.get(base.resolve("/").toString() + "#policy-sha256=" + pin);
      RecordedBallot b = ballots.get(4);
      driver.findElement(By.id("code")).sendKeys(b.code().display().toLowerCase());
      driver.findElement(By.id("check")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict"), "verified"));
      String steps = driver.findElement(By.id("steps")).getText();
      assertThat(steps)
          .contains("holds tracking code " + b.code().display())
          .contains("Cosigned by a quorum");
      assertThat(driver.findElements(By.cssSelector("#steps li.bad"))).isEmpty();
      wait.until(d -> !d.findElements(By.cssSelector("#stations tbody tr")).isEmpty());
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Path shots = Path.of(System.getProperty("user.dir")).resolve("../docs/screenshots/ledger");
      Files.createDirectories(shots);
      Files.write(shots.resolve("verified.png"), png);

      // A proof file whose inclusion path was altered must fail in the page.
      String proof = get("/v1/proof/ballot/" + b.ballotId().toHex()).body();
      String[] lines = proof.split("\n");
      int hashLine = 3;
      char c = lines[hashLine].charAt(5);
      lines[hashLine] =
          lines[hashLine].substring(0, 5) + (c == 'A' ? 'B' : 'A') + lines[hashLine].substring(6);
      String tampered = String.join("\n", lines) + "\n";
      driver.findElement(By.cssSelector("#paste summary")).click();
      driver.executeScript("document.getElementById('prooftext').value = arguments[0];", tampered);
      driver.findElement(By.id("checkpaste")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict"), "FAILED"));
      assertThat(driver.findElement(By.cssSelector("#steps li.bad")).getText())
          .contains("included in the tree");
      Files.write(shots.resolve("tampered.png"), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.quit();
      service.stop();
    }
  }
}
