package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The manifest's optional {@code lookupPage}: the receipt's lookup address (spec 3.2). */
class LookupPageTest {
  private static final SampleElection SAMPLE = TestPackages.SAMPLE;

  @Test
  void aPackageCarriesTheLookupPageSignedWithTheManifest() throws Exception {
    ElectionManifest with = SAMPLE.manifest().withLookupPage("https://ledger.city.example/lookup");
    ElectionPackage signed = ElectionPackage.sign(with, SAMPLE.electionKey(), SAMPLE.authority());

    ElectionPackage loaded = TestPackages.load(signed.toJson());

    assertThat(loaded.manifest().lookupPageUri())
        .contains(URI.create("https://ledger.city.example/lookup"));
    assertThat(loaded.electionHash()).isNotEqualTo(ManifestJson.electionHash(SAMPLE.manifest()));
  }

  @Test
  void withoutALookupPageTheManifestHashesAsBefore() {
    assertThat(SAMPLE.manifest().lookupPage()).isNull();
    assertThat(TestPackages.manifestTree().has("lookupPage")).isFalse();
    assertThat(SAMPLE.manifest().lookupPageUri()).isEmpty();
  }

  @Test
  void changingTheLookupPageBreaksTheAuthoritysSignature() throws Exception {
    ElectionManifest with = SAMPLE.manifest().withLookupPage("https://ledger.city.example/lookup");
    ObjectNode tree =
        (ObjectNode)
            StrictJson.parse(
                ElectionPackage.sign(with, SAMPLE.electionKey(), SAMPLE.authority()).toJson(),
                "package");
    ((ObjectNode) tree.get("manifest")).put("lookupPage", "https://evil.example/lookup");

    assertThatThrownBy(() -> TestPackages.load(StrictJson.pretty(tree)))
        .isInstanceOfSatisfying(
            ElectionPackageException.class,
            e -> assertThat(e.step()).isEqualTo(LoadStep.P6_SIGNATURE));
  }

  @Test
  void aLookupPageThatIsNotAPlainHttpAddressIsRefusedByField() {
    for (String bad :
        new String[] {
          "ftp://ledger.example/lookup",
          "ledger.example/lookup",
          "https:///nohost",
          "https://ledger.example/lookup?x=1",
          "https://ledger.example/lookup#top",
          "https://user@ledger.example/",
          "https://ledger.example/реестр",
          "https://ledger.example/a b",
          "https://ledger.example/" + "a".repeat(ElectionManifest.MAX_LOOKUP_PAGE_CHARS),
          ""
        }) {
      ObjectNode m = TestPackages.manifestTree();
      m.put("lookupPage", bad);
      assertThatThrownBy(() -> TestPackages.load(TestPackages.signed(m)))
          .as(bad)
          .isInstanceOfSatisfying(
              ElectionPackageException.class,
              e -> assertThat(e.field()).isEqualTo("manifest.lookupPage"));
    }
    ObjectNode m = TestPackages.manifestTree();
    m.put("lookupPage", 42);
    assertThatThrownBy(() -> TestPackages.load(TestPackages.signed(m)))
        .isInstanceOf(ElectionPackageException.class);
  }

  @Test
  void plainHttpIsAllowedForALedgerOnTheStationsOwnNetwork() {
    assertThat(
            SAMPLE
                .manifest()
                .withLookupPage("http://127.0.0.1:8080/")
                .lookupPageUri()
                .orElseThrow())
        .hasScheme("http")
        .hasPort(8080);
  }
}
