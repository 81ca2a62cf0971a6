package org.urna.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urna.ledger.merkle.Rfc6962;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.note.SigningKey;

class WitnessPolicyTest {
  SecureRandom rnd = new SecureRandom();

  @Test
  void twoOfThreeValidatorsMakeAQuorumAndTheFileRoundTrips() {
    SigningKey log = SigningKey.generate("ledger.example/e1", SignatureType.ED25519, rnd);
    List<SigningKey> ws =
        List.of(
            SigningKey.generate("v1.example", SignatureType.COSIGNATURE_V1, rnd),
            SigningKey.generate("v2.example", SignatureType.COSIGNATURE_V1, rnd),
            SigningKey.generate("v3.example", SignatureType.COSIGNATURE_V1, rnd));
    WitnessPolicy policy =
        WitnessPolicy.threshold(
            List.of(new WitnessPolicy.LogKey(log.verifierKey(), Optional.empty())),
            ws.stream()
                .map(
                    w ->
                        new WitnessPolicy.Witness(
                            w.name(),
                            w.verifierKey(),
                            Optional.of("http://127.0.0.1:1/" + w.name())))
                .toList(),
            2);
    String file = policy.format();
    assertThat(file)
        .contains("group validators 2 v1.example v2.example v3.example\nquorum validators\n");
    WitnessPolicy parsed = WitnessPolicy.parse(file.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.format()).isEqualTo(file);

    String text =
        new Checkpoint("ledger.example/e1", 1, Rfc6962.leafHash(new byte[1]), List.of()).text();
    SignedNote note =
        new SignedNote(text, List.of(SignedNote.sign(log, text)))
            .withSignature(Cosignatures.sign(ws.get(0), text, 1));
    assertThat(parsed.accepts(note)).isFalse();
    note = note.withSignature(Cosignatures.sign(ws.get(2), text, 2));
    assertThat(parsed.cosigners(note)).isEqualTo(Set.of("v1.example", "v3.example"));
    assertThat(parsed.accepts(note)).isTrue();
  }

  @Test
  void nestedGroupsFromTheSpecExampleAreEvaluated() {
    StringBuilder sb = new StringBuilder();
    for (String n : List.of("X1", "X2", "X3", "Y1", "Y2", "Y3")) {
      sb.append("witness ")
          .append(n)
          .append(' ')
          .append(
              SigningKey.generate(n + ".example", SignatureType.COSIGNATURE_V1, rnd)
                  .verifierKey()
                  .vkey())
          .append('\n');
    }
    sb.append("group X-witnesses 2 X1 X2 X3\ngroup Y-witnesses any Y1 Y2 Y3\n");
    sb.append("  # comment\ngroup X-and-Y all X-witnesses Y-witnesses\nquorum X-and-Y\n");
    WitnessPolicy p = WitnessPolicy.parse(sb.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(p.quorumReached(Set.of("X1", "X3", "Y2"))).isTrue();
    assertThat(p.quorumReached(Set.of("X1", "Y1", "Y2"))).isFalse();
  }

  @Test
  void malformedPoliciesAreRefused() {
    String w = SigningKey.generate("a", SignatureType.COSIGNATURE_V1, rnd).verifierKey().vkey();
    for (String bad :
        List.of(
            "",
            "quorum a\n",
            "witness a " + w + "\ngroup g 2 a\nquorum g\n",
            "witness a " + w + "\nwitness b " + w + "\nquorum a\n",
            "witness a " + w + "\nquorum a\nquorum a\n",
            "frobnicate\nquorum none\n",
            "quorum none\u0001\n")) {
      assertThatThrownBy(() -> WitnessPolicy.parse(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(NoteFormatException.class);
    }
  }
}
