package org.urna.ledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.cli.RunNode;

/**
 * Three validators on three separate network hosts, each a JVM in its own network namespace with
 * its own address, joined by veth pairs to a bridge that lives in a fifth namespace (the machine's
 * own network is never touched); a station process in a fourth namespace submits over HTTPS. Each
 * validator is run by a different party: its own CA, and every node trusts the bundle of the three
 * CAs (HTTPS and mutual TLS on Raft). Mid-ingest one validator's link is cut and restored.
 *
 * <p>Needs root (CI runs as root) for {@code ip netns}; skips with a message otherwise. The
 * namespaces are made, and removed in any case, by {@link Netns}.
 */
class NetnsNetworkTest {
  private static final int TOTAL = 600;
  private static final int BATCH = 10;

  @TempDir Path dir;

  private final List<Process> processes = new ArrayList<>();

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aCutLinkLosesNothingDoublesNothingAndTheCutValidatorCatchesUp() throws Exception {
    Optional<String> why = Netns.unavailableBecause();
    Assumptions.assumeTrue(
        why.isEmpty(), () -> "skipped: " + why.orElse("") + " (CI runs as root)");
    try (Netns net = Netns.open("10.77.0.", List.of("v1", "v2", "v3", "st"))) {
      // three parties, three CAs; every node and the station trust the bundle
      List<TestCa> cas =
          List.of(new TestCa("party-1"), new TestCa("party-2"), new TestCa("party-3"));
      StringBuilder bundle = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        bundle.append(Files.readString(cas.get(i).writeCa(dir.resolve("ca" + (i + 1) + ".pem"))));
      }
      Path trusted = dir.resolve("validators-ca.pem");
      Files.writeString(trusted, bundle.toString());
      List<NetworkFiles.Node> spec = new ArrayList<>();
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = "v" + (i + 1);
        TestCa.Files3 own = cas.get(i).issue(dir.resolve("pki"), id, List.of(address(i)));
        urls.add("https://" + address(i) + ":8443");
        spec.add(
            new NetworkFiles.Node(
                id,
                address(i) + ":9001",
                urls.get(i),
                8443,
                address(i),
                "0.0.0.0",
                new TestCa.Files3(own.key(), own.cert(), trusted)));
      }
      Map<String, Path> files = NetworkFiles.write(dir, spec, "");
      for (int i = 0; i < 3; i++) {
        String id = "v" + (i + 1);
        processes.add(
            net.java(
                id,
                dir.resolve(id + ".out"),
                JVM,
                RunNode.class.getName(),
                "--config",
                files.get(id).toString()));
      }
      Path stationDir = Files.createDirectories(dir.resolve("station"));
      Process station =
          net.java(
              "st",
              dir.resolve("station.out"),
              JVM,
              NetnsStation.class.getName(),
              stationDir.toString(),
              trusted.toString(),
              String.valueOf(TOTAL),
              String.valueOf(BATCH),
              String.join(",", urls));
      processes.add(station);

      // mid-ingest: cut v3's link at the bridge, restore it some seconds later
      Path progress = stationDir.resolve("progress");
      assertThat(waitUntil(() -> progressOf(progress) >= TOTAL / 4, 120)).as(tails()).isTrue();
      net.link("v3", false);
      long cutAt = progressOf(progress);
      assertThat(waitUntil(() -> progressOf(progress) >= cutAt + TOTAL / 6, 60))
          .as("ingest goes on while v3 is cut off\n" + tails())
          .isTrue();
      net.link("v3", true);
      assertThat(station.waitFor(150, TimeUnit.SECONDS)).as(tails()).isTrue();
      Properties p = new Properties();
      try (var r = Files.newBufferedReader(stationDir.resolve("station.properties"))) {
        p.load(r);
      }
      String all = p.toString() + "\n" + tails();
      // nothing lost, nothing doubled: every ballot accepted once, indices 0..TOTAL-1
      assertThat(p.getProperty("accepted")).as(all).isEqualTo(String.valueOf(TOTAL));
      assertThat(p.getProperty("distinctIndices")).as(all).isEqualTo(String.valueOf(TOTAL));
      assertThat(p.getProperty("maxIndex")).as(all).isEqualTo(String.valueOf(TOTAL - 1));
      // the cut validator caught up: the same cosigned size and root on all three
      assertThat(p.getProperty("checkpoint.1")).as(all).startsWith(TOTAL + " ");
      assertThat(p.getProperty("checkpoint.2")).as(all).isEqualTo(p.getProperty("checkpoint.1"));
      assertThat(p.getProperty("checkpoint.3")).as(all).isEqualTo(p.getProperty("checkpoint.1"));
      assertThat(p.getProperty("provenOnLast")).as(all).isEqualTo(String.valueOf(TOTAL));
      System.out.println("netns run: " + p);
    }
  }

  private static final List<String> JVM =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static String address(int i) {
    return "10.77.0." + (i + 1);
  }

  private static long progressOf(Path f) {
    try {
      return Long.parseLong(Files.readString(f).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private interface Check {
    boolean ok();
  }

  private boolean waitUntil(Check c, int seconds) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      if (c.ok()) {
        return true;
      }
      for (Process p : processes) {
        if (!p.isAlive() && p.exitValue() != 0) {
          return false;
        }
      }
      Thread.sleep(200);
    }
    return false;
  }

  private String tails() {
    StringBuilder sb = new StringBuilder();
    for (String f : List.of("v1.out", "v2.out", "v3.out", "station.out")) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8);
        sb.append("--- ").append(f).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 15), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      } catch (IOException e) {
        // no output yet
      }
    }
    return sb.toString();
  }
}
