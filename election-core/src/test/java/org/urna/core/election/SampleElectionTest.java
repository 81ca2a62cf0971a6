package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Scalar;
import org.urna.core.crypto.SigningKey;

class SampleElectionTest {
  private static final SampleElection SAMPLE = TestPackages.SAMPLE;

  @Test
  void writesAPackageAndKeyFilesThatLoadTogether(@TempDir Path dir) throws Exception {
    Map<String, Path> files = SAMPLE.writeTo(dir.resolve("demo"));
    assertThat(files)
        .containsKeys(
            "election-package.json",
            "trust-anchor.sha256",
            "demo-election-secret.hex",
            "demo-authority-signing-key.hex",
            "demo-station-uik-1701.hex");
    TrustAnchor anchor = TrustAnchor.fromHex(Files.readString(files.get("trust-anchor.sha256")));
    ElectionPackage p =
        ElectionPackage.load(
            Files.readAllBytes(files.get("election-package.json")), anchor, TestPackages.NOW);
    Scalar s = Scalar.fromHex(Files.readString(files.get("demo-election-secret.hex")).strip());
    assertThat(p.electionKey()).isEqualTo(Group.mulG(s));
    SigningKey station =
        SigningKey.fromHex(Files.readString(files.get("demo-station-uik-1701.hex")).strip());
    assertThat(p.manifest().station("uik-1701").orElseThrow().key()).isEqualTo(station.publicKey());
  }

  @Test
  void theSameSeedGivesTheSamePackageAndAnotherSeedAnother() {
    assertThat(SampleElection.create().electionPackage().toJson())
        .isEqualTo(SAMPLE.electionPackage().toJson());
    assertThat(SampleElection.create("other", SampleElection.DEFAULT_WINDOW).electionKey())
        .isNotEqualTo(SAMPLE.electionKey());
  }

  @Test
  void hasTheReferendumTheCouncilRaceAndTheBenchmarkBallot() {
    ElectionManifest m = SAMPLE.manifest();
    BallotStyle district = m.ballotStyle(SampleElection.STYLE_DISTRICT).orElseThrow();
    assertThat(m.contestsOf(district))
        .satisfiesExactly(
            c -> assertThat(c).isInstanceOf(ReferendumContest.class),
            c -> {
              assertThat(c.selectionIds()).hasSizeBetween(6, 8);
              assertThat(c.limit()).isEqualTo(2);
            });
    BallotStyle bench = m.ballotStyle(SampleElection.STYLE_BENCHMARK).orElseThrow();
    assertThat(m.contestsOf(bench))
        .hasSize(4)
        .allSatisfy(c -> assertThat(c.selectionIds()).hasSize(5));
    String tatar = new String(ManifestJson.write(m), java.nio.charset.StandardCharsets.UTF_8);
    for (String letter : new String[] {"ә", "ө", "ү", "җ", "ң", "һ", "Ә"}) {
      assertThat(tatar).contains(letter);
    }
    assertThat(m.languages()).containsExactly("ru", "en", "tt");
  }
}
