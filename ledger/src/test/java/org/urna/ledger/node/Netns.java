package org.urna.ledger.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Separate network hosts for tests: network namespaces ({@code ip netns}) joined by veth pairs to a
 * bridge that lives in a namespace of its own (the machine's own network is never touched), and JVM
 * processes run inside them. Needs root (CI runs as root).
 *
 * <p>Every namespace and link carries a name starting {@value #PREFIX} and a per-run tag: {@link
 * #open} first removes what an earlier, killed run left, and {@link #close} removes this run's
 * namespaces (killing what runs in them) in any case.
 */
public final class Netns implements AutoCloseable {
  public static final String PREFIX = "urnt";

  private final String tag =
      PREFIX + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final String bridge;

  private Netns() {
    bridge = tag + "br";
  }

  /**
   * Makes one namespace per host name, each with the address {@code subnet + (i + 1)} on a veth
   * whose other end is on the bridge (hosts are unique short names such as {@code v1}).
   */
  private void build(String subnet, List<String> hosts) throws Exception {
    Files.writeString(owner(tag), String.valueOf(ProcessHandle.current().pid()));
    for (String h : hosts) {
      // a veth name (namespace + "b") must fit Linux's 15-byte interface names
      if (!h.matches("[a-z0-9]{1,6}") || h.equals("br")) {
        throw new IllegalArgumentException("a host name is 1 to 6 of a-z, 0-9 (not br): " + h);
      }
    }
    netns(bridge);
    ip(bridge, "link", "add", "br0", "type", "bridge");
    ip(bridge, "link", "set", "br0", "up");
    for (int i = 0; i < hosts.size(); i++) {
      String ns = namespace(hosts.get(i));
      netns(ns);
      String inside = ns;
      String outside = ns + "b";
      must("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
      must("ip", "link", "set", inside, "netns", ns);
      must("ip", "link", "set", outside, "netns", bridge);
      ip(bridge, "link", "set", outside, "master", "br0");
      ip(bridge, "link", "set", outside, "up");
      ip(ns, "addr", "add", subnet + (i + 1) + "/24", "dev", inside);
      ip(ns, "link", "set", inside, "up");
    }
  }

  /** Whether this machine can make namespaces: root, and iproute2 with {@code ip netns}. */
  public static java.util.Optional<String> unavailableBecause() {
    if (!output("id", "-u").strip().equals("0")) {
      return java.util.Optional.of("separate network hosts need root for 'ip netns'");
    }
    if (run(false, "ip", "netns", "list") != 0) {
      return java.util.Optional.of("'ip netns' (iproute2) is not available");
    }
    return java.util.Optional.empty();
  }

  /** Removes stale namespaces of killed runs, then makes this run's (see the constructor). */
  public static Netns open(String subnet, List<String> hosts) throws Exception {
    removeStale();
    Netns net = new Netns();
    try {
      net.build(subnet, hosts);
    } catch (Exception | Error e) {
      net.close();
      throw e;
    }
    return net;
  }

  /** The namespace of a host. */
  public String namespace(String host) {
    return tag + host;
  }

  /** Cuts ({@code up == false}) or restores a host's link at the bridge. */
  public void link(String host, boolean up) throws Exception {
    ip(bridge, "link", "set", namespace(host) + "b", up ? "up" : "down");
  }

  /**
   * Starts a JVM inside a host's namespace with this JVM's class path; its output goes to {@code
   * log}. {@link #close} stops it if it still runs.
   */
  public Process java(String host, Path log, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    synchronized (processes) {
      processes.add(p);
    }
    return p;
  }

  /** The processes started here that have ended with a non-zero exit code. */
  public List<Process> failed() {
    synchronized (processes) {
      return processes.stream().filter(p -> !p.isAlive() && p.exitValue() != 0).toList();
    }
  }

  private void netns(String name) throws Exception {
    must("ip", "netns", "add", name);
    namespaces.add(name);
    ip(name, "link", "set", "lo", "up");
  }

  private static void ip(String ns, String... args) throws Exception {
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

  @Override
  public void close() {
    try {
      Files.deleteIfExists(owner(tag));
    } catch (IOException e) {
      // a stale marker names a dead JVM: harmless
    }
    List<Process> all;
    synchronized (processes) {
      all = List.copyOf(processes);
    }
    for (Process p : all) {
      p.destroy();
    }
    for (Process p : all) {
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
