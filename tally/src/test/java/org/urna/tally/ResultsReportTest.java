package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ManifestJson;
import org.urna.tally.record.RecordFiles;
import org.urna.tally.record.RecordLayout;
import org.urna.tally.record.ResultsPicture;

/** The results report of the small record: one page per language with its words and numbers. */
class ResultsReportTest {
  @Test
  void onePagePerLanguageWithChartsTurnoutFingerprintAndCheckpoint(@TempDir Path tmp)
      throws Exception {
    RecordSmallTest.Run run =
        RecordSmallTest.verifyRecord(RecordSmallTest.RECORD.toString(), "--html", tmp.toString());
    assertThat(run.code()).isZero();
    RecordGenerator.Generated g = RecordGenerator.small();
    ElectionManifest m = g.sample().manifest();
    String fingerprint = HexFormat.of().formatHex(ManifestJson.electionHash(m));
    for (String lang : m.languages()) {
      String page =
          Files.readString(tmp.resolve("results-" + lang + ".html"), StandardCharsets.UTF_8);
      assertThat(page).startsWith("<!DOCTYPE html>").contains("lang=\"" + lang + "\"");
      assertThat(page)
          .doesNotContain("<script")
          .doesNotContain("http://")
          .doesNotContain("https://");
      assertThat(page).contains(fingerprint);
      assertThat(page).contains(m.title().in(lang, "?"));
      int charts = page.split("<svg ", -1).length - 1;
      assertThat(charts).isEqualTo(m.contests().size());
      CandidateContest council = (CandidateContest) m.contest("council-7").orElseThrow();
      String ivanova = council.candidates().getFirst().name().in(lang, "?");
      assertThat(page).contains(ivanova.replace("\"", "&quot;"));
      for (Map.Entry<String, Long> e : g.expectedCounts().entrySet()) {
        if (e.getKey().startsWith("council-7/")) {
          String id = e.getKey().substring("council-7/".length());
          String name =
              council.candidates().stream()
                  .filter(c -> c.id().equals(id))
                  .findFirst()
                  .orElseThrow()
                  .name()
                  .in(lang, "?");
          assertThat(page)
              .containsPattern(
                  java.util.regex.Pattern.quote(name)
                      + "</text><rect[^>]*/><text[^>]*>"
                      + e.getValue()
                      + " ");
        }
      }
      assertThat(page).contains("uik-1701").contains("uik-1702");
      assertThat(page).contains("<td>4</td><td>2</td>").contains("<td>5</td><td>1</td>");
      String lastCheckpoint =
          new String(
                  RecordFiles.read(RecordSmallTest.RECORD).get(RecordLayout.checkpoint(12)),
                  StandardCharsets.UTF_8)
              .split("\n")[2];
      assertThat(page).contains(lastCheckpoint);
    }
    assertThat(Files.readString(tmp.resolve("results-ru.html"))).contains("Итоги");
    assertThat(Files.readString(tmp.resolve("results-tt.html"))).contains("Нәтиҗәләр");
    assertThat(Files.readString(tmp.resolve("results-en.html"))).contains("Results");
  }

  /**
   * The PNG of every language: it decodes, and each contest's bars, found by their colour from top
   * to bottom, are as long as their counts say (the largest count of a contest is the full bar; a
   * count of 0 draws none).
   */
  @Test
  void thePictureDrawsEveryCountAsABarOfItsLength(@TempDir Path tmp) throws Exception {
    RecordSmallTest.Run run =
        RecordSmallTest.verifyRecord(RecordSmallTest.RECORD.toString(), "--html", tmp.toString());
    assertThat(run.code()).isZero();
    RecordGenerator.Generated g = RecordGenerator.small();
    ElectionManifest m = g.sample().manifest();
    java.util.List<Integer> expected = new java.util.ArrayList<>();
    for (org.urna.core.election.Contest c : m.contests()) {
      long max = 1;
      for (String id : c.selectionIds()) {
        max = Math.max(max, g.expectedCounts().getOrDefault(c.id() + "/" + id, 0L));
      }
      for (String id : c.selectionIds()) {
        long n = g.expectedCounts().getOrDefault(c.id() + "/" + id, 0L);
        if (n > 0) { // a count of 0 draws no bar
          expected.add(Math.max(1, (int) Math.round(ResultsPicture.BAR_LENGTH * (double) n / max)));
        }
      }
    }
    for (String lang : m.languages()) {
      Path png = tmp.resolve("results-" + lang + ".png");
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
      assertThat(image).as(png.toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(ResultsPicture.WIDTH);
      assertThat(bars(image)).as(lang).isEqualTo(expected);
      Path shots = Path.of("").toAbsolutePath().getParent().resolve("docs/screenshots/record");
      Files.createDirectories(shots);
      Files.copy(
          png,
          shots.resolve("results-small-" + lang + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The length of each bar, top to bottom: a band of rows holding the bar colour is one bar. */
  private static java.util.List<Integer> bars(java.awt.image.BufferedImage image) {
    int colour = ResultsPicture.BAR.getRGB();
    java.util.List<Integer> lengths = new java.util.ArrayList<>();
    boolean inBar = false;
    for (int y = 0; y < image.getHeight(); y++) {
      int run = 0;
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) == colour) {
          run++;
        }
      }
      if (run > 0 && !inBar) {
        lengths.add(run);
      }
      inBar = run > 0;
    }
    return lengths;
  }

  @Test
  void aRecordThatFailsSaysSoOnThePage(@TempDir Path tmp) throws Exception {
    Map<String, byte[]> copy = new TreeMap<>(RecordFiles.read(RecordSmallTest.RECORD).all());
    byte[] shares = copy.get(RecordLayout.shares(3)).clone();
    shares[shares.length / 2] ^= 0x01;
    copy.put(RecordLayout.shares(3), shares);
    Path dir = tmp.resolve("changed");
    new RecordFiles(copy).writeDirectory(dir);
    RecordSmallTest.Run run =
        RecordSmallTest.verifyRecord(dir.toString(), "--html", tmp.resolve("html").toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("html/results-en.html"))).contains("does NOT verify");
  }
}
