package org.urna.ballotbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * The signed chain head kept beside the H2 file ({@code <box>.head}, docs/spec/ballot-box.md
 * section 6): how many ballots and audit entries the station has acknowledged, the last tracking
 * code and the last audit hash, signed by the station key. The H2 file must extend it: a file
 * behind its head lost acknowledged ballots (a damaged tail rolled back, rows deleted, an older
 * copy restored) and is refused, never repaired.
 */
record BoxHead(
    long chainLength, TrackingCode code, long auditLength, byte[] auditHash, Signature signature) {
  static final String SUFFIX = ".head";
  private static final byte[] MAGIC = {'U', 'R', 'N', 'A', 'H', 'E', 'A', 'D'};
  private static final byte VERSION = 1;
  static final int BYTES = MAGIC.length + 1 + 8 + TrackingCode.BYTES + 8 + 32 + Signature.BYTES;

  BoxHead {
    auditHash = auditHash.clone();
  }

  static Path file(Path base) {
    return base.resolveSibling(base.getFileName() + SUFFIX);
  }

  /** {@code H("box-head", Q, station_id, chain_length, code, audit_length, audit_hash)}. */
  static byte[] message(
      byte[] extendedHash,
      String stationId,
      long chainLength,
      TrackingCode code,
      long auditLength,
      byte[] auditHash) {
    return Hash.tagged("box-head")
        .part(extendedHash)
        .part(stationId)
        .part(chainLength)
        .part(code.toBytes())
        .part(auditLength)
        .part(auditHash)
        .digest();
  }

  static BoxHead sign(
      SigningKey key,
      byte[] extendedHash,
      String stationId,
      long chainLength,
      TrackingCode code,
      long auditLength,
      byte[] auditHash) {
    byte[] m = message(extendedHash, stationId, chainLength, code, auditLength, auditHash);
    return new BoxHead(chainLength, code, auditLength, auditHash, key.sign(m));
  }

  boolean signedBy(VerifyingKey key, byte[] extendedHash, String stationId) {
    return key.verifies(
        message(extendedHash, stationId, chainLength, code, auditLength, auditHash), signature);
  }

  byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    b.put(MAGIC).put(VERSION).putLong(chainLength).put(code.toBytes()).putLong(auditLength);
    b.put(auditHash).put(signature.toBytes());
    return b.array();
  }

  static BoxHead decode(byte[] bytes) {
    if (bytes.length != BYTES
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || bytes[MAGIC.length] != VERSION) {
      throw new IllegalArgumentException("not a ballot box head of version " + VERSION);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, MAGIC.length + 1, BYTES - MAGIC.length - 1);
    long chain = b.getLong();
    byte[] code = new byte[TrackingCode.BYTES];
    b.get(code);
    long audit = b.getLong();
    byte[] hash = new byte[32];
    b.get(hash);
    byte[] sig = new byte[Signature.BYTES];
    b.get(sig);
    if (chain < 0 || audit < 0) {
      throw new IllegalArgumentException("negative counts");
    }
    try {
      return new BoxHead(chain, TrackingCode.of(code), audit, hash, Signature.decode(sig));
    } catch (CryptoFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The head beside {@code base}, if there is one; a damaged head file is TAMPERED. */
  static Optional<BoxHead> read(Path base) {
    Path f = file(base);
    if (!Files.isDirectory(f.toAbsolutePath().getParent())) {
      return Optional.empty(); // no folder, no head (creation then says why it cannot write)
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "The ballot box's signed head " + f + " cannot be read: " + e.getMessage() + ".",
          e);
    }
    try {
      return Optional.of(decode(bytes));
    } catch (IllegalArgumentException e) {
      throw new BallotBoxException(
          Kind.TAMPERED,
          "The ballot box's signed head "
              + f
              + " is damaged ("
              + e.getMessage()
              + "). The box was not opened and nothing was changed; call the technician.");
    }
  }

  /**
   * Replaces the head file durably: written to a temporary file, forced to the disk, renamed over
   * the head, and the folder forced, so that after a crash the head is either the old or the new.
   */
  void write(Path base) throws IOException {
    Path f = file(base);
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(toBytes());
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
    }
    BoxFiles.forceFolder(f.toAbsolutePath().getParent());
  }
}
