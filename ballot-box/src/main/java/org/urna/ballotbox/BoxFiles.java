package org.urna.ballotbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.urna.core.ballot.BallotId;

/**
 * The small files beside a ballot box's H2 file: the folder's own fsync, and the one-time pads of
 * pending ballots' nonce seeds (decision 0051). A pad file {@code <box>.pad-<ballot id>} holds 32
 * random bytes; H2 stores only {@code seed XOR pad}. At cast the pad is overwritten in place with
 * zeros, forced to the disk and deleted, so the seed can no longer be recovered from any version of
 * the H2 file (whose old chunks keep the masked value).
 */
final class BoxFiles {
  static final int PAD = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private BoxFiles() {}

  /** Forces a folder's entries (a created, renamed or deleted file) to the disk. */
  static void forceFolder(Path folder) throws IOException {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a folder for reading; Linux file systems allow it.
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
        throw e;
      }
    }
  }

  static Path padFile(Path base, BallotId id) {
    return base.resolveSibling(base.getFileName() + ".pad-" + id.toHex());
  }

  /** Writes a fresh pad for {@code id} durably and returns it (the caller zeroes it after use). */
  static byte[] createPad(Path base, BallotId id) throws IOException {
    byte[] pad = new byte[PAD];
    RANDOM.nextBytes(pad);
    Path f = padFile(base, id);
    try (FileChannel ch =
        FileChannel.open(
            f,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(pad);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    forceFolder(f.toAbsolutePath().getParent());
    return pad;
  }

  /** The pad of a pending ballot, or null when its file is missing or is not 32 bytes. */
  static byte[] readPad(Path base, BallotId id) throws IOException {
    try {
      byte[] pad = Files.readAllBytes(padFile(base, id));
      if (pad.length != PAD) {
        Arrays.fill(pad, (byte) 0);
        return null;
      }
      return pad;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Overwrites a pad in place with zeros, forces it to the disk, deletes it. */
  static void erasePad(Path base, BallotId id) throws IOException {
    Path f = padFile(base, id);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.max(size, PAD));
      while (zeros.hasRemaining()) {
        ch.write(zeros, zeros.position());
      }
      ch.force(true);
    } catch (NoSuchFileException e) {
      return;
    }
    Files.deleteIfExists(f);
  }

  /** The ballot ids that have a pad file beside the box. */
  static List<String> padIds(Path base) throws IOException {
    String prefix = base.getFileName() + ".pad-";
    List<String> ids = new ArrayList<>();
    Path folder = base.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      return ids;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, prefix + "*")) {
      for (Path p : s) {
        ids.add(p.getFileName().toString().substring(prefix.length()));
      }
    }
    return ids;
  }

  static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }
}
