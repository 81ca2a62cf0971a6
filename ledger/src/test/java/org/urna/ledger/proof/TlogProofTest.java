package org.urna.ledger.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.merkle.ProofVerifier;
import org.urna.ledger.merkle.Rfc6962;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.note.SigningKey;

class TlogProofTest {
  @TempDir Path dir;

  @Test
  void aProofFileHasTheSpecLayoutAndVerifiesOffline() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("log"))) {
      List<byte[]> e = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        e.add(("ballot " + i).getBytes(StandardCharsets.UTF_8));
      }
      log.append(e);
      SigningKey key =
          SigningKey.generate("ledger.example/e1", SignatureType.ED25519, new SecureRandom());
      String text = new Checkpoint("ledger.example/e1", log.head()).text();
      SignedNote cp = new SignedNote(text, List.of(SignedNote.sign(key, text)));
      TlogProof proof =
          new TlogProof(Optional.of(log.entry(42)), 42, log.inclusionProof(42, 100), cp);
      String file = proof.format();
      String[] lines = file.split("\n");
      assertThat(lines[0]).isEqualTo("c2sp.org/tlog-proof@v1");
      assertThat(lines[1]).startsWith("extra ");
      assertThat(lines[2]).isEqualTo("index 42");
      assertThat(file).contains("\n\nledger.example/e1\n100\n");
      TlogProof parsed = TlogProof.parse(file);
      assertThat(parsed.format()).isEqualTo(file);
      Checkpoint c = Checkpoint.parse(parsed.checkpoint().text());
      assertThat(parsed.checkpoint().verifiedBy(key.verifierKey())).isTrue();
      assertThat(
              ProofVerifier.verifyInclusion(
                  Rfc6962.leafHash(parsed.extra().orElseThrow()),
                  parsed.index(),
                  c.size(),
                  parsed.path(),
                  c.root()))
          .isTrue();
      assertThat(
              ProofVerifier.verifyInclusion(
                  Rfc6962.leafHash(log.entry(41)),
                  parsed.index(),
                  c.size(),
                  parsed.path(),
                  c.root()))
          .isFalse();
    }
  }
}
