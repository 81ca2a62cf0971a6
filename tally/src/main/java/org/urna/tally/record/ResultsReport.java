package org.urna.tally.record;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.ReferendumContest;

/**
 * The results of a verified election record as one self-contained HTML page per language of the
 * election: a bar chart per contest in inline SVG, turnout per station, the election fingerprint,
 * the final checkpoint and whether the verifier found every step holding. No script, no external
 * resource.
 */
public final class ResultsReport {
  private ResultsReport() {}

  /** The page's own words; a language without them falls back to English. */
  private static final Map<String, Map<String, String>> WORDS =
      Map.of(
          "en",
          Map.of(
              "results", "Results",
              "turnout", "Ballots per polling station",
              "station", "Polling station",
              "cast", "cast",
              "challenged", "challenged (not counted)",
              "fingerprint", "Election fingerprint",
              "checkpoint", "Final ledger checkpoint",
              "verified", "The election record verifies: every step of the verifier holds.",
              "failed", "The election record does NOT verify: do not rely on these numbers."),
          "ru",
          Map.of(
              "results", "Итоги",
              "turnout", "Бюллетени по избирательным участкам",
              "station", "Участок",
              "cast", "опущено",
              "challenged", "оспорено (не учитываются)",
              "fingerprint", "Отпечаток выборов",
              "checkpoint", "Последняя контрольная точка журнала",
              "verified", "Запись о выборах проверена: все шаги проверки выполнены.",
              "failed", "Запись о выборах НЕ проверена: на эти числа полагаться нельзя."),
          "tt",
          Map.of(
              "results", "Нәтиҗәләр",
              "turnout", "Сайлау участоклары буенча бюллетеньнәр",
              "station", "Участок",
              "cast", "салынган",
              "challenged", "бәхәсле (исәпкә алынмый)",
              "fingerprint", "Сайлау эзе",
              "checkpoint", "Журналның соңгы тикшерү ноктасы",
              "verified", "Сайлау язмасы тикшерелде: тикшерүнең һәр адымы үтәлде.",
              "failed", "Сайлау язмасы тикшерелмәде: бу саннарга ышанырга ярамый."));

  /** One page for {@code language} (one of the election's languages). */
  public static byte[] html(ElectionRecordVerifier.Summary s, String language) {
    ElectionManifest m = s.manifest();
    Map<String, String> w = WORDS.getOrDefault(language, WORDS.get("en"));
    StringBuilder h = new StringBuilder();
    String title = text(m.title(), language, m.electionId());
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(esc(language))
        .append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n<title>")
        .append(esc(title))
        .append(" — ")
        .append(esc(w.get("results")))
        .append("</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}")
        .append("code{word-break:break-all}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #999;padding:.3em .6em;text-align:right}")
        .append("td:first-child,th:first-child{text-align:left}")
        .append(".ok{color:#05620b}.bad{color:#a00;font-weight:bold}</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    h.append("<p class=\"")
        .append(s.verified() ? "ok" : "bad")
        .append("\">")
        .append(esc(w.get(s.verified() ? "verified" : "failed")))
        .append("</p>\n");
    h.append("<h2>").append(esc(w.get("results"))).append("</h2>\n");
    for (Contest c : m.contests()) {
      h.append("<h3>").append(esc(text(c.title(), language, c.id()))).append("</h3>\n");
      h.append(chart(c, s.counts(), language));
    }
    h.append("<h2>")
        .append(esc(w.get("turnout")))
        .append("</h2>\n<table>\n<tr><th>")
        .append(esc(w.get("station")))
        .append("</th><th>")
        .append(esc(w.get("cast")))
        .append("</th><th>")
        .append(esc(w.get("challenged")))
        .append("</th></tr>\n");
    for (Map.Entry<String, long[]> e : s.stations().entrySet()) {
      String name =
          m.station(e.getKey()).map(st -> text(st.name(), language, e.getKey())).orElse(e.getKey());
      h.append("<tr><td>")
          .append(esc(name))
          .append(" (")
          .append(esc(e.getKey()))
          .append(")</td><td>")
          .append(e.getValue()[0])
          .append("</td><td>")
          .append(e.getValue()[1])
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    h.append("<h2>")
        .append(esc(w.get("fingerprint")))
        .append("</h2>\n<p><code>")
        .append(HexFormat.of().formatHex(s.fingerprint()))
        .append("</code></p>\n");
    h.append("<h2>")
        .append(esc(w.get("checkpoint")))
        .append("</h2>\n<p><code>")
        .append(esc(s.finalCheckpoint().origin()))
        .append("<br>")
        .append(s.finalCheckpoint().size())
        .append("<br>")
        .append(s.finalCheckpoint().root().base64())
        .append("</code></p>\n</body>\n</html>\n");
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** "1 vote", "2 голоса", "5 голосов": the count with its noun in the language's plural form. */
  private static final Map<String, String> VOTES =
      Map.of(
          "en", "{0,plural,one{# vote} other{# votes}}",
          "ru", "{0,plural,one{# голос} few{# голоса} many{# голосов} other{# голоса}}",
          "tt", "{0,plural,other{# тавыш}}");

  /** A count of votes in {@code language} (CLDR plural rules through ICU). */
  static String votes(long n, String language) {
    String pattern = VOTES.get(language);
    com.ibm.icu.util.ULocale locale =
        new com.ibm.icu.util.ULocale(pattern == null ? "en" : language);
    return new com.ibm.icu.text.MessageFormat(pattern == null ? VOTES.get("en") : pattern, locale)
        .format(new Object[] {n});
  }

  /** The report's own words in {@code language}, or in English when it has none. */
  static Map<String, String> words(String language) {
    return WORDS.getOrDefault(language, WORDS.get("en"));
  }

  static String title(ElectionManifest m, String language) {
    return text(m.title(), language, m.electionId());
  }

  static String contestTitle(Contest c, String language) {
    return text(c.title(), language, c.id());
  }

  static String stationName(ElectionManifest m, String id, String language) {
    return m.station(id).map(st -> text(st.name(), language, id)).orElse(id);
  }

  /** A horizontal bar per selection, longest bar = the most votes; names and counts as text. */
  static String chart(Contest c, Map<String, Long> counts, String language) {
    List<String> ids = c.selectionIds();
    long max = 1;
    for (String id : ids) {
      max = Math.max(max, counts.getOrDefault(c.id() + "/" + id, 0L));
    }
    int row = 28;
    int labelW = 260;
    int barW = 360;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg role=\"img\" width=\"")
        .append(labelW + barW + 80)
        .append("\" height=\"")
        .append(row * ids.size() + 8)
        .append("\" aria-label=\"")
        .append(esc(text(c.title(), language, c.id())))
        .append("\">\n");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      long n = counts.getOrDefault(c.id() + "/" + id, 0L);
      int y = i * row + 4;
      int len = (int) Math.round(barW * (double) n / max);
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"0\" y=\"%d\" font-size=\"14\">%s</text>"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2b6cb0\"/>"
                  + "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>\n",
              y + 17,
              esc(selectionName(c, id, language)),
              labelW,
              y + 3,
              len,
              row - 8,
              labelW + len + 6,
              y + 17,
              esc(votes(n, language))));
    }
    return svg.append("</svg>\n").toString();
  }

  static String selectionName(Contest c, String id, String language) {
    return switch (c) {
      case CandidateContest cc ->
          cc.candidates().stream()
              .filter(x -> x.id().equals(id))
              .findFirst()
              .map(x -> text(x.name(), language, id))
              .orElse(id);
      case ReferendumContest r ->
          text(id.equals(ReferendumContest.YES) ? r.yes() : r.no(), language, id);
    };
  }

  private static String text(LocalizedText t, String language, String fallback) {
    return t == null ? fallback : t.in(language, fallback);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
