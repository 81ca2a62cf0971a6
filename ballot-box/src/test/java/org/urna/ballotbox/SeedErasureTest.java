package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.store.fs.encrypt.FileEncrypt;
import org.h2.store.fs.encrypt.FilePathEncrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cast ballot's nonce seed is gone when the cast returns (decision 0051): not in any page of the
 * H2 file, old chunks included (the whole file is decrypted with the box password and scanned), not
 * in any file beside it, and in no object of the casting process's heap but the one residue
 * decision 0051 names (garbage of election-core's proof-nonce hash). A challenged ballot's seed is
 * public (its reveal) and may stay.
 */
class SeedErasureTest {
  private static final int BALLOTS = 30;
  @TempDir Path dir;

  @Test
  void noSeedOfACastBallotIsInTheFileOrBesideItAfterAKillBeforeClose() throws Exception {
    Path box = dir.resolve("box");
    Child child = run(box, null);
    byte[] plain = decrypted(BoxFile.dataFile(box));
    assertThat(indexOf(plain, child.code))
        .as("the decrypted file holds the last tracking code (the scan reads plaintext)")
        .isNotNegative();
    for (byte[] seed : child.castSeeds) {
      assertThat(indexOf(plain, seed))
          .as("seed %s of a cast ballot in the H2 file", HexFormat.of().formatHex(seed))
          .isNegative();
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (byte[] seed : child.castSeeds) {
          assertThat(indexOf(bytes, seed)).as("a cast ballot's seed in %s", f).isNegative();
        }
      }
    }
    try (BallotBox b = TestBox.open(box)) {
      assertThat(b.counts().cast()).isEqualTo(child.castSeeds.size());
    }
  }

  /**
   * The casting process's heap, dumped twice after the last cast: every object, garbage included,
   * then the live objects only. No object, live or garbage, holds a cast ballot's seed: not the
   * SHA-256 state of the proof-nonce prefix (finished by {@code NonceSource.erase} when the
   * encryption returns, decision 0051), nor a byte[] copy, a BigInteger, a Scalar, an H2 page or
   * buffer; any holder fails the test and is named.
   */
  @Test
  void noSeedOfACastBallotIsInTheHeapOfTheCastingProcess() throws Exception {
    Path box = dir.resolve("box");
    Path dump = dir.resolve("heap");
    Child child = run(box, dump);
    List<byte[]> needles = new ArrayList<>(child.castSeeds);
    int stationKey = needles.size();
    needles.add(TestBox.ELECTION.stationKey.seed());
    int marker = needles.size();
    needles.add(child.garbage);

    Path live = dir.resolve("heap-live.hprof");
    List<HeapDump.Hit> inLive = HeapDump.read(live).find(needles);
    Files.delete(live);
    assertThat(inLive)
        .as("the live dump holds the station key the child keeps (the scan finds live bytes)")
        .anyMatch(h -> h.needle() == stationKey);
    assertThat(inLive).as("the live dump holds no garbage").noneMatch(h -> h.needle() == marker);
    assertThat(inLive.stream().filter(h -> h.needle() < stationKey).map(this::named))
        .as("cast ballots' seeds held by live objects")
        .isEmpty();

    Path all = dir.resolve("heap-all.hprof");
    List<HeapDump.Hit> inAll = HeapDump.read(all).find(needles);
    Files.delete(all);
    assertThat(inAll)
        .as("the dump of every object holds the garbage marker (the scan sees unreachable objects)")
        .anyMatch(h -> h.needle() == marker);
    assertThat(inAll.stream().filter(h -> h.needle() < stationKey).map(this::named))
        .as("cast ballots' seeds held by any object, garbage included")
        .isEmpty();
  }

  private String named(HeapDump.Hit h) {
    return "seed " + h.needle() + " in " + h.holder() + " held by " + h.referrers();
  }

  private record Child(List<byte[]> castSeeds, byte[] code, byte[] garbage) {}

  private Child run(Path box, Path dump) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                classPath,
                SeedChild.class.getName(),
                box.toString(),
                Integer.toString(BALLOTS)));
    if (dump != null) {
      cmd.add(dump.toString());
    }
    Path stdout = dir.resolve("child-out.txt");
    Path stderr = dir.resolve("child-err.txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("child finished").isTrue();
    List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    Files.delete(stdout);
    assertThat(lines).as("child output; stderr: %s", Files.readString(stderr)).contains("DONE");
    Files.delete(stderr);
    List<byte[]> cast = new ArrayList<>();
    byte[] code = null;
    byte[] garbage = null;
    for (String l : lines) {
      String[] parts = l.split(" ");
      switch (parts[0]) {
        case "CAST" -> cast.add(HexFormat.of().parseHex(parts[1]));
        case "CODE" -> code = HexFormat.of().parseHex(parts[1]);
        case "GARBAGE" -> garbage = HexFormat.of().parseHex(parts[1]);
        default -> {}
      }
    }
    assertThat(cast).hasSize(BALLOTS - BALLOTS / 10);
    return new Child(cast, code, garbage);
  }

  /** Every block of an H2 file decrypted with the box's file password (H2's own XTS reader). */
  static byte[] decrypted(Path file) throws IOException {
    // H2 gives the file password itself to its XTS layer, which derives the AES key from it
    // (PBKDF2, the salt in the file header, 10 iterations; docs/spec/ballot-box.md section 7).
    byte[] key = FilePathEncrypt.getPasswordBytes(TestBox.PASSWORD.toCharArray());
    try (FileChannel raw = FileChannel.open(file, StandardOpenOption.READ);
        FileEncrypt f = new FileEncrypt(file.toString(), key, raw)) {
      ByteBuffer all = ByteBuffer.allocate((int) f.size());
      while (all.hasRemaining() && f.read(all, all.position()) > 0) {}
      return all.array();
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
