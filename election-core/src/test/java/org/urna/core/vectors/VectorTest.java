package org.urna.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.core.vectors.Vectors.HEX;
import static org.urna.core.vectors.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.DecryptionProof;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.RangeProof;
import org.urna.core.crypto.Scalar;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.Step;

/** Recomputes every test vector of docs/spec/ballot-cryptography.md section 9. */
class VectorTest {
  static final JsonNode ELECTION = Vectors.read("election.json");
  static final Vectors.VectorElection VE = Vectors.election(ELECTION);

  @Test
  void electionKeyIsTheSecretTimesG() {
    assertThat(VE.key().key().toHex()).isEqualTo(ELECTION.get("publicKey").asText());
    assertThat(VE.stationKey().publicKey().toHex())
        .isEqualTo(ELECTION.get("stationPublicKey").asText());
  }

  @Nested
  class Hashing {
    @Test
    void taggedHashesAndHashToScalar() {
      for (JsonNode c : Vectors.read("hash.json").get("cases")) {
        String tag = c.get("tag").asText().substring(Hash.TAG_PREFIX.length());
        Hash h = Hash.tagged(tag);
        Hash h2 = Hash.tagged(tag);
        c.get("parts")
            .forEach(
                p -> {
                  h.part(HEX.parseHex(p.asText()));
                  h2.part(HEX.parseHex(p.asText()));
                });
        assertThat(HEX.formatHex(h.digest())).isEqualTo(c.get("digest").asText());
        assertThat(h2.toScalar().toHex()).isEqualTo(c.get("scalar").asText());
      }
    }
  }

  @Nested
  class ElGamal {
    @Test
    void encryptionWithAFixedNonce() {
      for (JsonNode c : Vectors.read("elgamal.json").get("cases")) {
        ElGamalCiphertext ct =
            VE.key().encrypt(c.get("m").asInt(), Scalar.decode(hex(c.get("r")))).normalize();
        assertThat(ct.alpha().toHex()).isEqualTo(c.get("alpha").asText());
        assertThat(ct.beta().toHex()).isEqualTo(c.get("beta").asText());
      }
    }
  }

  @Nested
  class RangeProofs {
    @Test
    void proofsAreReproducedByteForByteAndVerify() {
      for (JsonNode c : Vectors.read("range-proof.json").get("cases")) {
        ElGamalCiphertext ct =
            new ElGamalCiphertext(
                Point.decode(hex(c.get("alpha"))), Point.decode(hex(c.get("beta"))));
        NonceSeed seed = NonceSeed.of(hex(c.get("nonceSeed")));
        BallotId id = BallotId.fromHex(c.get("ballotId").asText());
        int limit = c.get("limit").asInt();
        RangeProof p =
            RangeProof.prove(
                VE.key(),
                c.get("label").asText(),
                ct,
                c.get("m").asInt(),
                Scalar.decode(hex(c.get("r"))),
                limit,
                seed.proofNonces(id));
        assertThat(HEX.formatHex(p.toBytes())).isEqualTo(c.get("proof").asText());
        assertThat(
                RangeProof.decode(hex(c.get("proof")), limit)
                    .verify(VE.key(), c.get("label").asText(), ct))
            .isTrue();
      }
    }
  }

  @Nested
  class Ballots {
    final JsonNode b = Vectors.read("ballot.json");
    final PlaintextBallot p = Vectors.plaintext("style-1", b.get("choices"));
    final NonceSeed seed = NonceSeed.of(hex(b.get("nonceSeed")));
    final EncryptedBallot body =
        new BallotEncryptor(VE.manifest(), VE.key())
            .encrypt(
                p,
                BallotId.fromHex(b.get("ballotId").asText()),
                "station-1",
                b.get("epochHour").asLong(),
                seed);

    @Test
    void bodyEncodingAndHash() {
      assertThat(HEX.formatHex(body.toBytes())).isEqualTo(b.get("body").asText());
      assertThat(HEX.formatHex(body.hash())).isEqualTo(b.get("bodyHash").asText());
      assertThat(TrackingCode.seed(VE.key().extendedHash(), "station-1").toHex())
          .isEqualTo(b.get("trackingCodeSeed").asText());
    }

    @Test
    void castAndChallengedRecordsCodesAndSignatures() {
      TrackingCode start = TrackingCode.seed(VE.key().extendedHash(), "station-1");
      check(
          b.get("cast"),
          RecordedBallot.record(body, BallotState.CAST, null, start, VE.stationKey()));
      check(
          b.get("challenged"),
          RecordedBallot.record(
              body, BallotState.CHALLENGED, new ChallengeReveal(seed, p), start, VE.stationKey()));
    }

    private void check(JsonNode v, RecordedBallot r) {
      assertThat(HEX.formatHex(RecordedBallot.recordedHash(r.ballot(), r.state(), r.reveal())))
          .isEqualTo(v.get("recordedHash").asText());
      assertThat(r.code().toHex()).isEqualTo(v.get("trackingCode").asText());
      assertThat(r.code().display()).isEqualTo(v.get("display").asText());
      assertThat(r.signature().toHex()).isEqualTo(v.get("signature").asText());
      assertThat(HEX.formatHex(r.toBytes())).isEqualTo(v.get("recorded").asText());
      RecordedBallot decoded = RecordedBallot.decode(hex(v.get("recorded")));
      assertThat(new BallotVerifier(VE.manifest(), VE.key()).verify(decoded)).isEmpty();
    }
  }

  @Nested
  class Decryption {
    @Test
    void decryptionProofWithAFixedNonce() {
      JsonNode d = Vectors.read("decryption.json");
      ElGamalCiphertext ct =
          new ElGamalCiphertext(
              Point.decode(hex(d.get("alpha"))), Point.decode(hex(d.get("beta"))));
      DecryptionProof p =
          DecryptionProof.prove(
              VE.key(),
              VE.secret(),
              d.get("label").asText(),
              ct,
              d.get("total").asLong(),
              Scalar.decode(hex(d.get("u"))));
      assertThat(HEX.formatHex(p.toBytes())).isEqualTo(d.get("proof").asText());
      assertThat(p.verify(VE.key(), d.get("label").asText(), ct, d.get("total").asLong())).isTrue();
    }
  }

  static Stream<JsonNode> stepCases() {
    List<JsonNode> out = new ArrayList<>();
    Vectors.read("steps.json").get("cases").forEach(out::add);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stepCases")
  void eachStepVectorFailsAtItsStep(JsonNode c) {
    assertThat(StepVectors.firstFailingStep(VE, c))
        .as(c.get("description").asText())
        .isEqualTo(Step.valueOf(c.get("step").asText()));
  }

  @Test
  void everyStepHasAVector() {
    List<String> covered = stepCases().map(c -> c.get("step").asText()).toList();
    for (Step s : Step.values()) {
      assertThat(covered).as("vector for " + s).contains(s.name());
    }
  }
}
