package org.urna.ledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
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
 * <p>Needs root (CI runs as root) for {@code ip netns}; skips with a message otherwise. Every
 * namespace carries a name starting {@value #PREFIX}: a run first removes what an earlier, killed
 * run left, and removes its own (and kills its processes) in any case.
 */
class NetnsNetworkTest {
  static final String PREFIX = "urnt";
  private static final int TOTAL = 600;
  private static final int BATCH = 10;

  @TempDir Path dir;

  private final String tag =
      PREFIX + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aCutLinkLosesNothingDoublesNothingAndTheCutValidatorCatchesUp() throws Exception {
    Assumptions.assumeTrue(
        isRoot(), "skipped: separate network hosts need root for 'ip netns' (CI runs as root)");
    Assumptions.assumeTrue(
        run(false, "ip", "netns", "list") == 0, "skipped: 'ip netns' (iproute2) is not available");
    removeStale();
    Files.writeString(owner(tag), String.valueOf(ProcessHandle.current().pid()));
    try {
      String bridge = tag + "br";
      netns(bridge);
      ip(bridge, "link", "add", "br0", "type", "bridge");
      ip(bridge, "link", "set", "br0", "up");
      List<String> hosts = List.of("v1", "v2", "v3", "st");
      for (int i = 0; i < hosts.size(); i++) {
        String ns = tag + hosts.get(i);
        netns(ns);
        String inside = tag + hosts.get(i);
        String outside = tag + hosts.get(i) + "b";
        must("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
        must("ip", "link", "set", inside, "netns", ns);
        must("ip", "link", "set", outside, "netns", bridge);
        ip(bridge, "link", "set", outside, "master", "br0");
        ip(bridge, "link", "set", outside, "up");
        ip(ns, "addr", "add", address(i) + "/24", "dev", inside);
        ip(ns, "link", "set", inside, "up");
        ip(ns, "link", "set", "lo", "up");
      }

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
            java(
                tag + id,
                dir.resolve(id + ".out"),
                RunNode.class.getName(),
                "--config",
                files.get(id).toString()));
      }
      Path stationDir = Files.createDirectories(dir.resolve("station"));
      Process station =
          java(
              tag + "st",
              dir.resolve("station.out"),
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
      ip(bridge, "link", "set", tag + "v3b", "down");
      long cutAt = progressOf(progress);
      assertThat(waitUntil(() -> progressOf(progress) >= cutAt + TOTAL / 6, 60))
          .as("ingest goes on while v3 is cut off\n" + tails())
          .isTrue();
      ip(bridge, "link", "set", tag + "v3b", "up");

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
    } finally {
      cleanUp();
    }
  }

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

  private Process java(String ns, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("ip", "netns", "exec", ns));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

  private void netns(String name) throws Exception {
    must("ip", "netns", "add", name);
    namespaces.add(name);
    ip(name, "link", "set", "lo", "up");
  }

  private void ip(String ns, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
    cmd.addAll(List.of(args));
    must(cmd.toArray(new String[0]));
  }

  private static void must(String... cmd) throws Exception {
    if (run(true, cmd) != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", cmd));
    }
  }

  private static int run(boolean show, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
      if (rc != 0 && show) {
        System.out.println(String.join(" ", cmd) + ": " + out);
      }
      return rc;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String output(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static boolean isRoot() {
    return output("id", "-u").strip().equals("0");
  }

  /** Kills what runs in a namespace of ours and deletes it (deleting it deletes its veths). */
  private static void removeNamespace(String ns) {
    for (String pid : output("ip", "netns", "pids", ns).split("\\s+")) {
      if (pid.matches("[0-9]+")) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    run(false, "ip", "netns", "del", ns);
  }

  /** Marks a run's namespaces with the JVM that owns them. */
  private static Path owner(String tag) {
    return Path.of(System.getProperty("java.io.tmpdir"), tag + ".netns-owner");
  }

  /** Whether the namespaces of a tag belong to a JVM that still runs (a concurrent run). */
  private static boolean ownedByLiveRun(String ns) {
    if (ns.length() < PREFIX.length() + 4) {
      return false;
    }
    try {
      long pid =
          Long.parseLong(Files.readString(owner(ns.substring(0, PREFIX.length() + 4))).strip());
      return pid != ProcessHandle.current().pid()
          && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /** Namespaces and links an earlier run left (killed before its clean-up). */
  private static void removeStale() {
    for (String line : output("ip", "netns", "list").split("\n")) {
      String ns = line.strip().split("\\s+")[0];
      if (ns.startsWith(PREFIX) && !ownedByLiveRun(ns)) {
        removeNamespace(ns);
      }
    }
    for (String line : output("ip", "-o", "link", "show").split("\n")) {
      String[] f = line.split(":\\s+");
      if (f.length > 1 && f[1].startsWith(PREFIX) && !ownedByLiveRun(f[1])) {
        run(false, "ip", "link", "del", f[1].split("@")[0]);
      }
    }
  }

  private void cleanUp() {
    try {
      Files.deleteIfExists(owner(tag));
    } catch (IOException e) {
      // a stale marker names a dead JVM: harmless
    }
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : namespaces) {
      removeNamespace(ns);
    }
    for (String line : output("ip", "-o", "link", "show").split("\n")) {
      String[] f = line.split(":\\s+");
      if (f.length > 1 && f[1].startsWith(tag)) {
        run(false, "ip", "link", "del", f[1].split("@")[0]);
      }
    }
  }
}
