package org.urna.ledger.witness;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.merkle.ProofVerifier;
import org.urna.ledger.merkle.TreeHead;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.NoteSignature;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.note.VerifierKey;

/**
 * A tlog-witness: cosigns a checkpoint only when it is consistent with the latest one it cosigned
 * (persisted before answering) and, for a validator, only when it matches its own log. The check of
 * the old size and the update of the state are one atomic step.
 *
 * <p>Its state never goes below the latest agreed checkpoint it learns from its {@link
 * WitnessMemory}: a validator whose state file was lost (a wiped folder) would otherwise accept
 * {@code old 0} again and cosign a checkpoint older than one it had cosigned. Without a state file
 * of its own it answers 503 until the memory knows the agreed checkpoint, then starts from it.
 */
public final class Cosigner {
  private static final Logger LOG = LoggerFactory.getLogger(Cosigner.class);

  private final SigningKey key;
  private final String origin;
  private final List<VerifierKey> logKeys;
  private final LogAgreement agreement;
  private final Path stateFile;
  private final Clock clock;
  private final WitnessMemory memory;
  private boolean learned;
  private TreeHead latest;

  public Cosigner(
      SigningKey key,
      String origin,
      List<VerifierKey> logKeys,
      LogAgreement agreement,
      Path stateFile,
      Clock clock)
      throws IOException {
    this(key, origin, logKeys, agreement, stateFile, clock, WitnessMemory.NONE);
  }

  public Cosigner(
      SigningKey key,
      String origin,
      List<VerifierKey> logKeys,
      LogAgreement agreement,
      Path stateFile,
      Clock clock,
      WitnessMemory memory)
      throws IOException {
    this.memory = memory;
    this.key = key;
    this.origin = origin;
    this.logKeys = List.copyOf(logKeys);
    this.agreement = agreement;
    this.stateFile = stateFile;
    this.clock = clock;
    this.latest = load(stateFile).orElse(null);
    this.learned = latest != null;
    if (!learned) {
      LOG.info(
          "Cosigner {} has no state file: it cosigns once it knows the agreed checkpoint",
          key.name());
    }
  }

  /**
   * Why this witness cannot cosign yet: it has no state file and does not know the latest agreed
   * checkpoint. Empty once it can (from then on it never needs to ask again).
   */
  public synchronized Optional<String> notReadyBecause() {
    if (learned) {
      return Optional.empty();
    }
    Optional<String> unknown = memory.unknownBecause();
    learned = unknown.isEmpty();
    return unknown.map(
        why ->
            "this validator has no witness state and has not yet learned the latest"
                + " quorum-cosigned checkpoint from its peers ("
                + why
                + "); retry later");
  }

  /** Raises the state to the agreed checkpoint when that is newer. Holds the lock. */
  private void raise() throws IOException {
    Optional<TreeHead> agreed = memory.agreed();
    if (agreed.isPresent() && (latest == null || agreed.get().size() > latest.size())) {
      LOG.info(
          "Cosigner {}: raised from {} to the agreed checkpoint {}",
          key.name(),
          latest == null ? "nothing" : latest.size(),
          agreed.get().size());
      store(agreed.get());
      latest = agreed.get();
    }
  }

  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  public synchronized Optional<TreeHead> latest() {
    try {
      raise();
    } catch (IOException e) {
      LOG.warn("Could not persist the raised cosigner state: {}", e.toString());
    }
    return Optional.ofNullable(latest);
  }

  public WitnessResponse addCheckpoint(byte[] body) {
    AddCheckpointRequest request;
    Checkpoint cp;
    try {
      request = AddCheckpointRequest.parse(body);
      cp = Checkpoint.parse(request.checkpoint().text());
    } catch (NoteFormatException e) {
      return new WitnessResponse.Refused(400, e.getMessage());
    }
    if (!cp.origin().equals(origin)) {
      return new WitnessResponse.Refused(404, "unknown log origin");
    }
    if (logKeys.stream().noneMatch(request.checkpoint()::verifiedBy)) {
      return new WitnessResponse.Refused(403, "no signature from a trusted log key verifies");
    }
    if (request.oldSize() > cp.size()) {
      return new WitnessResponse.Refused(400, "the old size is larger than the checkpoint size");
    }
    synchronized (this) {
      Optional<String> wait = notReadyBecause();
      if (wait.isPresent()) {
        return new WitnessResponse.Refused(503, wait.get());
      }
      try {
        raise();
      } catch (IOException e) {
        return new WitnessResponse.Refused(500, "could not persist the cosigned size");
      }
      long latestSize = latest == null ? 0 : latest.size();
      if (request.oldSize() != latestSize) {
        return new WitnessResponse.Conflict(latestSize);
      }
      if (latest != null && request.oldSize() == cp.size()) {
        if (!latest.root().equals(cp.root())) {
          LOG.warn(
              "Refused checkpoint {}: same size as the last cosigned, another root", cp.size());
          return new WitnessResponse.Conflict(latestSize);
        }
      } else if (latest == null) {
        if (!request.proof().isEmpty()) {
          return new WitnessResponse.Refused(422, "the proof must be empty when the old size is 0");
        }
      } else if (!ProofVerifier.verifyConsistency(
          latest.size(), cp.size(), request.proof(), latest.root(), cp.root())) {
        LOG.warn(
            "Refused checkpoint {}: not consistent with cosigned size {}",
            cp.size(),
            latest.size());
        return new WitnessResponse.Refused(
            422, "the consistency proof from the last cosigned checkpoint does not verify");
      }
      switch (agreement.check(cp.head())) {
        case AGREES -> {}
        case BEHIND -> {
          return new WitnessResponse.Refused(
              503, "this validator has not yet applied the entries up to that size; retry");
        }
        case DISAGREES -> {
          LOG.warn("Refused checkpoint {}: the root differs from this validator's log", cp.size());
          return new WitnessResponse.Refused(
              422, "the root hash does not match the log this validator built");
        }
      }
      try {
        store(cp.head());
      } catch (IOException e) {
        return new WitnessResponse.Refused(500, "could not persist the cosigned size");
      }
      latest = cp.head();
    }
    long now = clock.instant().getEpochSecond();
    NoteSignature sig = Cosignatures.sign(key, request.checkpoint().text(), now);
    return new WitnessResponse.Cosigned(List.of(sig));
  }

  private void store(TreeHead head) throws IOException {
    Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    Files.createDirectories(stateFile.toAbsolutePath().getParent());
    byte[] data =
        (head.size() + "\n" + head.root().base64() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(data));
      ch.force(true);
    }
    Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Optional<TreeHead> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String[] lines = Files.readString(file).split("\n");
    if (lines.length < 2) {
      throw new IOException("the cosigner state file is damaged: " + file);
    }
    return Optional.of(new TreeHead(Long.parseLong(lines[0]), NodeHash.fromBase64(lines[1])));
  }
}
