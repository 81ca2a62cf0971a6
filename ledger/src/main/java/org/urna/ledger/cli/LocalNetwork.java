package org.urna.ledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.witness.WitnessPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes keys, policy and node files for N validators on loopback and starts each as a process. */
@Command(
    name = "ledger-local-network",
    mixinStandardHelpOptions = true,
    description = "Start a local network of validators on 127.0.0.1, one process each.")
public final class LocalNetwork implements Callable<Integer> {
  /**
   * System property: extra JVM options for every validator process, space-separated (e.g. a flight
   * recording or another collector; naming a collector replaces the default ParallelGC).
   */
  public static final String JVM_OPTIONS = "urna.ledger.validatorJvmOptions";

  @Option(names = "--dir", required = true)
  Path dir;

  @Option(
      names = "--election",
      required = true,
      description =
          "The signed election-wide election package (election-package.json, as written by"
              + " 'urna election create')")
  Path election;

  @Option(
      names = "--trust",
      description =
          "SHA-256 of the election authority's root certificate (64 hex digits); default: the"
              + " trust-anchor.sha256 file beside the package")
  String trust;

  @Option(names = "--validators", defaultValue = "3")
  int validators;

  @Option(names = "--origin", defaultValue = "ledger.urna.local/election")
  String origin;

  @Option(names = "--heap", defaultValue = "512m")
  String heap;

  /**
   * The started processes (index i is validator v(i+1); {@link #restart} replaces an element) and
   * their HTTP base URLs, with what is needed to kill, wipe and restart one of them.
   */
  public record Running(
      List<Process> processes, List<String> urls, List<ProcessBuilder> starts, Path dir)
      implements AutoCloseable {
    /** Kills validator {@code i} at once (SIGKILL) and waits for it to end. */
    public void kill(int i) throws InterruptedException {
      processes.get(i).destroyForcibly().waitFor();
    }

    /** Deletes validator {@code i}'s data folder (keys, policy and node file stay). */
    public void wipe(int i) throws IOException {
      Path data = dir.resolve("v" + (i + 1));
      if (Files.exists(data)) {
        try (var walk = Files.walk(data)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }

    /** Starts validator {@code i} again with its node file; its output is appended. */
    public void restart(int i) throws IOException {
      if (processes.get(i).isAlive()) {
        throw new IllegalStateException("validator v" + (i + 1) + " is still running");
      }
      processes.set(i, starts.get(i).start());
    }

    @Override
    public void close() {
      for (Process p : processes) {
        p.destroy();
      }
      for (Process p : processes) {
        try {
          if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Starts {@code n} validators from a signed election package: it is loaded and checked first
   * (nothing is written or started when it does not load, see {@link NodeFiles#electionPackage}),
   * then copied with its trust anchor into {@code dir}, and every validator audits ballot proofs.
   */
  public static Running launch(
      Path dir, Path electionPackage, Optional<String> trust, int n, String origin, String heap)
      throws IOException {
    org.urna.core.election.ElectionPackage pkg = NodeFiles.electionPackage(electionPackage, trust);
    String anchor =
        trust
            .map(t -> org.urna.core.election.TrustAnchor.fromHex(t).sha256Hex())
            .orElseGet(
                () ->
                    org.urna.core.election.TrustAnchor.ofCertificate(pkg.authorityRoot())
                        .sha256Hex());
    Files.createDirectories(dir);
    Files.copy(
        electionPackage,
        dir.resolve("election-package.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return start(
        dir,
        List.of("election.package=election-package.json", "election.trust=" + anchor),
        n,
        origin,
        heap);
  }

  /**
   * Starts {@code n} validators from bare rules (an {@code election.properties} file, no proof
   * audit): for the in-repo tests and benchmarks whose ballots have no signed package.
   */
  public static Running launch(Path dir, ElectionRules rules, int n, String origin, String heap)
      throws IOException {
    Files.createDirectories(dir);
    NodeFiles.writeElection(dir.resolve("election.properties"), rules);
    return start(dir, List.of("election=election.properties"), n, origin, heap);
  }

  private static Running start(
      Path dir, List<String> electionLines, int n, String origin, String heap) throws IOException {
    SecureRandom rnd = new SecureRandom();
    String group = UUID.randomUUID().toString();
    List<String> peers = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    List<WitnessPolicy.LogKey> logs = new ArrayList<>();
    List<WitnessPolicy.Witness> ws = new ArrayList<>();
    int[] http = new int[n];
    for (int i = 0; i < n; i++) {
      String id = "v" + (i + 1);
      http[i] = freePort();
      urls.add("http://127.0.0.1:" + http[i]);
      peers.add(id + "@127.0.0.1:" + freePort() + "@" + urls.get(i));
      SigningKey log = SigningKey.generate(origin, SignatureType.ED25519, rnd);
      SigningKey cos =
          SigningKey.generate(id + ".validators.local", SignatureType.COSIGNATURE_V1, rnd);
      GenerateKeys.write(dir.resolve(id + ".log.key"), log.privateKeyString());
      GenerateKeys.write(dir.resolve(id + ".cosigner.key"), cos.privateKeyString());
      logs.add(new WitnessPolicy.LogKey(log.verifierKey(), Optional.empty()));
      ws.add(new WitnessPolicy.Witness(cos.name(), cos.verifierKey(), Optional.of(urls.get(i))));
    }
    Files.writeString(
        dir.resolve("network.policy"), WitnessPolicy.threshold(logs, ws, n / 2 + 1).format());
    List<Process> procs = new ArrayList<>();
    List<ProcessBuilder> starts = new ArrayList<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < n; i++) {
      String id = "v" + (i + 1);
      Path nodeFile = dir.resolve(id + ".properties");
      Files.writeString(
          nodeFile,
          String.join(
              "\n",
              "id=" + id,
              "group=" + group,
              "origin=" + origin,
              "data=" + id,
              "http.port=" + http[i],
              "peers=" + String.join(",", peers),
              "log.key=" + id + ".log.key",
              "cosigner.key=" + id + ".cosigner.key",
              "policy=network.policy",
              String.join("\n", electionLines),
              ""));
      List<String> command = new ArrayList<>();
      command.add(java);
      command.add("-Xmx" + heap);
      command.add("-XX:MaxDirectMemorySize=128m");
      String extra = System.getProperty(JVM_OPTIONS, "");
      if (!extra.contains("GC")) {
        // Validators sharing a machine: the serial collector spends the least CPU (measured in
        // docs/benchmarks/ledger.md); a fixed heap keeps its young generation at a third of it.
        command.add("-XX:+UseSerialGC");
        command.add("-Xms" + heap);
      }
      for (String o : extra.split(" ")) {
        if (!o.isBlank()) {
          command.add(o);
        }
      }
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              RunNode.class.getName(),
              "--config",
              nodeFile.toString()));
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".out").toFile()));
      starts.add(pb);
      procs.add(pb.start());
    }
    return new Running(
        Collections.synchronizedList(procs), List.copyOf(urls), List.copyOf(starts), dir);
  }

  static int freePort() throws IOException {
    return org.urna.ledger.node.LoopbackPorts.reserve();
  }

  @Override
  public Integer call() throws Exception {
    Running r;
    try {
      r = launch(dir, election, Optional.ofNullable(trust), validators, origin, heap);
    } catch (IllegalArgumentException e) {
      System.err.println("ledger-local-network: " + e.getMessage());
      return 2;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(r::close));
    r.urls().forEach(u -> System.out.println("validator at " + u));
    for (Process p : r.processes()) {
      p.waitFor();
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalNetwork()).execute(args));
  }
}
