package org.urna.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.proof.TlogProof;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * The kiosk's parsers of ledger answers, fed garbage and mutations of valid inputs made by the
 * ledger's own code: they parse, or fail with {@link LedgerFormatException}, never anything else.
 */
class ParserFuzzTest {
  private static final SecureRandom RND = new SecureRandom();
  private static final SigningKey LOG =
      SigningKey.generate("ledger.example/e", SignatureType.ED25519, RND);
  private static final SigningKey COS =
      SigningKey.generate("v1.example", SignatureType.COSIGNATURE_V1, RND);
  private static final String CP_TEXT =
      new org.urna.ledger.note.Checkpoint(
              "ledger.example/e", 7, new NodeHash(new byte[32]), List.of())
          .text();
  private static final String NOTE =
      new org.urna.ledger.note.SignedNote(
              CP_TEXT, List.of(org.urna.ledger.note.SignedNote.sign(LOG, CP_TEXT)))
          .withSignature(Cosignatures.sign(COS, CP_TEXT, 1_790_000_000L))
          .format();
  private static final String POLICY =
      WitnessPolicy.threshold(
              List.of(new WitnessPolicy.LogKey(LOG.verifierKey(), java.util.Optional.empty())),
              List.of(
                  new WitnessPolicy.Witness(
                      COS.name(), COS.verifierKey(), java.util.Optional.of("http://x"))),
              1)
          .format();
  private static final String PROOF =
      new TlogProof(
              java.util.Optional.of(new byte[] {1, 2, 3}),
              5,
              List.of(new NodeHash(new byte[32]), new NodeHash(new byte[32])),
              org.urna.ledger.note.SignedNote.parse(NOTE))
          .format();

  @Test
  void theLedgersOwnOutputParsesAndVerifies() {
    SignedNote note = SignedNote.parse(NOTE.getBytes(StandardCharsets.UTF_8));
    TrustPolicy policy = TrustPolicy.parse(POLICY);
    assertThat(policy.check(note)).isInstanceOf(TrustPolicy.Verdict.Trusted.class);
    assertThat(note.format()).isEqualTo(NOTE);
    InclusionProof p = InclusionProof.parse(PROOF);
    assertThat(p.index()).isEqualTo(5);
    assertThat(p.path()).hasSize(2);
    assertThat(NoteKey.parse(LOG.verifierKey().vkey()).keyId()).isEqualTo(LOG.keyId());
  }

  @Test
  void aCheckpointTextChangedAfterSigningIsNotTrusted() {
    String tampered = NOTE.replaceFirst("\n7\n", "\n8\n");
    assertThat(TrustPolicy.parse(POLICY).check(SignedNote.parse(tampered)))
        .isInstanceOf(TrustPolicy.Verdict.Untrusted.class);
  }

  @Test
  void aKeyIdThatDoesNotMatchIsRefused() {
    String vkey = LOG.verifierKey().vkey();
    String[] parts = vkey.split("\\+", 3);
    String other =
        parts[0] + "+" + (parts[1].equals("00000000") ? "00000001" : "00000000") + "+" + parts[2];
    assertThatThrownBy(() -> NoteKey.parse(other)).isInstanceOf(LedgerFormatException.class);
  }

  @Provide
  Arbitrary<String> valid() {
    return Arbitraries.of(NOTE, POLICY, PROOF, CP_TEXT, LOG.verifierKey().vkey());
  }

  @Property(tries = 3000)
  void mutatedInputsGiveOnlyTypedErrors(
      @ForAll("valid") String input,
      @ForAll @IntRange(min = 0, max = 10_000) int at,
      @ForAll char c,
      @ForAll @IntRange(min = 0, max = 2) int how) {
    StringBuilder sb = new StringBuilder(input);
    int i = at % (sb.length() + 1);
    switch (how) {
      case 0 -> sb.insert(i, c);
      case 1 -> {
        if (i < sb.length()) {
          sb.setCharAt(i, c);
        }
      }
      default -> {
        if (i < sb.length()) {
          sb.deleteCharAt(i);
        }
      }
    }
    allParsers(sb.toString());
  }

  @Property(tries = 1000)
  void randomTextGivesOnlyTypedErrors(@ForAll String text) {
    allParsers(text);
  }

  @Property(tries = 500)
  void randomBytesGiveOnlyTypedErrors(@ForAll byte[] bytes) {
    only(() -> SignedNote.parse(bytes));
    only(() -> TrustPolicy.parse(bytes));
  }

  private static void allParsers(String s) {
    only(() -> SignedNote.parse(s));
    only(() -> SignedNote.parse(s.getBytes(StandardCharsets.UTF_8)));
    only(() -> Checkpoint.parse(s));
    only(() -> TrustPolicy.parse(s));
    only(() -> NoteKey.parse(s));
    only(() -> InclusionProof.parse(s));
    only(
        () -> {
          SignedNote n = SignedNote.parse(s);
          TrustPolicy.parse(POLICY).check(n);
        });
  }

  private static void only(Runnable r) {
    try {
      r.run();
    } catch (LedgerFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
