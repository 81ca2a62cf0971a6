package org.urna.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MerkleLogTest {
  @TempDir Path dir;

  static List<byte[]> entries(int from, int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void reopenedLogHasTheSameEntriesAndRoot() throws Exception {
    Path file = dir.resolve("entries.log");
    TreeHead head;
    try (MerkleLog log = MerkleLog.open(file)) {
      log.append(entries(0, 300));
      log.append(entries(300, 77));
      head = log.head();
    }
    try (MerkleLog log = MerkleLog.open(file)) {
      assertThat(log.head()).isEqualTo(head);
      assertThat(new String(log.entry(376), StandardCharsets.UTF_8)).isEqualTo("entry 376");
      assertThat(log.truncatedOnOpen()).isZero();
    }
  }

  @Test
  void aTornTailIsCutOffOnOpenAndTheLogStaysUsable() throws Exception {
    Path file = dir.resolve("entries.log");
    TreeHead head;
    try (MerkleLog log = MerkleLog.open(file)) {
      log.append(entries(0, 10));
      head = log.head();
      log.append(entries(10, 1));
    }
    // A crash mid-write: the last record lost its final bytes.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() - 3);
    }
    try (MerkleLog log = MerkleLog.open(file)) {
      assertThat(log.head()).isEqualTo(head);
      assertThat(log.truncatedOnOpen()).isPositive();
      log.append(entries(10, 1));
      assertThat(log.size()).isEqualTo(11);
    }
  }

  @Test
  void aCorruptedTailRecordFailsItsChecksumAndIsCut() throws Exception {
    Path file = dir.resolve("entries.log");
    try (MerkleLog log = MerkleLog.open(file)) {
      log.append(entries(0, 5));
    }
    byte[] all = Files.readAllBytes(file);
    all[all.length - 1] ^= 1;
    Files.write(file, all);
    try (MerkleLog log = MerkleLog.open(file)) {
      assertThat(log.size()).isEqualTo(4);
    }
  }

  @Test
  void truncateReturnsToAnEarlierState() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      log.append(entries(0, 1000));
      NodeHash at600 = log.root(600);
      log.truncate(600);
      assertThat(log.head()).isEqualTo(new TreeHead(600, at600));
      log.append(entries(600, 400));
      assertThat(log.size()).isEqualTo(1000);
    }
  }
}
