package org.urna.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * The policy as the ledger writes it (URLs included, the ledger's own code as the oracle), its
 * strict form, and the signature lines checked one by one as a verifier that reports each needs.
 */
class TrustPolicyTest {
  private static final SecureRandom RND = new SecureRandom();
  private static final String ORIGIN = "ledger.example/e";
  private static final SigningKey LOG = SigningKey.generate(ORIGIN, SignatureType.ED25519, RND);
  private static final List<SigningKey> VALIDATORS =
      List.of("v1", "v2", "v3").stream()
          .map(n -> SigningKey.generate(n, SignatureType.COSIGNATURE_V1, RND))
          .toList();
  private static final String TEXT =
      new org.urna.ledger.note.Checkpoint(ORIGIN, 9, new NodeHash(new byte[32]), List.of()).text();

  private static String ledgersPolicy() {
    return WitnessPolicy.threshold(
            List.of(
                new WitnessPolicy.LogKey(LOG.verifierKey(), Optional.of("https://ledger.example"))),
            VALIDATORS.stream()
                .map(
                    k ->
                        new WitnessPolicy.Witness(
                            k.name(),
                            k.verifierKey(),
                            Optional.of("https://" + k.name() + ".example:8443")))
                .toList(),
            2)
        .format();
  }

  private static SignedNote cosignedBy(int count) {
    var note =
        new org.urna.ledger.note.SignedNote(
            TEXT, List.of(org.urna.ledger.note.SignedNote.sign(LOG, TEXT)));
    for (int i = 0; i < count; i++) {
      note = note.withSignature(Cosignatures.sign(VALIDATORS.get(i), TEXT, 1_790_000_000L + i));
    }
    return SignedNote.parse(note.format());
  }

  @Test
  void thePolicyTheLedgerWritesParsesAndItsStrictFormDropsOnlyTheUrls() {
    String written = ledgersPolicy();
    assertThat(written).contains("https://v1.example:8443");
    TrustPolicy policy = TrustPolicy.parse(written);
    assertThat(policy.witnesses()).containsOnlyKeys("v1", "v2", "v3");
    assertThat(policy.logs()).extracting(NoteKey::name).containsExactly(ORIGIN);
    assertThat(policy.quorum()).isEqualTo("validators");

    String strict = policy.strictForm();
    assertThat(strict).doesNotContain("https://").endsWith("quorum validators\n");
    assertThat(strict.lines()).hasSize((int) written.lines().count());
    assertThat(strict).isEqualTo(written.replaceAll(" https://[^\n]*", ""));
    assertThat(TrustPolicy.parse(strict).strictForm()).isEqualTo(strict);
    assertThat(TrustPolicy.parse("# comment\n\n" + strict.replace(" ", "\t")).strictForm())
        .isEqualTo(strict);
  }

  @Test
  void aQuorumOfCosignaturesIsTrustedAndOneShortIsNot() {
    TrustPolicy policy = TrustPolicy.parse(ledgersPolicy());
    assertThat(policy.check(cosignedBy(2))).isInstanceOf(TrustPolicy.Verdict.Trusted.class);
    assertThat(policy.check(cosignedBy(1)))
        .isInstanceOfSatisfying(
            TrustPolicy.Verdict.Untrusted.class,
            u -> assertThat(u.why()).contains("cosigned by 1 trusted validators"));
    assertThat(policy.quorumMet(Set.of("v1", "v3"))).isTrue();
    assertThat(policy.quorumMet(Set.of("v2"))).isFalse();
  }

  @Test
  void eachSignatureLineIsCheckedAgainstItsOwnKey() {
    TrustPolicy policy = TrustPolicy.parse(ledgersPolicy());
    SignedNote note = cosignedBy(3);
    NoteKey log = policy.logs().getFirst();
    NoteKey v1 = policy.witnesses().get("v1");
    NoteSignature logLine = note.signatures().get(0);
    NoteSignature v1Line =
        note.signatures().stream().filter(s -> s.name().equals("v1")).findFirst().orElseThrow();

    assertThat(note.signed(logLine, log)).isTrue();
    assertThat(note.signed(v1Line, log)).isFalse();
    assertThat(note.cosigned(v1Line, v1)).hasValue(1_790_000_000L);
    assertThat(note.cosigned(logLine, v1)).isEmpty();
    assertThat(note.cosigned(v1Line, policy.witnesses().get("v2"))).isEmpty();

    SignedNote changed = SignedNote.parse(note.format().replaceFirst("\n9\n", "\n10\n"));
    assertThat(changed.signed(changed.signatures().get(0), log)).isFalse();
    assertThat(changed.cosigned(v1Line, v1)).isEmpty();
  }
}
