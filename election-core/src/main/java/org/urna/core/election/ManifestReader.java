package org.urna.core.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.VerifyingKey;

/** Step P8: a JSON tree to an {@link ElectionManifest}, every error named by its JSON path. */
final class ManifestReader {
  static final String FORMAT = "urna/election-manifest/v1";
  private static final LoadStep STEP = LoadStep.P8_MANIFEST;
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private ManifestReader() {}

  static ElectionManifest read(JsonNode node, String path) throws ElectionPackageException {
    List<ElectionPackageException> problems = new ArrayList<>();
    ElectionManifest m = read(node, path, problems);
    if (!problems.isEmpty()) {
      throw problems.getFirst();
    }
    return m;
  }

  /** A step that may fail with a named field; a failure is kept and reading goes on. */
  private interface Part<T> {
    T read() throws ElectionPackageException;
  }

  private static <T> T collect(List<ElectionPackageException> problems, Part<T> part) {
    try {
      return part.read();
    } catch (ElectionPackageException e) {
      problems.add(e);
      return null;
    }
  }

  /**
   * Reads as much as it can, adding every problem found to {@code problems} (the top-level members,
   * then each contest, ballot style and station on its own), and returns the manifest only when
   * there was none. Rules that span the whole manifest (every text in every language, styles naming
   * known contests) are checked once the parts read cleanly.
   */
  static ElectionManifest read(
      JsonNode node, String path, List<ElectionPackageException> problems) {
    int before = problems.size();
    JsonFields f =
        collect(
            problems,
            () ->
                JsonFields.of(
                    node,
                    path,
                    STEP,
                    Set.of(
                        "format",
                        "electionId",
                        "title",
                        "languages",
                        "votingWindow",
                        "contests",
                        "ballotStyles",
                        "stations",
                        "lookupPage")));
    if (f == null) {
      return null;
    }
    collect(
        problems,
        () -> {
          String format = f.text("format");
          if (!FORMAT.equals(format)) {
            throw f.error(
                "format",
                "is '" + TextRules.shorten(format) + "'; this kiosk reads '" + FORMAT + "' only");
          }
          return format;
        });
    String electionId = collect(problems, () -> f.text("electionId"));
    LocalizedText title = collect(problems, () -> f.localized("title"));
    List<String> languages =
        collect(problems, () -> f.texts("languages", ManifestLimits.MAX_LANGUAGES));
    VotingWindow window =
        collect(problems, () -> window(f.required("votingWindow"), f.path("votingWindow")));
    List<Contest> contests = new ArrayList<>();
    List<JsonNode> cs = collect(problems, () -> f.array("contests", ManifestLimits.MAX_CONTESTS));
    for (int i = 0; cs != null && i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      String p = f.path("contests[" + i + "]");
      contests.add(collect(problems, () -> contest(c, p)));
    }
    List<BallotStyle> styles = new ArrayList<>();
    List<JsonNode> bs =
        collect(problems, () -> f.array("ballotStyles", ManifestLimits.MAX_BALLOT_STYLES));
    for (int i = 0; bs != null && i < bs.size(); i++) {
      JsonNode b = bs.get(i);
      String p = f.path("ballotStyles[" + i + "]");
      styles.add(collect(problems, () -> ballotStyle(b, p)));
    }
    List<Station> stations = new ArrayList<>();
    List<JsonNode> ss = collect(problems, () -> f.array("stations", ManifestLimits.MAX_STATIONS));
    for (int i = 0; ss != null && i < ss.size(); i++) {
      JsonNode st = ss.get(i);
      String p = f.path("stations[" + i + "]");
      stations.add(collect(problems, () -> station(st, p)));
    }
    String lookupPage = collect(problems, () -> f.has("lookupPage") ? f.text("lookupPage") : null);
    if (problems.size() > before) {
      return null;
    }
    return collect(
        problems,
        () ->
            build(
                path,
                () ->
                    new ElectionManifest(
                        electionId,
                        title,
                        languages,
                        window,
                        contests,
                        styles,
                        stations,
                        lookupPage)));
  }

  private static VotingWindow window(JsonNode node, String path) throws ElectionPackageException {
    JsonFields f = JsonFields.of(node, path, STEP, Set.of("opens", "closes"));
    Instant opens = instant(f, "opens");
    Instant closes = instant(f, "closes");
    return build(path, () -> new VotingWindow(opens, closes));
  }

  private static Instant instant(JsonFields f, String name) throws ElectionPackageException {
    String s = f.text(name);
    if (!INSTANT.matcher(s).matches()) {
      throw f.error(
          name, "'" + TextRules.shorten(s) + "' must be a UTC time like 2026-09-20T05:00:00Z");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw f.error(name, "'" + s + "' is not a real date and time");
    }
  }

  private static Contest contest(JsonNode node, String path) throws ElectionPackageException {
    if (node == null || !node.isObject()) {
      throw new ElectionPackageException(STEP, path, "must be a JSON object { ... }");
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new ElectionPackageException(
          STEP, JsonFields.join(path, "type"), "is missing: say \"candidate\" or \"referendum\"");
    }
    return switch (type.textValue()) {
      case CandidateContest.TYPE -> candidateContest(node, path);
      case ReferendumContest.TYPE -> referendum(node, path);
      default ->
          throw new ElectionPackageException(
              STEP,
              JsonFields.join(path, "type"),
              "'"
                  + TextRules.shorten(type.textValue())
                  + "' is not a kind of contest; say \"candidate\" or \"referendum\"");
    };
  }

  private static Contest candidateContest(JsonNode node, String path)
      throws ElectionPackageException {
    JsonFields f =
        JsonFields.of(
            node, path, STEP, Set.of("type", "id", "title", "votesAllowed", "candidates"));
    String id = f.text("id");
    LocalizedText title = f.localized("title");
    int votesAllowed = f.integer("votesAllowed");
    List<CandidateContest.Candidate> candidates = new ArrayList<>();
    List<JsonNode> cs = f.array("candidates", ManifestLimits.MAX_SELECTIONS);
    for (int i = 0; i < cs.size(); i++) {
      String p = f.path("candidates[" + i + "]");
      JsonFields c = JsonFields.of(cs.get(i), p, STEP, Set.of("id", "name", "description"));
      String cid = c.text("id");
      LocalizedText name = c.localized("name");
      LocalizedText description = c.has("description") ? c.localized("description") : null;
      candidates.add(build(p, () -> new CandidateContest.Candidate(cid, name, description)));
    }
    return build(path, () -> new CandidateContest(id, title, votesAllowed, candidates));
  }

  private static Contest referendum(JsonNode node, String path) throws ElectionPackageException {
    JsonFields f =
        JsonFields.of(node, path, STEP, Set.of("type", "id", "title", "question", "yes", "no"));
    String id = f.text("id");
    LocalizedText title = f.localized("title");
    LocalizedText question = f.localized("question");
    LocalizedText yes = f.localized("yes");
    LocalizedText no = f.localized("no");
    return build(path, () -> new ReferendumContest(id, title, question, yes, no));
  }

  private static BallotStyle ballotStyle(JsonNode node, String path)
      throws ElectionPackageException {
    JsonFields f = JsonFields.of(node, path, STEP, Set.of("id", "name", "contestIds"));
    String id = f.text("id");
    LocalizedText name = f.localized("name");
    List<String> contestIds = f.texts("contestIds", ManifestLimits.MAX_CONTESTS);
    return build(path, () -> new BallotStyle(id, name, contestIds));
  }

  private static Station station(JsonNode node, String path) throws ElectionPackageException {
    JsonFields f = JsonFields.of(node, path, STEP, Set.of("id", "name", "key"));
    String id = f.text("id");
    LocalizedText name = f.localized("name");
    String hex = f.text("key");
    if (!HEX64.matcher(hex).matches()) {
      throw f.error("key", "must be an Ed25519 public key: 64 lower-case hex digits");
    }
    VerifyingKey key;
    try {
      key = VerifyingKey.fromHex(hex);
    } catch (CryptoFormatException e) {
      throw f.error("key", "is not a valid Ed25519 public key");
    }
    return build(path, () -> new Station(id, name, key));
  }

  /** Runs a record's constructor, turning its field error into one at {@code path}. */
  private static <T> T build(String path, Supplier<T> constructor) throws ElectionPackageException {
    try {
      return constructor.get();
    } catch (ManifestFieldException e) {
      ManifestFieldException at = path.isEmpty() ? e : e.within(path);
      throw new ElectionPackageException(STEP, at.field(), at.problem());
    }
  }
}
