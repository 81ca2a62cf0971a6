package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;

class ElectionPackageTest {
  private static final SampleElection SAMPLE = TestPackages.SAMPLE;

  @Test
  void aSignedPackageLoadsWithEverythingItWasSignedWith() throws Exception {
    ElectionPackage signed = SAMPLE.electionPackage();
    ElectionPackage loaded = TestPackages.load(signed.toJson());

    assertThat(loaded.manifest()).isEqualTo(SAMPLE.manifest());
    assertThat(loaded.electionKey()).isEqualTo(Group.mulG(SAMPLE.electionSecret()));
    assertThat(loaded.electionHash())
        .isEqualTo(ManifestJson.electionHash(SAMPLE.manifest()))
        .hasSize(32);
    assertThat(loaded.extendedHash())
        .isEqualTo(
            Hash.tagged("election-context")
                .part(loaded.electionHash())
                .part(loaded.electionKey().toBytes())
                .digest());
    assertThat(loaded.authorityKey()).isEqualTo(SAMPLE.authority().signingKey().publicKey());
    assertThat(loaded.signature()).isEqualTo(signed.signature());
  }

  @Test
  void theSamePackageLoadsAtTheCurrentTime() throws Exception {
    ElectionPackage p =
        ElectionPackage.load(SAMPLE.electionPackage().toJson(), SAMPLE.trustAnchor());
    assertThat(p.manifest().electionId()).isEqualTo("sample-2027");
  }

  @Test
  void theExtendedHashChangesWithTheElectionKey() {
    SampleElection other = SampleElection.create("another seed", SampleElection.DEFAULT_WINDOW);
    assertThat(other.electionPackage().electionHash())
        .isNotEqualTo(SAMPLE.electionPackage().electionHash()); // station keys differ
    ElectionPackage sameManifestOtherKey =
        ElectionPackage.sign(SAMPLE.manifest(), other.electionKey(), SAMPLE.authority());
    assertThat(sameManifestOtherKey.electionHash())
        .isEqualTo(SAMPLE.electionPackage().electionHash());
    assertThat(sameManifestOtherKey.extendedHash())
        .isNotEqualTo(SAMPLE.electionPackage().extendedHash());
  }

  @Test
  void aPackageOfAnotherAuthorityIsRefusedAtTheRootCheck() {
    SampleElection foreign = SampleElection.create("foreign", SampleElection.DEFAULT_WINDOW);
    byte[] bytes = foreign.electionPackage().toJson();
    assertThatThrownBy(() -> TestPackages.load(bytes))
        .isInstanceOfSatisfying(
            ElectionPackageException.class,
            e -> {
              assertThat(e.step()).isEqualTo(LoadStep.P4_AUTHORITY_ROOT);
              assertThat(e.field()).isEqualTo("authorityRoot");
            })
        .hasMessageStartingWith(
            "P4 authority root certificate: authorityRoot: is not the election authority this kiosk trusts");
  }

  @Test
  void anExpiredAuthorityCertificateIsRefused() {
    byte[] bytes = SAMPLE.electionPackage().toJson();
    Instant after = Instant.parse("2031-06-01T00:00:00Z");
    assertThatThrownBy(() -> ElectionPackage.load(bytes, SAMPLE.trustAnchor(), after))
        .isInstanceOf(ElectionPackageException.class)
        .hasMessage(
            "P5 authority certificate: authorityCertificate: has expired: valid until"
                + " 2031-01-01T00:00:00Z (now 2031-06-01T00:00:00Z)");
  }

  @Test
  void aRootThatIsNotValidYetIsRefused() {
    byte[] bytes = SAMPLE.electionPackage().toJson();
    Instant before = Instant.parse("2024-06-01T00:00:00Z");
    assertThatThrownBy(() -> ElectionPackage.load(bytes, SAMPLE.trustAnchor(), before))
        .isInstanceOf(ElectionPackageException.class)
        .hasMessageContaining("P4 authority root certificate: authorityRoot: is not valid yet");
  }
}
