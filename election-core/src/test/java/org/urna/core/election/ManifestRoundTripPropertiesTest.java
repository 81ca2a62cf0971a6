package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;
import org.urna.core.crypto.SigningKey;

/** Any valid manifest survives JSON: parse(write(m)) == m, and its canonical form is JCS. */
class ManifestRoundTripPropertiesTest {
  private static final List<String> LANGS = List.of("ru", "en", "tt");

  @Property(tries = 200)
  void parseOfWriteIsTheSameManifest(@ForAll("manifests") ElectionManifest m) throws Exception {
    byte[] json = ManifestJson.write(m);
    ElectionManifest back = ManifestJson.parse(json);
    assertThat(back).isEqualTo(m);
    assertThat(new String(ManifestJson.canonical(back), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new JsonCanonicalizer(json).getEncodedString());
    assertThat(ManifestJson.electionHash(back)).isEqualTo(ManifestJson.electionHash(m));
  }

  @Provide
  Arbitrary<ElectionManifest> manifests() {
    Arbitrary<String> ids =
        Arbitraries.strings()
            .withChars("abcxyz019._-")
            .ofMinLength(1)
            .ofMaxLength(12)
            .map(s -> "i" + s);
    Arbitrary<String> words =
        Arbitraries.strings()
            .withChars("абвгдежзийклмнопрстуфхцчшщъыьэюяӘәӨөҮүҖҗҢңҺһ ABCxyz«»\"\\/—€")
            .ofMinLength(1)
            .ofMaxLength(30)
            .filter(s -> !s.isBlank())
            .map(s -> s.length() % 3 == 0 ? s + "😀" : s)
            .filter(s -> java.text.Normalizer.isNormalized(s, java.text.Normalizer.Form.NFC));
    Arbitrary<LocalizedText> text =
        words
            .list()
            .ofSize(3)
            .map(w -> LocalizedText.of("ru", w.get(0), "en", w.get(1), "tt", w.get(2)));
    Arbitrary<CandidateContest.Candidate> candidate =
        Combinators.combine(ids, text, text.injectNull(0.5)).as(CandidateContest.Candidate::new);
    Arbitrary<Contest> candidateContest =
        Combinators.combine(
                ids,
                text,
                candidate
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(6)
                    .uniqueElements(CandidateContest.Candidate::id),
                Arbitraries.integers().between(1, 6))
            .as((id, t, cs, n) -> new CandidateContest(id, t, Math.min(n, cs.size()), cs));
    Arbitrary<Contest> referendum =
        Combinators.combine(ids, text, text, text, text).as(ReferendumContest::new);
    Arbitrary<List<Contest>> contests =
        Arbitraries.oneOf(candidateContest, referendum)
            .list()
            .ofMinSize(1)
            .ofMaxSize(5)
            .uniqueElements(Contest::id);
    Arbitrary<Long> start = Arbitraries.longs().between(1_700_000_000L, 2_000_000_000L);
    return Combinators.combine(
            ids, text, contests, start, Arbitraries.integers().between(1, 3), text)
        .as(
            (eid, title, cs, opens, stationCount, styleName) -> {
              List<String> contestIds = cs.stream().map(Contest::id).toList();
              List<Station> stations = new ArrayList<>();
              for (int i = 0; i < stationCount; i++) {
                byte[] seed = new byte[32];
                seed[0] = (byte) i;
                seed[1] = (byte) eid.length();
                stations.add(
                    new Station("s" + i, styleName, SigningKey.fromSeed(seed).publicKey()));
              }
              return new ElectionManifest(
                  eid,
                  title,
                  LANGS,
                  new VotingWindow(
                      java.time.Instant.ofEpochSecond(opens),
                      java.time.Instant.ofEpochSecond(opens + 43_200)),
                  cs,
                  List.of(new BallotStyle("all", styleName, contestIds.reversed())),
                  stations);
            });
  }
}
