package org.urna.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.Vectors;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.note.SigningKey;

class CosignerTest {
  static final String ORIGIN = "ledger.example/test";
  @TempDir Path dir;
  SigningKey logKey = SigningKey.generate(ORIGIN, SignatureType.ED25519, new SecureRandom());
  SigningKey witnessKey =
      SigningKey.generate("w1.example", SignatureType.COSIGNATURE_V1, new SecureRandom());
  Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  MerkleLog log;
  Cosigner cosigner;

  @BeforeEach
  void setUp() throws Exception {
    log = MerkleLog.open(dir.resolve("log"));
    cosigner = newCosigner();
  }

  Cosigner newCosigner() throws Exception {
    return new Cosigner(
        witnessKey,
        ORIGIN,
        List.of(logKey.verifierKey()),
        LogAgreement.NONE,
        dir.resolve("witness-state"),
        clock);
  }

  void grow(int n) throws Exception {
    List<byte[]> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      e.add(("e" + log.size() + i).getBytes(StandardCharsets.UTF_8));
    }
    log.append(e);
  }

  SignedNote checkpoint(long size, NodeHash root) {
    String text = new Checkpoint(ORIGIN, size, root, List.of()).text();
    return new SignedNote(text, List.of(SignedNote.sign(logKey, text)));
  }

  byte[] request(long old, long size) {
    return new AddCheckpointRequest(
            old, log.consistencyProof(old, size), checkpoint(size, log.root(size)))
        .format()
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void specExampleRequestBodyParses() {
    AddCheckpointRequest r =
        AddCheckpointRequest.parse(Vectors.bytes("c2sp-add-checkpoint-request.txt"));
    assertThat(r.oldSize()).isEqualTo(20852014L);
    assertThat(r.proof()).hasSize(4);
    assertThat(r.checkpoint().signatures()).hasSize(2);
    assertThat(r.format().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(Vectors.bytes("c2sp-add-checkpoint-request.txt"));
  }

  @Test
  void cosignsAConsistentSequenceAndPersistsTheLatestSize() throws Exception {
    grow(10);
    var first = cosigner.addCheckpoint(request(0, 10));
    assertThat(first).isInstanceOf(WitnessResponse.Cosigned.class);
    SignedNote cp10 = checkpoint(10, log.root(10));
    var sig = ((WitnessResponse.Cosigned) first).cosignatures().getFirst();
    assertThat(Cosignatures.verify(witnessKey.verifierKey(), cp10.text(), sig))
        .hasValue(1_700_000_000L);
    grow(7);
    assertThat(cosigner.addCheckpoint(request(10, 17)))
        .isInstanceOf(WitnessResponse.Cosigned.class);
    // A restarted witness remembers 17.
    assertThat(newCosigner().addCheckpoint(request(10, 17)))
        .isEqualTo(new WitnessResponse.Conflict(17));
  }

  @Test
  void answersWithTheSpecStatusCodes() throws Exception {
    grow(5);
    // 409 with the latest size when old does not match.
    assertThat(cosigner.addCheckpoint(request(3, 5))).isEqualTo(new WitnessResponse.Conflict(0));
    // 400 when old exceeds the checkpoint size.
    byte[] tooOld =
        new AddCheckpointRequest(6, List.of(), checkpoint(5, log.root(5)))
            .format()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(cosigner.addCheckpoint(tooOld))
        .isEqualTo(
            new WitnessResponse.Refused(400, "the old size is larger than the checkpoint size"));
    // 403 when no trusted log key signed.
    SigningKey stranger = SigningKey.generate(ORIGIN, SignatureType.ED25519, new SecureRandom());
    String text = new Checkpoint(ORIGIN, 5, log.root(5), List.of()).text();
    byte[] forged =
        new AddCheckpointRequest(
                0, List.of(), new SignedNote(text, List.of(SignedNote.sign(stranger, text))))
            .format()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(cosigner.addCheckpoint(forged))
        .isInstanceOfSatisfying(
            WitnessResponse.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    // 404 for an unknown origin.
    SigningKey other =
        SigningKey.generate("other.example", SignatureType.ED25519, new SecureRandom());
    String otherText = new Checkpoint("other.example", 5, log.root(5), List.of()).text();
    byte[] unknown =
        new AddCheckpointRequest(
                0, List.of(), new SignedNote(otherText, List.of(SignedNote.sign(other, otherText))))
            .format()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(cosigner.addCheckpoint(unknown))
        .isInstanceOfSatisfying(
            WitnessResponse.Refused.class, r -> assertThat(r.status()).isEqualTo(404));
    // 400 for a malformed body.
    assertThat(cosigner.addCheckpoint("nonsense".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            WitnessResponse.Refused.class, r -> assertThat(r.status()).isEqualTo(400));
  }

  @Test
  void refusesAForkedCheckpointWith422AndKeepsItsState() throws Exception {
    grow(8);
    assertThat(cosigner.addCheckpoint(request(0, 8))).isInstanceOf(WitnessResponse.Cosigned.class);
    // A log that rewrote entry 3 and grew to 12: its proof cannot link to what was cosigned.
    MerkleLog forked = MerkleLog.open(dir.resolve("forked"));
    for (int i = 0; i < 12; i++) {
      forked.append(List.of(("fork" + i).getBytes(StandardCharsets.UTF_8)));
    }
    byte[] body =
        new AddCheckpointRequest(8, forked.consistencyProof(8, 12), checkpoint(12, forked.root(12)))
            .format()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(cosigner.addCheckpoint(body))
        .isInstanceOfSatisfying(
            WitnessResponse.Refused.class, r -> assertThat(r.status()).isEqualTo(422));
    assertThat(cosigner.latest().orElseThrow().size()).isEqualTo(8);
    // Same size, another root: 409.
    byte[] sameSize =
        new AddCheckpointRequest(8, List.of(), checkpoint(8, forked.root(8)))
            .format()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(cosigner.addCheckpoint(sameSize)).isEqualTo(new WitnessResponse.Conflict(8));
  }

  @Test
  void aValidatorRefusesAHeadThatDisagreesWithItsOwnLog() throws Exception {
    grow(4);
    Cosigner validator =
        new Cosigner(
            witnessKey,
            ORIGIN,
            List.of(logKey.verifierKey()),
            head ->
                head.root().equals(log.root(head.size()))
                    ? LogAgreement.Verdict.AGREES
                    : LogAgreement.Verdict.DISAGREES,
            dir.resolve("validator-state"),
            clock);
    byte[] lie =
        new AddCheckpointRequest(0, List.of(), checkpoint(4, log.root(3)))
            .format()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(validator.addCheckpoint(lie))
        .isInstanceOfSatisfying(
            WitnessResponse.Refused.class, r -> assertThat(r.status()).isEqualTo(422));
    assertThat(validator.addCheckpoint(request(0, 4))).isInstanceOf(WitnessResponse.Cosigned.class);
  }

  /** A memory whose answers the test sets: the replicated log's latest agreed checkpoint. */
  static final class Memory implements WitnessMemory {
    volatile String unknown;
    volatile org.urna.ledger.merkle.TreeHead agreed;

    @Override
    public java.util.Optional<String> unknownBecause() {
      return java.util.Optional.ofNullable(unknown);
    }

    @Override
    public java.util.Optional<org.urna.ledger.merkle.TreeHead> agreed() {
      return java.util.Optional.ofNullable(agreed);
    }
  }

  @Test
  void aWitnessWithoutStateWaitsForTheAgreedCheckpointAndNeverCosignsBelowIt() throws Exception {
    grow(300);
    grow(3700);
    // The witness had cosigned 4000, then its folder was wiped: no state file.
    Memory memory = new Memory();
    memory.unknown = "it is rejoining the group";
    Cosigner wiped =
        new Cosigner(
            witnessKey,
            ORIGIN,
            List.of(logKey.verifierKey()),
            LogAgreement.NONE,
            dir.resolve("wiped-state"),
            clock,
            memory);
    assertThat(wiped.addCheckpoint(request(0, 300)))
        .isInstanceOfSatisfying(
            WitnessResponse.Refused.class,
            r -> {
              assertThat(r.status()).isEqualTo(503);
              assertThat(r.reason()).contains("no witness state").contains("rejoining");
            });
    assertThat(java.nio.file.Files.exists(dir.resolve("wiped-state"))).isFalse();
    // It learned the agreed checkpoint 4000 from the replicated log.
    memory.agreed = log.head().size() == 4000 ? log.head() : null;
    memory.unknown = null;
    assertThat(wiped.addCheckpoint(request(0, 300))).isEqualTo(new WitnessResponse.Conflict(4000));
    assertThat(wiped.addCheckpoint(request(0, 4000))).isEqualTo(new WitnessResponse.Conflict(4000));
    byte[] stale =
        new AddCheckpointRequest(4000, List.of(), checkpoint(300, log.root(300)))
            .format()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(wiped.addCheckpoint(stale)).isNotInstanceOf(WitnessResponse.Cosigned.class);
    // Newer and consistent with 4000: cosigned, and the raised state was persisted.
    grow(10);
    assertThat(wiped.addCheckpoint(request(4000, 4010)))
        .isInstanceOf(WitnessResponse.Cosigned.class);
    assertThat(wiped.latest().orElseThrow().size()).isEqualTo(4010);
    // A memory that forgets again (peers unreachable) does not close a witness that has state.
    memory.unknown = "its Raft server is not running";
    grow(5);
    assertThat(wiped.addCheckpoint(request(4010, 4015)))
        .isInstanceOf(WitnessResponse.Cosigned.class);
  }

  @Test
  void aWitnessWithStateIsRaisedToANewerAgreedCheckpoint() throws Exception {
    grow(10);
    assertThat(cosigner.addCheckpoint(request(0, 10))).isInstanceOf(WitnessResponse.Cosigned.class);
    grow(20);
    Memory memory = new Memory();
    memory.agreed = log.head();
    Cosigner behind =
        new Cosigner(
            witnessKey,
            ORIGIN,
            List.of(logKey.verifierKey()),
            LogAgreement.NONE,
            dir.resolve("witness-state"),
            clock,
            memory);
    // It had cosigned 10; the group agreed 30 without it: 20 is below the agreed checkpoint.
    assertThat(behind.addCheckpoint(request(10, 20))).isEqualTo(new WitnessResponse.Conflict(30));
  }
}
