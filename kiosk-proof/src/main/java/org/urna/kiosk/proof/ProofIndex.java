package org.urna.kiosk.proof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ManifestJson;

/**
 * The proof's index.html: one section per ballot style and language, each screen the voter passes
 * as a row with the default text size beside the largest, then the paper record and the receipt.
 * Every picture links to its PNG; a screen where a text showed cut is marked in red.
 */
final class ProofIndex {
  private ProofIndex() {}

  static void write(ElectionProof.Result r, Path out) throws IOException {
    ElectionManifest m = r.manifest();
    String lang0 = m.languages().getFirst();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(esc(lang0))
        .append("\"><head><meta charset=\"utf-8\"><title>Proof: ")
        .append(esc(m.electionId()))
        .append("</title>\n<style>body{font-family:sans-serif;margin:1em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #999;padding:6px;")
        .append("vertical-align:top}img{width:420px;border:1px solid #ccc}")
        .append(
            "img.paper{width:300px}.problem{color:#b00;font-weight:bold}</style></head><body>\n")
        .append("<h1>Proof of election ")
        .append(esc(m.electionId()))
        .append(": ")
        .append(esc(m.title().in(lang0, m.electionId())))
        .append("</h1>\n<p>Election hash (manifest): <code>")
        .append(HexFormat.of().formatHex(ManifestJson.electionHash(m)))
        .append("</code>. Station shown: <code>")
        .append(esc(r.stationId()))
        .append("</code>. Every screen below was drawn by the kiosk's own voter screens; the")
        .append(" marks are the proof's (the first selections of each contest), and the tracking")
        .append(" code on the cast screen and the receipt comes from a throwaway key. Nothing was")
        .append(" recorded.</p>\n<ul>\n");
    for (BallotStyle s : m.ballotStyles()) {
      for (String l : m.languages()) {
        h.append("<li><a href=\"#")
            .append(esc(anchor(s.id(), l)))
            .append("\">")
            .append(esc(s.id()))
            .append(" — ")
            .append(esc(s.name().in(l, s.id())))
            .append(" (")
            .append(esc(l))
            .append(")</a></li>\n");
      }
    }
    h.append("</ul>\n");
    for (BallotStyle s : m.ballotStyles()) {
      for (String l : m.languages()) {
        h.append("<h2 id=\"")
            .append(esc(anchor(s.id(), l)))
            .append("\">Ballot style ")
            .append(esc(s.id()))
            .append(" — ")
            .append(esc(s.name().in(l, s.id())))
            .append(", language ")
            .append(esc(l))
            .append("</h2>\n<table><tr><th>screen</th>");
        for (int size : ElectionProof.SIZES) {
          h.append("<th>text size ").append(size).append("</th>");
        }
        h.append("</tr>\n");
        Map<String, Map<Integer, ElectionProof.Shot>> rows = new LinkedHashMap<>();
        List<String> order = new java.util.ArrayList<>();
        for (int size : ElectionProof.SIZES) {
          int at = 0; // a page only one size has goes after the screen before it at that size
          for (ElectionProof.Shot shot : r.shots()) {
            if (shot.style().equals(s.id())
                && shot.language().equals(l)
                && shot.textSize() == size) {
              if (!order.contains(shot.screen())) {
                order.add(at, shot.screen());
              }
              at = order.indexOf(shot.screen()) + 1;
              rows.computeIfAbsent(shot.screen(), k -> new LinkedHashMap<>()).put(size, shot);
            }
          }
        }
        for (String screen : order) {
          h.append("<tr><td>").append(esc(screen)).append("</td>");
          for (int size : ElectionProof.SIZES) {
            ElectionProof.Shot shot = rows.get(screen).get(size);
            h.append("<td>");
            if (shot != null) {
              image(h, out, shot.file(), "");
              for (String p : shot.problems()) {
                h.append("<div class=\"problem\">").append(esc(p)).append("</div>");
              }
            } else {
              h.append("(no such page at this size)");
            }
            h.append("</td>");
          }
          h.append("</tr>\n");
        }
        h.append("</table>\n<p>");
        for (ElectionProof.Paper p : r.papers()) {
          if (p.style().equals(s.id()) && p.language().equals(l)) {
            h.append(esc(p.kind())).append(":<br>");
            image(h, out, p.file(), "paper");
            h.append(' ');
          }
        }
        h.append("</p>\n");
      }
    }
    h.append("</body></html>\n");
    Files.writeString(out.resolve("index.html"), h, StandardCharsets.UTF_8);
  }

  private static void image(StringBuilder h, Path out, Path file, String cls) {
    String rel = esc(out.relativize(file).toString().replace('\\', '/'));
    h.append("<a href=\"")
        .append(rel)
        .append("\"><img loading=\"lazy\" src=\"")
        .append(rel)
        .append('"')
        .append(cls.isEmpty() ? "" : " class=\"" + cls + "\"")
        .append(" alt=\"")
        .append(rel)
        .append("\"></a>");
  }

  private static String anchor(String style, String lang) {
    return ElectionProof.safe(style) + "-" + ElectionProof.safe(lang);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
