package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every bad manifest is refused with the step, the JSON path of the bad field and the reason. */
class ManifestBadInputTest {

  private static ElectionPackageException refused(Consumer<ObjectNode> change) {
    ObjectNode tree = TestPackages.manifestTree();
    change.accept(tree);
    byte[] json = StrictJson.pretty(tree);
    try {
      ManifestJson.parse(json);
    } catch (ElectionPackageException e) {
      return e;
    }
    throw new AssertionError("the manifest was accepted");
  }

  private static ObjectNode contest(ObjectNode tree, int i) {
    return (ObjectNode) tree.get("contests").get(i);
  }

  @Test
  void votesAllowedAboveTheCandidatesIsNamedByItsPath() {
    ElectionPackageException e = refused(t -> contest(t, 1).put("votesAllowed", 8));
    assertThat(e.step()).isEqualTo(LoadStep.P8_MANIFEST);
    assertThat(e.getMessage())
        .isEqualTo(
            "P8 election manifest: contests[1].votesAllowed: must be between 1 and 7 (the number"
                + " of candidates), not 8");
  }

  @Test
  void votesAllowedMustBeAWholeNumber() {
    assertThat(refused(t -> contest(t, 1).put("votesAllowed", 2.0)).getMessage())
        .endsWith(
            "contests[1].votesAllowed: must be a whole number like 2 (no quotes, no decimal point)");
    assertThat(refused(t -> contest(t, 1).put("votesAllowed", "2")).field())
        .isEqualTo("contests[1].votesAllowed");
  }

  @Test
  void anUnknownFieldIsAnError() {
    ElectionPackageException e = refused(t -> contest(t, 1).put("votesAllowd", 2));
    assertThat(e.field()).isEqualTo("contests[1].votesAllowd");
    assertThat(e.problem()).startsWith("is not a field of this format");
    assertThat(refused(t -> t.put("comment", "x")).field()).isEqualTo("comment");
  }

  @Test
  void aMissingFieldIsNamed() {
    assertThat(refused(t -> t.remove("votingWindow")).getMessage())
        .endsWith("votingWindow: is missing");
    assertThat(refused(t -> contest(t, 0).remove("question")).field())
        .isEqualTo("contests[0].question");
  }

  @Test
  void duplicateContestIdsAreRefused() {
    ElectionPackageException e = refused(t -> contest(t, 2).put("id", "council-7"));
    assertThat(e.getMessage())
        .endsWith("contests[2].id: 'council-7' is used twice in this list (also at index 1)");
  }

  @Test
  void duplicateCandidateIdsAreRefused() {
    ElectionPackageException e =
        refused(t -> ((ObjectNode) contest(t, 1).get("candidates").get(3)).put("id", "ivanova"));
    assertThat(e.getMessage())
        .endsWith(
            "contests[1].candidates[3].id: 'ivanova' is used twice in this list (also at index 0)");
  }

  @Test
  void duplicateStationIdsAndKeysAreRefused() {
    assertThat(
            refused(t -> ((ObjectNode) t.get("stations").get(2)).put("id", "uik-1701"))
                .getMessage())
        .endsWith("stations[2].id: 'uik-1701' is used twice in this list (also at index 0)");
    assertThat(
            refused(
                    t ->
                        ((ObjectNode) t.get("stations").get(1))
                            .set("key", t.get("stations").get(0).get("key")))
                .field())
        .isEqualTo("stations[1].key");
  }

  @Test
  void aBallotStyleNamingAnUnknownContestIsRefused() {
    ElectionPackageException e =
        refused(t -> ((ArrayNode) t.get("ballotStyles").get(0).get("contestIds")).add("mayor"));
    assertThat(e.getMessage())
        .endsWith(
            "ballotStyles[0].contestIds[2]: names contest 'mayor', which is not in the contests list");
  }

  @Test
  void badIdsAreRefused() {
    assertThat(refused(t -> contest(t, 0).put("id", "Amendments")).problem())
        .startsWith("'Amendments' must be 1 to 64 characters of a-z, 0-9");
    assertThat(refused(t -> t.put("electionId", "x".repeat(65))).field()).isEqualTo("electionId");
  }

  @Test
  void controlCharactersInTextsAreRefused() {
    ElectionPackageException e =
        refused(t -> ((ObjectNode) contest(t, 0).get("question")).put("en", "Do you\napprove?"));
    assertThat(e.getMessage())
        .endsWith(
            "contests[0].question.en: contains a control character (U+000A) at position 7;"
                + " line breaks and tabs are not allowed in texts");
  }

  @Test
  void textsMustBeNfcAndNotTooLong() {
    assertThat(refused(t -> ((ObjectNode) t.get("title")).put("tt", "Э\u0308")).problem())
        .startsWith("is not in Unicode normal form NFC");
    assertThat(refused(t -> ((ObjectNode) t.get("title")).put("ru", "я".repeat(4097))).problem())
        .isEqualTo("is 4097 characters long; at most 4096 are allowed");
  }

  @Test
  void everyTextNeedsEveryLanguageAndNoOther() {
    assertThat(
            refused(
                    t ->
                        ((ObjectNode) contest(t, 1).get("candidates").get(2).get("name"))
                            .remove("tt"))
                .getMessage())
        .endsWith(
            "contests[1].candidates[2].name: has no text in 'tt' (every text needs every election"
                + " language)");
    assertThat(refused(t -> ((ObjectNode) t.get("title")).put("kk", "Сайлау")).field())
        .isEqualTo("title.kk");
    assertThat(refused(t -> ((ObjectNode) t.get("title")).put("RU", "x")).problem())
        .contains("is not a language tag");
  }

  @Test
  void votingWindowMustBeUtcWholeSecondsAndInOrder() {
    assertThat(
            refused(t -> ((ObjectNode) t.get("votingWindow")).put("opens", "2027-09-19 08:00"))
                .getMessage())
        .endsWith(
            "votingWindow.opens: '2027-09-19 08:00' must be a UTC time like 2026-09-20T05:00:00Z");
    assertThat(
            refused(t -> ((ObjectNode) t.get("votingWindow")).put("closes", "2027-09-19T04:00:00Z"))
                .getMessage())
        .endsWith(
            "votingWindow.closes: must be after opens (2027-09-19T05:00:00Z), not 2027-09-19T04:00:00Z");
    assertThat(
            refused(t -> ((ObjectNode) t.get("votingWindow")).put("closes", "2027-02-30T04:00:00Z"))
                .problem())
        .isEqualTo("'2027-02-30T04:00:00Z' is not a real date and time");
  }

  @Test
  void unknownContestTypeAndBadStationKeyAreRefused() {
    assertThat(refused(t -> contest(t, 0).put("type", "poll")).getMessage())
        .endsWith(
            "contests[0].type: 'poll' is not a kind of contest; say \"candidate\" or \"referendum\"");
    assertThat(
            refused(t -> ((ObjectNode) t.get("stations").get(0)).put("key", "00".repeat(31)))
                .problem())
        .isEqualTo("must be an Ed25519 public key: 64 lower-case hex digits");
    assertThat(
            refused(t -> ((ObjectNode) t.get("stations").get(0)).put("key", "ff".repeat(32)))
                .problem())
        .isEqualTo("is not a valid Ed25519 public key");
  }

  @Test
  void tooManyContestsAreRefused() {
    ElectionPackageException e =
        refused(
            t -> {
              ArrayNode cs = (ArrayNode) t.get("contests");
              while (cs.size() <= ManifestLimits.MAX_CONTESTS) {
                cs.add(cs.get(2).deepCopy());
              }
            });
    assertThat(e.getMessage()).endsWith("contests: has 201 entries; at most 200 are allowed");
  }

  @Test
  void malformedTruncatedAndDuplicateKeyJsonIsRefusedAtTheSyntaxStep() {
    byte[] good = ManifestJson.write(TestPackages.SAMPLE.manifest());
    for (String bad :
        new String[] {
          new String(good, 0, good.length / 2, StandardCharsets.UTF_8),
          "{\"format\": \"urna/election-manifest/v1\", \"format\": \"x\"}",
          "{\"a\": 1} {}",
          "[1, 2]",
          "{'single': 'quotes'}",
        }) {
      assertThatThrownBy(() -> ManifestJson.parse(bad.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOfSatisfying(
              ElectionPackageException.class,
              e -> assertThat(e.step()).isEqualTo(LoadStep.P2_JSON));
    }
    assertThatThrownBy(() -> ManifestJson.parse(new byte[] {'{', (byte) 0xC3, '}'}))
        .hasMessage(
            "P2 JSON syntax: manifest: is not UTF-8 text (the file is damaged or in another encoding)");
  }

  @Test
  void deepNestingIsRefusedBeforeBuildingTheTree() {
    String deep = "{\"a\":".repeat(17) + "1" + "}".repeat(17);
    assertThatThrownBy(() -> ManifestJson.parse(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ElectionPackageException.class)
        .hasMessageStartingWith("P2 JSON syntax: manifest: is too large or too deeply nested");
  }

  @Test
  void anOversizedFileIsRefusedBeforeParsing() {
    byte[] big = new byte[ManifestLimits.MAX_PACKAGE_BYTES + 1];
    assertThatThrownBy(() -> ManifestJson.parse(big))
        .hasMessage(
            "P1 package size: manifest: the file is 4,194,305 bytes; at most 4,194,304 bytes (4 MiB)"
                + " are allowed");
    assertThatThrownBy(() -> ManifestJson.parse(new byte[0]))
        .hasMessage("P1 package size: manifest: the file is empty");
  }
}
