package org.urna.kiosk.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.CandidateContest.Candidate;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.ManifestJson;
import org.urna.core.election.ReferendumContest;
import org.urna.core.election.Station;
import org.urna.core.election.VotingWindow;

/**
 * Runs `urna election proof` on a small election (two ballot styles in English and Tatar; one with
 * a council race of 12 long-named candidates that pages at every text size) and checks what it
 * wrote: one PNG per screen the voter passes (every page of every contest and of the review) per
 * text size, language and style, each a whole kiosk screen; every candidate's name on some page of
 * its contest (a page skipped would lose some); the paper record and receipt of each style and
 * language with the marked names printed; the index naming every PNG. A few PNGs are kept in
 * docs/screenshots/proof.
 */
class ElectionProofTest {
  static final List<String> LANGS = List.of("en", "tt");

  @TempDir Path tmp;

  @Test
  void everyScreenOfEveryStyleLanguageAndTextSizeAndThePapers() throws Exception {
    ElectionManifest m = manifest();
    Path manifestFile = tmp.resolve("manifest.json");
    Files.write(manifestFile, ManifestJson.write(m));
    // kept after the test (target/proof-test) to be looked at; started afresh each run
    Path out = Path.of("target", "proof-test");
    if (Files.exists(out)) {
      try (Stream<Path> old = Files.walk(out)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code =
        ProofMain.run(
            new String[] {"--manifest", manifestFile.toString(), "--out", out.toString()},
            new PrintStream(said, true, StandardCharsets.UTF_8),
            new PrintStream(errors, true, StandardCharsets.UTF_8));
    assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isEqualTo(ProofMain.OK);
    assertThat(errors.toString(StandardCharsets.UTF_8)).as("no text cut on any screen").isEmpty();

    Set<String> expectedFiles = new HashSet<>();
    for (BallotStyle style : m.ballotStyles()) {
      for (String lang : LANGS) {
        Path dir = out.resolve(style.id()).resolve(lang);
        for (int size : List.of(1, 4)) {
          List<String> files = screens(dir, size);
          List<String> names = files.stream().map(ElectionProofTest::screenName).toList();
          // the walk, in order: language, every page of every contest, every page of review, ...
          List<String> walk = new ArrayList<>(List.of("language"));
          for (Contest c : m.contestsOf(style)) {
            List<String> pages =
                names.stream().filter(n -> n.startsWith("contest-" + c.id() + "-page-")).toList();
            assertThat(pages).as(style.id() + "/" + lang + "/" + size + " " + c.id()).isNotEmpty();
            for (int p = 1; p <= pages.size(); p++) {
              walk.add("contest-" + c.id() + "-page-" + p);
            }
            // every choice showed on some page of its contest, in the language of the walk
            String texts = texts(dir, files, "contest-" + c.id() + "-page-");
            assertThat(texts).contains(c.title().in(lang, "?"));
            for (String name : names(c, lang)) {
              assertThat(texts)
                  .as("%s/%s size %d: %s", style.id(), lang, size, c.id())
                  .contains(name);
            }
            if (c.id().equals("council")) {
              assertThat(pages).as("the council race pages at size " + size).hasSizeGreaterThan(1);
            }
          }
          long review = names.stream().filter(n -> n.startsWith("review-page-")).count();
          assertThat(review).isPositive();
          for (int p = 1; p <= review; p++) {
            walk.add("review-page-" + p);
          }
          walk.add("check-paper-record");
          walk.add("cast");
          assertThat(names).as(style.id() + "/" + lang + " size " + size).isEqualTo(walk);
          for (String f : files) {
            BufferedImage img = ImageIO.read(dir.resolve(f).toFile());
            assertThat(img).as(f).isNotNull();
            assertThat(img.getWidth()).as(f).isEqualTo(1280);
            assertThat(img.getHeight()).as(f).isEqualTo(1024);
            expectedFiles.add(style.id() + "/" + lang + "/" + f);
          }
        }
        // the paper record shows the proof's marks: the first `limit` selections of each contest.
        // (Read back as text where the printer prints text; Tatar's letters are printed as a
        // picture, which the emulator's text does not hold: look at its PNG.)
        String record = Files.readString(dir.resolve("paper-record.txt")).replace('\n', ' ');
        assertThat(record.isBlank()).as(lang + " paper as text").isEqualTo(lang.equals("tt"));
        for (Contest c : lang.equals("tt") ? List.<Contest>of() : m.contestsOf(style)) {
          List<String> names = names(c, lang);
          for (String marked : names.subList(0, c.limit())) {
            assertThat(record).as(style.id() + "/" + lang).contains(marked);
          }
          for (String unmarked : names.subList(c.limit(), names.size())) {
            assertThat(record).as(style.id() + "/" + lang).doesNotContain(unmarked);
          }
        }
        for (String paper : List.of("paper-record.png", "receipt.png")) {
          BufferedImage img = ImageIO.read(dir.resolve(paper).toFile());
          assertThat(img).as(paper).isNotNull();
          assertThat(img.getHeight()).as(paper).isGreaterThan(img.getWidth());
          expectedFiles.add(style.id() + "/" + lang + "/" + paper);
        }
      }
    }
    // nothing else was written, and the index shows every PNG
    Set<String> written = new HashSet<>();
    try (Stream<Path> all = Files.walk(out)) {
      all.filter(f -> f.toString().endsWith(".png"))
          .forEach(f -> written.add(out.relativize(f).toString()));
    }
    assertThat(written).isEqualTo(expectedFiles);
    String index = Files.readString(out.resolve("index.html"));
    for (String f : expectedFiles) {
      assertThat(index).contains("src=\"" + f + "\"");
    }
    assertThat(said.toString(StandardCharsets.UTF_8)).contains("Proof written");

    keep(out);
  }

  @Test
  void aFolderThatIsNotEmptyOrABadManifestIsRefusedAndNothingIsWritten() throws Exception {
    Path manifestFile = tmp.resolve("manifest.json");
    Files.write(manifestFile, ManifestJson.write(manifest()));
    Path used = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(used.resolve("old.png"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(
            ProofMain.run(
                new String[] {"--manifest", manifestFile.toString(), "--out", used.toString()},
                o,
                e))
        .isEqualTo(ProofMain.PROBLEMS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not an empty folder");
    try (Stream<Path> s = Files.list(used)) {
      assertThat(s.toList()).hasSize(1);
    }

    err.reset();
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"electionId\": \"x\"}");
    Path fresh = tmp.resolve("fresh");
    assertThat(
            ProofMain.run(
                new String[] {"--manifest", bad.toString(), "--out", fresh.toString()}, o, e))
        .isEqualTo(ProofMain.PROBLEMS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a checked manifest");
    assertThat(fresh).doesNotExist();
  }

  /** The screen PNGs of one text size, in the order of the walk (their numbers). */
  private static List<String> screens(Path dir, int size) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("text-" + size + "-") && n.endsWith(".png"))
          .sorted()
          .toList();
    }
  }

  /** "text-4-03-contest-council-page-2.png" → "contest-council-page-2". */
  private static String screenName(String file) {
    return file.replaceFirst("^text-\\d-\\d\\d-", "").replaceFirst("\\.png$", "");
  }

  /** The texts the proof saw on the screens of {@code prefix}, from its result file. */
  private static String texts(Path dir, List<String> files, String prefix) throws Exception {
    StringBuilder all = new StringBuilder();
    for (String f : files) {
      if (screenName(f).startsWith(prefix)) {
        Path t = dir.resolve(f.replaceFirst("\\.png$", ".txt"));
        all.append(Files.readString(t)).append('\n');
      }
    }
    return all.toString();
  }

  private static List<String> names(Contest c, String lang) {
    return switch (c) {
      case CandidateContest cc ->
          cc.candidates().stream().map(x -> x.name().in(lang, "?")).toList();
      case ReferendumContest r -> List.of(r.yes().in(lang, "?"), r.no().in(lang, "?"));
    };
  }

  /** Keeps a few pages in docs/screenshots/proof: Tatar at the largest size, English at 1. */
  private static void keep(Path out) throws Exception {
    Path docs = Path.of(System.getProperty("urna.screenshots", "target/screenshots"));
    Files.createDirectories(docs);
    Path tt = out.resolve("city").resolve("tt");
    Path en = out.resolve("city").resolve("en");
    copy(en, "text-1-01-language.png", docs, "proof-city-en-text-1-language.png");
    for (String f : screens(tt, 4)) {
      if (f.matches(".*contest-council-page-[12]\\.png") || f.contains("review-page-1")) {
        copy(tt, f, docs, "proof-city-tt-" + f);
      }
    }
    copy(tt, "paper-record.png", docs, "proof-city-tt-paper-record.png");
    copy(en, "receipt.png", docs, "proof-city-en-receipt.png");
  }

  private static void copy(Path dir, String f, Path docs, String name) throws Exception {
    Files.copy(dir.resolve(f), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Two ballot styles: "city" (a referendum, a long council race) and "school" (one race). */
  static ElectionManifest manifest() {
    List<Candidate> council = new ArrayList<>();
    String[][] people = {
      {
        "Alexandra Konstantinovna Vereshchagina-Preobrazhenskaya",
        "Александра Константиновна Верещагина-Преображенская"
      },
      {"Rinat Faridovich Khayrullin", "Ринат Фәрит улы Хәйруллин"},
      {"Guzel Ildarovna Jalilova", "Гүзәл Илдар кызы Җәлилова"},
      {"Boris Petrov", "Борис Петров"},
      {"Chulpan Nurieva", "Чулпан Нуриева"},
      {"Dmitry Orlov", "Дмитрий Орлов"},
      {"Elmira Safina", "Эльмира Сафина"},
      {"Fyodor Lebedev", "Фёдор Лебедев"},
      {"Gulnara Shakirova", "Гөлнара Шакирова"},
      {"Ilnur Ganiev", "Илнур Ганиев"},
      {"Yekaterina Smirnova", "Екатерина Смирнова"},
      {"Zufar Khabibullin", "Зөфәр Хәбибуллин"}
    };
    for (int i = 0; i < people.length; i++) {
      council.add(
          new Candidate(
              "council-" + (i + 1),
              LocalizedText.of("en", people[i][0], "tt", people[i][1]),
              i == 0
                  ? LocalizedText.of(
                      "en",
                      "Citizens for an Open Budget, Public Transport and Green Courtyards",
                      "tt",
                      "«Ачык бюджет, җәмәгать транспорты һәм яшел ишегаллары өчен шәһәрлеләр»")
                  : LocalizedText.of("en", "Independent", "tt", "Үзен тәкъдим иткән")));
    }
    Contest referendum =
        new ReferendumContest(
            "park",
            LocalizedText.of("en", "City park referendum", "tt", "Шәһәр паркы референдумы"),
            LocalizedText.of(
                "en",
                "Should the city turn the old tram depot into a public park open to everyone?",
                "tt",
                "Шәһәр иске трамвай депосын һәркемгә ачык җәмәгать паркына әйләндерергәме?"),
            LocalizedText.of("en", "Yes", "tt", "Әйе"),
            LocalizedText.of("en", "No", "tt", "Юк"));
    Contest councilRace =
        new CandidateContest(
            "council", LocalizedText.of("en", "City council", "tt", "Шәһәр советы"), 3, council);
    Contest school =
        new CandidateContest(
            "school",
            LocalizedText.of("en", "School board", "tt", "Мәктәп советы"),
            1,
            List.of(
                new Candidate(
                    "school-1",
                    LocalizedText.of("en", "Marat Yusupov", "tt", "Марат Юсупов"),
                    LocalizedText.of("en", "Teacher", "tt", "Укытучы")),
                new Candidate(
                    "school-2",
                    LocalizedText.of("en", "Olga Ivanova", "tt", "Ольга Иванова"),
                    LocalizedText.of("en", "Parent", "tt", "Ата-ана"))));
    return new ElectionManifest(
        "proof-test-2026",
        LocalizedText.of("en", "City election (proof test)", "tt", "Шәһәр сайлаулары (сынау)"),
        LANGS,
        new VotingWindow(
            Instant.parse("2026-09-13T05:00:00Z"), Instant.parse("2026-09-13T17:00:00Z")),
        List.of(referendum, councilRace, school),
        List.of(
            new BallotStyle(
                "city", LocalizedText.of("en", "City", "tt", "Шәһәр"), List.of("park", "council")),
            new BallotStyle(
                "school",
                LocalizedText.of("en", "School district", "tt", "Мәктәп округы"),
                List.of("school"))),
        List.of(
            new Station(
                "station-7",
                LocalizedText.of("en", "Station 7", "tt", "7 нче участок"),
                SigningKey.generate(new SecureRandom()).publicKey())));
  }
}
