package org.urna.core.election;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything a voter sees and a verifier needs to know about one election (spec 3): contests,
 * ballot styles, the authorised stations, the voting window, in every language the election
 * carries. Every text has exactly the election's languages; the first language is the default.
 */
public record ElectionManifest(
    String electionId,
    LocalizedText title,
    List<String> languages,
    VotingWindow votingWindow,
    List<Contest> contests,
    List<BallotStyle> ballotStyles,
    List<Station> stations,
    String lookupPage) {

  /** The longest receipt lookup address, in characters: its QR code still fits a 58 mm receipt. */
  public static final int MAX_LOOKUP_PAGE_CHARS = 200;

  /** A manifest without a receipt lookup address. */
  public ElectionManifest(
      String electionId,
      LocalizedText title,
      List<String> languages,
      VotingWindow votingWindow,
      List<Contest> contests,
      List<BallotStyle> ballotStyles,
      List<Station> stations) {
    this(electionId, title, languages, votingWindow, contests, ballotStyles, stations, null);
  }

  public ElectionManifest {
    Ids.check("electionId", electionId);
    Ids.required("title", title);
    languages = Ids.list("languages", languages, ManifestLimits.MAX_LANGUAGES);
    for (int i = 0; i < languages.size(); i++) {
      TextRules.checkLanguage("languages[" + i + "]", languages.get(i));
    }
    Ids.requireUnique("languages", "", languages);
    Ids.required("votingWindow", votingWindow);
    contests = Ids.list("contests", contests, ManifestLimits.MAX_CONTESTS);
    ballotStyles = Ids.list("ballotStyles", ballotStyles, ManifestLimits.MAX_BALLOT_STYLES);
    stations = Ids.list("stations", stations, ManifestLimits.MAX_STATIONS);
    Ids.requireUnique("contests", "id", contests.stream().map(Contest::id).toList());
    Ids.requireUnique("ballotStyles", "id", ballotStyles.stream().map(BallotStyle::id).toList());
    Ids.requireUnique("stations", "id", stations.stream().map(Station::id).toList());
    Ids.requireUnique("stations", "key", stations.stream().map(s -> s.key().toHex()).toList());
    Set<String> contestIds = contests.stream().map(Contest::id).collect(Collectors.toSet());
    for (int i = 0; i < ballotStyles.size(); i++) {
      List<String> refs = ballotStyles.get(i).contestIds();
      for (int j = 0; j < refs.size(); j++) {
        if (!contestIds.contains(refs.get(j))) {
          throw new ManifestFieldException(
              "ballotStyles[" + i + "].contestIds[" + j + "]",
              "names contest '" + refs.get(j) + "', which is not in the contests list");
        }
      }
    }
    new LanguageCoverage(Set.copyOf(languages)).check(title, contests, ballotStyles, stations);
    checkLookupPage(lookupPage);
  }

  /** The same manifest with this receipt lookup address (null for none). */
  public ElectionManifest withLookupPage(String page) {
    return new ElectionManifest(
        electionId, title, languages, votingWindow, contests, ballotStyles, stations, page);
  }

  /**
   * The public page where a voter looks up a receipt's tracking code (spec 3, {@code lookupPage}):
   * the receipt's QR code carries it with {@code ?code=} and the tracking code.
   */
  public Optional<java.net.URI> lookupPageUri() {
    return Optional.ofNullable(lookupPage).map(java.net.URI::create);
  }

  /**
   * An absolute http or https address with a host, printable ASCII, no user, query or fragment, at
   * most {@link #MAX_LOOKUP_PAGE_CHARS} characters; null is allowed (no lookup address).
   */
  static void checkLookupPage(String page) {
    if (page == null) {
      return;
    }
    String f = "lookupPage";
    if (page.isEmpty() || page.length() > MAX_LOOKUP_PAGE_CHARS) {
      throw new ManifestFieldException(
          f, "must have 1 to " + MAX_LOOKUP_PAGE_CHARS + " characters, not " + page.length());
    }
    if (!page.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ManifestFieldException(f, "must be printable ASCII without spaces");
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(page);
    } catch (java.net.URISyntaxException e) {
      throw new ManifestFieldException(f, "is not an address: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ManifestFieldException(f, "must start with https:// or http://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ManifestFieldException(f, "has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ManifestFieldException(f, "must not carry a user name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ManifestFieldException(
          f, "must have no query or fragment (the receipt adds ?code=...)");
    }
  }

  /** The election's default language (the first of {@link #languages}). */
  public String defaultLanguage() {
    return languages.getFirst();
  }

  public Optional<Contest> contest(String id) {
    return contests.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public Optional<BallotStyle> ballotStyle(String id) {
    return ballotStyles.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Optional<Station> station(String id) {
    return stations.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The contests of a ballot style, in ballot order. */
  public List<Contest> contestsOf(BallotStyle style) {
    Map<String, Contest> byId =
        contests.stream().collect(Collectors.toMap(Contest::id, Function.identity()));
    return style.contestIds().stream().map(byId::get).toList();
  }

  /** Checks that every text of the manifest has exactly the election's languages. */
  private record LanguageCoverage(Set<String> languages) {
    void check(
        LocalizedText title,
        List<Contest> contests,
        List<BallotStyle> styles,
        List<Station> stations) {
      text("title", title);
      for (int i = 0; i < contests.size(); i++) {
        String p = "contests[" + i + "]";
        switch (contests.get(i)) {
          case CandidateContest c -> {
            text(p + ".title", c.title());
            for (int j = 0; j < c.candidates().size(); j++) {
              CandidateContest.Candidate cand = c.candidates().get(j);
              text(p + ".candidates[" + j + "].name", cand.name());
              if (cand.description() != null) {
                text(p + ".candidates[" + j + "].description", cand.description());
              }
            }
          }
          case ReferendumContest r -> {
            text(p + ".title", r.title());
            text(p + ".question", r.question());
            text(p + ".yes", r.yes());
            text(p + ".no", r.no());
          }
        }
      }
      for (int i = 0; i < styles.size(); i++) {
        text("ballotStyles[" + i + "].name", styles.get(i).name());
      }
      for (int i = 0; i < stations.size(); i++) {
        text("stations[" + i + "].name", stations.get(i).name());
      }
    }

    private void text(String path, LocalizedText t) {
      for (String lang : languages) {
        if (!t.texts().containsKey(lang)) {
          throw new ManifestFieldException(
              path, "has no text in '" + lang + "' (every text needs every election language)");
        }
      }
      Set<String> extra = new HashSet<>(t.texts().keySet());
      extra.removeAll(languages);
      if (!extra.isEmpty()) {
        String lang = extra.stream().sorted().findFirst().orElseThrow();
        throw new ManifestFieldException(
            path + "." + lang, "'" + lang + "' is not one of the election's languages");
      }
    }
  }
}
