package org.urna.tally;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.election.ElectionManifest;
import org.urna.core.tally.EncryptedTally;
import org.urna.tally.record.ElectionRecordWriter;
import org.urna.tally.record.RecordDocuments;
import org.urna.tally.record.RecordLayout;
import org.urna.tally.record.tlog.EntryBundles;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.MerkleRoots;
import org.urna.tlog.TreeHash;
import org.urna.tlog.TrustPolicy;

/**
 * Writes the record {@link RecordGenerator#generate} makes for the same votes straight to a
 * directory, batch by batch, on all cores, holding one batch at a time: for records too large for
 * memory (test code, the benchmark's generator). Every ballot is encrypted with its own nonces and
 * proofs, chained and signed by its station; the bytes are those of {@link RecordGenerator} for the
 * same name and votes (tested), without the in-memory copies.
 */
public final class RecordStreamGenerator {
  /** Ballots encrypted and recorded together by default. */
  static final int BATCH = 4096;

  private RecordStreamGenerator() {}

  /** What was written: entries, bytes on disk, the expected counts. */
  public record Written(long entries, long bytes, Map<String, Long> expectedCounts) {}

  /**
   * Writes the record of {@code n} votes ({@code vote.apply(i)}) into the new directory {@code
   * dir}, a checkpoint every {@code checkpointEvery} entries and at the end, encrypting and signing
   * on {@code threads} threads. No station events (as {@code generate(name, votes, every)}).
   */
  public static Written write(
      Path dir,
      String name,
      int n,
      IntFunction<RecordGenerator.Vote> vote,
      int checkpointEvery,
      int threads)
      throws Exception {
    return write(dir, name, n, vote, checkpointEvery, threads, BATCH);
  }

  /** As above, {@code batch} ballots encrypted and recorded together. */
  static Written write(
      Path dir,
      String name,
      int n,
      IntFunction<RecordGenerator.Vote> vote,
      int checkpointEvery,
      int threads,
      int batch)
      throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IOException(dir + " is not empty: a record is written into a new directory");
        }
      }
    }
    Files.createDirectories(dir);
    RecordGenerator.Setup setup = RecordGenerator.setup(name);
    ElectionManifest manifest = setup.sample().manifest();
    BallotEncryptor enc = new BallotEncryptor(manifest, setup.key());
    long hour = manifest.votingWindow().opens().getEpochSecond() / 3600;
    byte[] q = setup.key().extendedHash();
    byte[] logSeed = RecordGenerator.seed32(name + "/log-key");

    Map<String, TrackingCode> heads = new TreeMap<>();
    EncryptedTally tally = new EncryptedTally(manifest);
    Map<String, Long> counts = new LinkedHashMap<>();
    RecordDocuments.ChallengedDocument challenged = new RecordDocuments.ChallengedDocument();
    MerkleRoots tree = new MerkleRoots();
    List<byte[]> bundle = new ArrayList<>(EntryBundles.WIDTH);
    long bundles = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int from = 0; from < n; from += batch) {
        int to = Math.min(n, from + batch);
        int size = to - from;
        RecordGenerator.Vote[] votes = new RecordGenerator.Vote[size];
        for (int i = 0; i < size; i++) {
          votes[i] = vote.apply(from + i);
        }

        // Encrypt (with proofs) on every thread.
        EncryptedBallot[] bodies = new EncryptedBallot[size];
        int base = from;
        List<Callable<Void>> parts = new ArrayList<>();
        int part = Math.max(1, (size + 4 * threads - 1) / (4 * threads));
        for (int p = 0; p < size; p += part) {
          int a = p;
          int b = Math.min(size, p + part);
          parts.add(
              () -> {
                for (int i = a; i < b; i++) {
                  RecordGenerator.Vote v = votes[i];
                  int k = base + i;
                  bodies[i] =
                      enc.encrypt(
                          new PlaintextBallot(v.style(), v.choices()),
                          BallotId.of(
                              Arrays.copyOf(RecordGenerator.seed32(name + "/ballot-id/" + k), 16)),
                          v.station(),
                          hour + (k * 7L % 10),
                          NonceSeed.of(RecordGenerator.seed32(name + "/ballot-seed/" + k)));
                }
                return null;
              });
        }
        for (Future<Void> f : pool.invokeAll(parts)) {
          f.get();
        }

        // Chain and sign: each station's ballots in order on one thread, the stations in parallel.
        Map<String, List<Integer>> byStation = new TreeMap<>();
        for (int i = 0; i < size; i++) {
          byStation.computeIfAbsent(votes[i].station(), s -> new ArrayList<>()).add(i);
        }
        RecordedBallot[] recorded = new RecordedBallot[size];
        byte[][] leaves = new byte[size][];
        TreeHash[] hashes = new TreeHash[size];
        List<Callable<EncryptedTally>> stations = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byStation.entrySet()) {
          String station = e.getKey();
          TrackingCode start = heads.getOrDefault(station, TrackingCode.seed(q, station));
          stations.add(
              () -> {
                EncryptedTally part2 = new EncryptedTally(manifest);
                TrackingCode prev = start;
                for (int i : e.getValue()) {
                  RecordGenerator.Vote v = votes[i];
                  NonceSeed seed =
                      NonceSeed.of(RecordGenerator.seed32(name + "/ballot-seed/" + (base + i)));
                  RecordedBallot r =
                      RecordedBallot.record(
                          bodies[i],
                          v.challenge() ? BallotState.CHALLENGED : BallotState.CAST,
                          v.challenge()
                              ? new ChallengeReveal(
                                  seed, new PlaintextBallot(v.style(), v.choices()))
                              : null,
                          prev,
                          setup.sample().stationKey(station));
                  prev = r.code();
                  recorded[i] = r;
                  leaves[i] = ElectionRecordWriter.leaf(r);
                  hashes[i] = MerkleProofs.leafHash(leaves[i]);
                  part2.add(r);
                }
                return part2;
              });
        }
        for (Future<EncryptedTally> f : pool.invokeAll(stations)) {
          tally.addAll(f.get());
        }
        for (Map.Entry<String, List<Integer>> e : byStation.entrySet()) {
          heads.put(e.getKey(), recorded[e.getValue().getLast()].code());
        }

        if (n >= 100_000 && to / 100_000 != from / 100_000) {
          System.err.printf("generated %,d of %,d ballots%n", to, n);
        }

        // In ledger order: the tree, the bundles, the checkpoints, challenged.json, the counts.
        for (int i = 0; i < size; i++) {
          tree.addLeafHash(hashes[i]);
          bundle.add(leaves[i]);
          if (bundle.size() == EntryBundles.WIDTH) {
            writeBundle(dir, bundles++, bundle);
            bundle.clear();
          }
          long entries = tree.size();
          if (entries % checkpointEvery == 0 || entries == n) {
            write(
                dir,
                RecordLayout.checkpoint(entries),
                RecordGenerator.checkpoint(name, logSeed, entries, tree.root().bytes()));
          }
          RecordGenerator.Vote v = votes[i];
          if (v.challenge()) {
            challenged.add(new RecordDocuments.Challenged(from + i, recorded[i]));
          } else {
            v.choices()
                .forEach(
                    (contest, sel) ->
                        sel.forEach(s -> counts.merge(contest + "/" + s, 1L, Long::sum)));
          }
        }
      }
    }
    if (!bundle.isEmpty()) {
      writeBundle(dir, bundles, bundle);
    }
    write(
        dir,
        RecordLayout.POLICY,
        TrustPolicy.parse(RecordGenerator.policy(name).getBytes(StandardCharsets.UTF_8))
            .strictForm()
            .getBytes(StandardCharsets.UTF_8));
    write(dir, RecordLayout.CHALLENGED, challenged.bytes(q));
    RecordGenerator.TallyFiles t = RecordGenerator.tallyFiles(setup, tally);
    Map<String, byte[]> rest =
        new ElectionRecordWriter()
            .election(setup.pkg(), setup.sample().trustAnchor())
            .ceremony(
                setup.params(),
                setup.announcements(),
                setup.deals(),
                setup.reports(),
                List.of(),
                setup.joint())
            .tally(t.totals(), t.shares(), t.results())
            .files()
            .all();
    for (Map.Entry<String, byte[]> e : rest.entrySet()) {
      write(dir, e.getKey(), e.getValue());
    }
    long bytes;
    try (Stream<Path> walk = Files.walk(dir)) {
      bytes =
          walk.filter(Files::isRegularFile)
              .mapToLong(
                  p -> {
                    try {
                      return Files.size(p);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .sum();
    }
    return new Written(tree.size(), bytes, counts);
  }

  private static void writeBundle(Path dir, long index, List<byte[]> entries) throws IOException {
    write(
        dir,
        RecordLayout.ENTRIES + EntryBundles.path(index, entries.size()),
        EntryBundles.write(entries));
  }

  private static void write(Path dir, String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }
}
