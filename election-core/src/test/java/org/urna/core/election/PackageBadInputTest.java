package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.SigningKey;

/** Bad packages: each refused at its numbered step with the field named. */
class PackageBadInputTest {
  private static final SampleElection SAMPLE = TestPackages.SAMPLE;

  private static ElectionPackageException refused(byte[] bytes) {
    try {
      TestPackages.load(bytes);
    } catch (ElectionPackageException e) {
      return e;
    }
    throw new AssertionError("the package was accepted");
  }

  private static ElectionPackageException refusedEnvelope(Consumer<ObjectNode> change) {
    ObjectNode tree;
    try {
      tree = (ObjectNode) StrictJson.parse(SAMPLE.electionPackage().toJson(), "package");
    } catch (ElectionPackageException e) {
      throw new AssertionError(e);
    }
    change.accept(tree);
    return refused(StrictJson.pretty(tree));
  }

  @Test
  void unknownFieldsWrongFormatAndBadEncodingsAreRefusedAtP3() {
    assertThat(refusedEnvelope(t -> t.put("note", "x")).getMessage())
        .startsWith("P3 package fields: note: is not a field of this format");
    assertThat(refusedEnvelope(t -> t.put("format", "urna/election-package/v2")).getMessage())
        .isEqualTo(
            "P3 package fields: format: is 'urna/election-package/v2'; this kiosk reads"
                + " 'urna/election-package/v1' only");
    assertThat(refusedEnvelope(t -> t.put("electionKey", "04abcd")).getMessage())
        .isEqualTo(
            "P3 package fields: electionKey: must be a 65-byte P-256 point: 130 lower-case hex"
                + " digits");
    assertThat(
            refusedEnvelope(t -> t.put("signature", t.get("signature").asText().toUpperCase()))
                .field())
        .isEqualTo("signature");
    assertThat(
            refusedEnvelope(
                    t ->
                        t.put(
                            "authorityCertificate", t.get("authorityCertificate").asText() + "\n"))
                .field())
        .isEqualTo("authorityCertificate");
    assertThat(refusedEnvelope(t -> t.remove("manifest")).getMessage())
        .isEqualTo("P3 package fields: manifest: is missing");
  }

  @Test
  void aCertificateThatIsNotDerIsRefused() {
    ElectionPackageException e = refusedEnvelope(t -> t.put("authorityCertificate", "AAECAwQF"));
    assertThat(e.step()).isEqualTo(LoadStep.P5_AUTHORITY_CERTIFICATE);
    assertThat(e.getMessage())
        .isEqualTo(
            "P5 authority certificate: authorityCertificate: is not an X.509 certificate (DER)");
  }

  @Test
  void aSigningCertificateFromAnotherRootIsRefusedEvenWithTheTrustedRoot() {
    SampleElection foreign = SampleElection.create("foreign", SampleElection.DEFAULT_WINDOW);
    AuthorityCredentials mixed =
        new AuthorityCredentials(
            foreign.authority().signingKey(),
            foreign.authority().certificate(),
            SAMPLE.authority().root());
    ElectionPackageException e =
        refused(TestPackages.signed(TestPackages.manifestTree(), key(), mixed));
    assertThat(e.getMessage())
        .isEqualTo(
            "P5 authority certificate: authorityCertificate: was not issued by the trusted"
                + " authority root");
  }

  @Test
  void theRootUsedAsSigningCertificateIsRefused() {
    AuthorityCredentials rootSigns =
        new AuthorityCredentials(
            SAMPLE.authorityRootKey(), SAMPLE.authority().root(), SAMPLE.authority().root());
    ElectionPackageException e =
        refused(TestPackages.signed(TestPackages.manifestTree(), key(), rootSigns));
    assertThat(e.step()).isEqualTo(LoadStep.P5_AUTHORITY_CERTIFICATE);
    assertThat(e.problem()).startsWith("is not a signing certificate");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    SigningKey other = SigningKey.fromSeed(new byte[32]);
    ElectionPackageException e =
        refused(
            TestPackages.signedBy(TestPackages.manifestTree(), key(), SAMPLE.authority(), other));
    assertThat(e.getMessage())
        .isEqualTo(
            "P6 package signature: signature: does not match: the package was changed after the"
                + " election authority signed it, or another key signed it");
  }

  @Test
  void aChangedManifestBreaksTheSignature() {
    ObjectNode tree;
    try {
      tree = (ObjectNode) StrictJson.parse(SAMPLE.electionPackage().toJson(), "package");
    } catch (ElectionPackageException e) {
      throw new AssertionError(e);
    }
    ((ObjectNode) tree.get("manifest").get("contests").get(1)).put("votesAllowed", 1);
    assertThat(refused(StrictJson.pretty(tree)).step()).isEqualTo(LoadStep.P6_SIGNATURE);
  }

  @Test
  void aSignedKeyThatIsNotACurvePointIsRefusedAtP7() {
    byte[] offCurve = key();
    offCurve[64] ^= 1;
    ElectionPackageException e =
        refused(TestPackages.signed(TestPackages.manifestTree(), offCurve, SAMPLE.authority()));
    assertThat(e.getMessage())
        .isEqualTo("P7 election key: electionKey: is not a point of the P-256 curve");
  }

  @Test
  void aSignedButInvalidManifestIsRefusedAtP8WithItsPathInThePackage() {
    ObjectNode m = TestPackages.manifestTree();
    ((ObjectNode) m.get("contests").get(1)).put("votesAllowed", 0);
    ElectionPackageException e = refused(TestPackages.signed(m));
    assertThat(e.getMessage())
        .isEqualTo(
            "P8 election manifest: manifest.contests[1].votesAllowed: must be between 1 and 7"
                + " (the number of candidates), not 0");
    ObjectNode dup = TestPackages.manifestTree();
    ((ObjectNode) dup.get("stations").get(1)).put("id", "uik-1701");
    assertThat(refused(TestPackages.signed(dup)).field()).isEqualTo("manifest.stations[1].id");
  }

  @Test
  void aVotingWindowOutsideTheCertificateIsRefusedAtP9() {
    ObjectNode m = TestPackages.manifestTree();
    ((ObjectNode) m.get("votingWindow")).put("closes", "2031-03-01T00:00:00Z");
    ElectionPackageException e = refused(TestPackages.signed(m));
    assertThat(e.step()).isEqualTo(LoadStep.P9_CERTIFICATE_PERIOD);
    assertThat(e.field()).isEqualTo("manifest.votingWindow");
  }

  @Test
  void aPackageThatIsNotAnObjectOrIsEmptyIsRefused() {
    assertThat(refused("[]".getBytes()).getMessage())
        .isEqualTo("P2 JSON syntax: package: must be a JSON object { ... }");
    assertThat(refused(new byte[0]).step()).isEqualTo(LoadStep.P1_SIZE);
    assertThat(refused("   ".getBytes()).step()).isEqualTo(LoadStep.P2_JSON);
  }

  @Test
  void aLoadedPackageIsUnaffectedByLaterLoadsAndTime() throws Exception {
    ElectionPackage p = TestPackages.load(SAMPLE.electionPackage().toJson());
    byte[] hash = p.electionHash();
    hash[0] ^= 1;
    assertThat(p.electionHash()).isNotEqualTo(hash);
    assertThat(
            ElectionPackage.load(
                    p.toJson(), SAMPLE.trustAnchor(), Instant.parse("2030-12-31T00:00:00Z"))
                .manifest())
        .isEqualTo(p.manifest());
  }

  private static byte[] key() {
    return SAMPLE.electionKey().toBytes();
  }
}
