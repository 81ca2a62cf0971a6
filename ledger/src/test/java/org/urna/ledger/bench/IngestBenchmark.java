package org.urna.ledger.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;
import org.urna.ledger.cli.LocalNetwork;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.replication.Verdict;

/**
 * Benchmark harness (not a test): three validator processes on this machine, S stations submitting
 * chained batches over HTTP, time from submission to a quorum-cosigned checkpoint covering the
 * ballot. Usage: IngestBenchmark [stations] [ballotsPerStation] [batch] [offered ballots/s].
 *
 * <p>Without an offered rate every station sends its next batch as soon as the previous one is
 * answered (saturation: latency is mostly queueing). With a rate, each station sends one batch
 * every {@code stations × batch / rate} seconds, staggered, and latency counts from the moment the
 * batch was due (a late send counts against the network). The CPU time each validator process used
 * during ingest is printed per ballot. With a warm-up count W, the first W ballots of every chain
 * are ingested (untimed) before the measurement starts, so that the validators' JIT has compiled
 * the ingest path, as it has on a network that has been running for a while.
 */
public final class IngestBenchmark {
  record Batch(long submittedNanos, long lastIndex, int size) {}

  /** Unsigned batches (every ballot's own signature checked) with -Durna.bench.unsigned=true. */
  static final boolean UNSIGNED = Boolean.getBoolean("urna.bench.unsigned");

  /** A station's batch as stations send it: signed once over every byte (decision 0208). */
  static List<Verdict> send(
      LedgerClient c, Map<String, SigningKey> keys, TestElection e, String id, List<byte[]> part)
      throws Exception {
    if (UNSIGNED) {
      return c.submit(part);
    }
    byte[] sig =
        org.urna.core.ballot.BatchStatement.sign(keys.get(id), e.key.extendedHash(), id, part)
            .toBytes();
    return c.submitSigned(part, sig);
  }

  public static void main(String[] args) throws Exception {
    int stations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int perStation = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 250;
    double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    TestElection e = new TestElection();
    SecureRandom rnd = new SecureRandom();
    Map<String, SigningKey> keys = new HashMap<>();
    Map<String, VerifyingKey> pubs = new HashMap<>();
    for (int s = 0; s < stations; s++) {
      SigningKey k = SigningKey.generate(rnd);
      keys.put("st" + s, k);
      pubs.put("st" + s, k.publicKey());
    }
    ElectionRules rules = new ElectionRules(e.key.extendedHash(), pubs, e.manifest.votingWindow());

    long g0 = System.nanoTime();
    BallotEncryptor enc = new BallotEncryptor(e.manifest, e.key);
    Map<String, List<byte[]>> chains = new HashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<Future<List<byte[]>>> fs = new ArrayList<>();
      for (int s = 0; s < stations; s++) {
        String id = "st" + s;
        fs.add(
            pool.submit(
                () -> {
                  Random r = new Random(id.hashCode());
                  List<byte[]> out = new ArrayList<>(perStation);
                  TrackingCode prev = TrackingCode.seed(e.key.extendedHash(), id);
                  for (int i = 0; i < perStation; i++) {
                    var b =
                        enc.encrypt(
                            e.randomBallot("referendum", r),
                            BallotId.random(rnd),
                            id,
                            TestElection.HOUR,
                            NonceSeed.random(rnd));
                    RecordedBallot rb =
                        RecordedBallot.record(b, BallotState.CAST, null, prev, keys.get(id));
                    prev = rb.code();
                    out.add(rb.toBytes());
                  }
                  return out;
                }));
      }
      for (int s = 0; s < stations; s++) {
        chains.put("st" + s, fs.get(s).get());
      }
    }
    int ballotBytes = chains.get("st0").getFirst().length;
    System.out.printf(
        "generated %d ballots (%d bytes each) in %.1f s%n",
        stations * perStation, ballotBytes, (System.nanoTime() - g0) / 1e9);

    Path dir = Files.createTempDirectory("ledger-bench");
    try (LocalNetwork.Running net =
        LocalNetwork.launch(dir, rules, 3, "ledger.urna.bench/e", "1g")) {
      List<LedgerClient> clients =
          net.urls().stream().map(u -> new LedgerClient(URI.create(u))).toList();
      // Warm-up: wait until the group accepts a first batch.
      List<byte[]> warm = new ArrayList<>(chains.get("st0").subList(0, 10));
      while (true) {
        try {
          if (send(clients.get(0), keys, e, "st0", warm).stream()
              .allMatch(v -> v instanceof Verdict.Accepted)) {
            break;
          }
        } catch (Exception ex) {
          Thread.sleep(200);
        }
      }
      if (warmup > 0) {
        long w0 = System.nanoTime();
        try (ExecutorService warmers = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int s = 0; s < stations; s++) {
            String id = "st" + s;
            LedgerClient c = clients.get(s % 3);
            int start = id.equals("st0") ? 10 : 0;
            warmers.submit(
                () -> {
                  List<byte[]> chain = chains.get(id);
                  for (int i = start; i < warmup; i += batch) {
                    send(c, keys, e, id, chain.subList(i, Math.min(warmup, i + batch)));
                  }
                  return null;
                });
          }
        }
        long expected = (long) stations * warmup;
        while (clients.get(0).checkpoint().map(n -> Checkpoint.parse(n.text()).size()).orElse(0L)
            < expected) {
          Thread.sleep(50);
        }
        System.out.printf(
            "warm-up: %d ballots ingested and cosigned in %.1f s (not counted)%n",
            expected, (System.nanoTime() - w0) / 1e9);
        Thread.sleep(1000);
      }
      int skip = Math.max(10, warmup);
      ConcurrentLinkedQueue<Batch> batches = new ConcurrentLinkedQueue<>();
      AtomicLong rejected = new AtomicLong();
      AtomicLong failedBatches = new AtomicLong();
      Map<Batch, Long> covered = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.concurrent.atomic.AtomicBoolean submitting =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      long[] cpu0 = cpuNanos(net);
      long driver0 = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
      List<Map<String, Long>> threads0 = threadTicks(net);
      long t0 = System.nanoTime();
      // Latency to a cosigned checkpoint: poll the checkpoint while ingest runs.
      Thread poller =
          Thread.ofVirtual()
              .start(
                  () -> {
                    long last = 0;
                    while (submitting.get() || covered.size() < batches.size()) {
                      try {
                        long size =
                            clients
                                .get(0)
                                .checkpoint()
                                .map(n -> Checkpoint.parse(n.text()).size())
                                .orElse(0L);
                        long now = System.nanoTime();
                        if (size != last) {
                          for (Batch b : batches) {
                            if (b.lastIndex() < size) {
                              covered.putIfAbsent(b, now);
                            }
                          }
                          last = size;
                        }
                        if (!submitting.get() && now - t0 > 600_000_000_000L) {
                          return;
                        }
                        Thread.sleep(10);
                      } catch (Exception ex) {
                        return;
                      }
                    }
                  });
      try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int s = 0; s < stations; s++) {
          String id = "st" + s;
          LedgerClient c = clients.get(s % 3);
          int from = id.equals("st0") ? skip : warmup;
          long period = rate > 0 ? (long) (stations * batch / rate * 1e9) : 0;
          long offset = period * s / stations;
          submitters.submit(
              () -> {
                List<byte[]> chain = chains.get(id);
                long due = t0 + offset;
                for (int i = from; i < chain.size(); i += batch) {
                  List<byte[]> part = chain.subList(i, Math.min(chain.size(), i + batch));
                  long t = System.nanoTime();
                  if (period > 0) {
                    long wait = due - t;
                    if (wait > 0) {
                      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    t = due;
                    due += period;
                  }
                  List<Verdict> v = send(c, keys, e, id, part);
                  long last = -1;
                  for (Verdict x : v) {
                    if (x instanceof Verdict.Accepted a) {
                      last = Math.max(last, a.index());
                    } else {
                      rejected.incrementAndGet();
                    }
                  }
                  batches.add(new Batch(t, last, part.size()));
                }
                return null;
              });
        }
      }
      long submittedAll = System.nanoTime();
      submitting.set(false);
      poller.join(120_000);
      List<Batch> all = new ArrayList<>(batches);
      long total = all.stream().mapToLong(Batch::size).sum();
      long maxIndex = all.stream().mapToLong(Batch::lastIndex).max().orElse(0);
      long end =
          covered.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
      long[] cpu1 = cpuNanos(net);
      long driver1 = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
      List<Map<String, Long>> threads1 = threadTicks(net);
      double seconds = (end - t0) / 1e9;
      double[] lat = new double[(int) total];
      int k = 0;
      for (Map.Entry<Batch, Long> en : covered.entrySet()) {
        for (int i = 0; i < en.getKey().size(); i++) {
          lat[k++] = (en.getValue() - en.getKey().submittedNanos()) / 1e6;
        }
      }
      double[] l = Arrays.copyOf(lat, k);
      Arrays.sort(l);
      System.out.printf(
          "ingested %d ballots (%d rejected) into %d entries in %.2f s: %.0f ballots/s until all covered by cosigned checkpoints%n",
          total, rejected.get(), maxIndex + 1, seconds, total / seconds);
      System.out.printf(
          "submission phase alone: %.2f s (%.0f ballots/s)%n",
          (submittedAll - t0) / 1e9, total / ((submittedAll - t0) / 1e9));
      System.out.printf(
          "submission -> quorum-cosigned inclusion: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
          l[l.length / 2], l[(int) (l.length * 0.99)], l[l.length - 1]);
      StringBuilder sb = new StringBuilder("validator CPU during ingest, per ballot:");
      for (int i = 0; i < cpu0.length; i++) {
        sb.append(String.format(" v%d %.1f us", i + 1, (cpu1[i] - cpu0[i]) / 1e3 / total));
      }
      sb.append(
          String.format(
              "; this driver (stations' HTTP clients) %.1f us", (driver1 - driver0) / 1e3 / total));
      System.out.println(sb);
      for (int i = 0; i < threads1.size(); i++) {
        Map<String, Long> before = threads0.get(i);
        StringBuilder t = new StringBuilder("  v" + (i + 1) + " threads (us per ballot):");
        threads1.get(i).entrySet().stream()
            .map(en -> Map.entry(en.getKey(), en.getValue() - before.getOrDefault(en.getKey(), 0L)))
            .filter(en -> en.getValue() > 0)
            .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
            .limit(9)
            .forEach(
                en ->
                    t.append(
                        String.format(" %s %.1f", en.getKey(), en.getValue() * 10_000.0 / total)));
        System.out.println(t);
      }
      if (rate > 0) {
        System.out.printf("offered %.0f ballots/s%n", rate);
      }
    }
  }

  /**
   * Per validator, CPU clock ticks (1/100 s) used so far by each thread, summed by thread name with
   * digits dropped (Linux /proc; empty elsewhere).
   */
  static List<Map<String, Long>> threadTicks(LocalNetwork.Running net) {
    List<Map<String, Long>> out = new ArrayList<>();
    for (Process p : net.processes()) {
      Map<String, Long> m = new HashMap<>();
      Path tasks = Path.of("/proc", String.valueOf(p.pid()), "task");
      try (var list = Files.list(tasks)) {
        for (Path t : list.toList()) {
          try {
            String stat = Files.readString(t.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            m.merge(name.replaceAll("[0-9]+", "N"), ticks, Long::sum);
          } catch (Exception gone) {
            // the thread ended meanwhile
          }
        }
      } catch (Exception e) {
        // not Linux
      }
      out.add(m);
    }
    return out;
  }

  /** CPU time (user + system) each validator process has used so far, -1 if unknown. */
  static long[] cpuNanos(LocalNetwork.Running net) {
    return net.processes().stream()
        .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L))
        .toArray();
  }
}
