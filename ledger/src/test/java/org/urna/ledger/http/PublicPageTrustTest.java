package org.urna.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.TestNetwork;
import org.urna.ledger.replication.Verdict;

/**
 * The public page takes its trust policy from its own address, never from the server it checks
 * (decision 0209). A lying ledger (its own validators, its own keys, the same ballots, a /policy
 * that vouches for its keys) serves the page; in headless Chromium the page pinned to the
 * election's policy reports failure, and the same page on the real ledger verifies.
 */
class PublicPageTrustTest {
  @TempDir Path dir;

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static void ingest(TestNetwork net, List<RecordedBallot> ballots) throws Exception {
    LedgerClient c = new LedgerClient(URI.create(net.peers.get(0).httpUrl()));
    assertThat(c.submit(Stations.bytes(ballots))).allMatch(v -> v instanceof Verdict.Accepted);
    waitFor(
        () -> {
          try {
            return c.checkpoint().map(n -> Checkpoint.parse(n.text()).size()).orElse(0L)
                == ballots.size();
          } catch (Exception e) {
            return false;
          }
        },
        "a cosigned checkpoint");
  }

  /** Opens the page at {@code url}, looks up the code, returns the verdict and the steps. */
  static String[] check(ChromeDriver driver, String url, RecordedBallot b) {
    driver.get("about:blank");
    driver.get(url);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    driver.findElement(By.id("code")).sendKeys(b.code().display());
    driver.findElement(By.id("check")).click();
    wait.until(
        d ->
            d.findElement(By.id("verdict")).getText().contains("verified")
                || d.findElement(By.id("verdict")).getText().contains("FAILED"));
    return new String[] {
      driver.findElement(By.id("verdict")).getText(), driver.findElement(By.id("steps")).getText()
    };
  }

  @Test
  void aServerWhosePolicyIsNotTheElectionsCannotVouchForItsOwnProofs() throws Exception {
    try (TestNetwork real = new TestNetwork(dir.resolve("real"), 3, 10_000);
        TestNetwork liar = new TestNetwork(dir.resolve("liar"), 3, 10_000)) {
      List<RecordedBallot> ballots = new Stations().next("s1", 3);
      ingest(real, ballots);
      ingest(liar, ballots);
      String electionPolicy = real.policy.format();
      String pin = "#policy-sha256=" + sha256(electionPolicy);
      String pinnedCopy =
          "#policy="
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(electionPolicy.getBytes(StandardCharsets.UTF_8));
      String realPage = real.peers.get(1).httpUrl() + "/";
      String liarPage = liar.peers.get(1).httpUrl() + "/";
      RecordedBallot b = ballots.get(1);

      System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
      System.setProperty("SE_OFFLINE", "true");
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
          "--window-size=1000,1100",
          "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      try {
        // The lying ledger's proof is sound by its own policy, which is not the election's.
        String[] lied = check(driver, liarPage + pin, b);
        assertThat(lied[0]).contains("FAILED");
        assertThat(lied[1]).contains("NOT the election's");
        Path shots = Path.of(System.getProperty("user.dir")).resolve("../docs/screenshots/ledger");
        Files.createDirectories(shots);
        Files.write(
            shots.resolve("policy-not-the-elections.png"),
            driver.getScreenshotAs(OutputType.BYTES));
        // Without a pin there is nothing to check against: failure, with the way out.
        String[] unpinned = check(driver, liarPage, b);
        assertThat(unpinned[0]).contains("FAILED");
        assertThat(unpinned[1]).contains("No trust policy is pinned");
        // A pinned copy of the election's policy in the address: the liar's signatures fail.
        String[] copy = check(driver, liarPage + pinnedCopy, b);
        assertThat(copy[0]).contains("FAILED");
        assertThat(copy[1]).doesNotContain("NOT the election's");
        // The real ledger, under either pin, verifies.
        assertThat(check(driver, realPage + pin, b)[0]).contains("verified");
        String[] real2 = check(driver, realPage + pinnedCopy, b);
        assertThat(real2[0]).contains("verified");
        assertThat(real2[1]).contains("pinned in this page's address");
        // The address a receipt's QR code carries (ReceiptContent.lookupUrl: ?code=, then the pin)
        // opens the page with the code filled in and checked, nothing typed.
        driver.get("about:blank");
        driver.get(realPage + "?code=" + b.code().shortForm() + pin);
        new WebDriverWait(driver, Duration.ofSeconds(60))
            .until(d -> d.findElement(By.id("verdict")).getText().contains("verified"));
        assertThat(driver.findElement(By.id("code")).getAttribute("value"))
            .isEqualTo(b.code().shortForm());
        // The same receipt address on the lying server fails, code filled in or not.
        driver.get("about:blank");
        driver.get(liarPage + "?code=" + b.code().shortForm() + pin);
        new WebDriverWait(driver, Duration.ofSeconds(60))
            .until(d -> d.findElement(By.id("verdict")).getText().contains("FAILED"));
      } finally {
        driver.quit();
        service.stop();
      }
    }
  }
}
