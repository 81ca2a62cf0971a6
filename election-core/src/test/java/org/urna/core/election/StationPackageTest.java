package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A package signed for one station (spec 2, 6.3, 7): what it binds and what it refuses. */
class StationPackageTest {
  private static final SampleElection SAMPLE = TestPackages.SAMPLE;
  private static final String STATION = SampleElection.STATION_IDS.getFirst();
  private static final String OTHER = SampleElection.STATION_IDS.get(1);

  private static ElectionPackage forStation(String id) {
    return SAMPLE.electionPackage().forStation(id, SAMPLE.authority());
  }

  @Test
  void aStationsPackageLoadsNamingItsStationWithTheElectionsHashes() throws Exception {
    ElectionPackage wide = SAMPLE.electionPackage();
    ElectionPackage loaded = TestPackages.load(forStation(STATION).toJson());

    assertThat(loaded.station()).contains(STATION);
    assertThat(TestPackages.load(wide.toJson()).station()).isEmpty();
    // The same election: ballots and the tally cannot tell the packages apart.
    assertThat(loaded.electionHash()).isEqualTo(wide.electionHash());
    assertThat(loaded.extendedHash()).isEqualTo(wide.extendedHash());
    assertThat(loaded.manifest()).isEqualTo(wide.manifest());
    assertThat(loaded.signature()).isNotEqualTo(wide.signature());
  }

  @Test
  void theSignatureInputAddsTheStationIdAsASixthPart() throws Exception {
    ElectionPackage p = forStation(STATION);
    byte[] expected =
        ElectionVectorsTest.specHash(
            "election-package",
            ElectionPackage.FORMAT.getBytes(StandardCharsets.UTF_8),
            p.electionHash(),
            p.electionKey().toBytes(),
            p.authorityCertificate(),
            p.authorityRoot(),
            STATION.getBytes(StandardCharsets.UTF_8));
    assertThat(p.authorityKey().verifies(expected, p.signature())).isTrue();
  }

  @Test
  void anotherStationsIdWrittenInIsRefusedAtTheSignature() throws Exception {
    ObjectNode tree = tree(forStation(STATION).toJson());
    tree.put("station", OTHER);
    assertRefused(StrictJson.pretty(tree), LoadStep.P6_SIGNATURE, "signature");
  }

  @Test
  void theStationMemberTakenOutIsRefusedAtTheSignature() throws Exception {
    ObjectNode tree = tree(forStation(STATION).toJson());
    tree.remove("station");
    assertRefused(StrictJson.pretty(tree), LoadStep.P6_SIGNATURE, "signature");
  }

  @Test
  void theElectionWideSignatureDoesNotMakeAStationsPackage() throws Exception {
    ObjectNode tree = tree(SAMPLE.electionPackage().toJson());
    tree.put("station", STATION);
    assertRefused(StrictJson.pretty(tree), LoadStep.P6_SIGNATURE, "signature");
  }

  @Test
  void aSignedStationTheManifestDoesNotListIsRefused() throws Exception {
    JsonNode manifest = tree(SAMPLE.electionPackage().toJson()).get("manifest");
    byte[] bytes =
        TestPackages.signedBy(
            manifest,
            SAMPLE.electionKey().toBytes(),
            SAMPLE.authority(),
            SAMPLE.authority().signingKey(),
            "uik-9999");
    assertRefused(bytes, LoadStep.P8_MANIFEST, "station");
    assertThatThrownBy(() -> SAMPLE.electionPackage().forStation("uik-9999", SAMPLE.authority()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uik-9999");
  }

  @Test
  void aStationMemberThatIsNotAnIdIsRefusedBeforeAnythingElse() throws Exception {
    for (String bad : new String[] {"", "UIK-1690", "uik 1690", "x".repeat(65)}) {
      ObjectNode tree = tree(forStation(STATION).toJson());
      tree.put("station", bad);
      assertRefused(StrictJson.pretty(tree), LoadStep.P3_FIELDS, "station");
    }
    ObjectNode tree = tree(forStation(STATION).toJson());
    tree.put("station", 1690);
    assertThatThrownBy(() -> TestPackages.load(StrictJson.pretty(tree)))
        .isInstanceOfSatisfying(
            ElectionPackageException.class,
            e -> assertThat(e.step()).isEqualTo(LoadStep.P3_FIELDS));
  }

  private static ObjectNode tree(byte[] json) throws Exception {
    return (ObjectNode) StrictJson.parse(json, "package");
  }

  private static void assertRefused(byte[] bytes, LoadStep step, String field) {
    assertThatThrownBy(() -> TestPackages.load(bytes))
        .isInstanceOfSatisfying(
            ElectionPackageException.class,
            e -> {
              assertThat(e.step()).isEqualTo(step);
              assertThat(e.field()).isEqualTo(field);
            });
  }
}
