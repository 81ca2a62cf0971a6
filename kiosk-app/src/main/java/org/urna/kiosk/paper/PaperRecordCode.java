package org.urna.kiosk.paper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;

/**
 * The QR payload of a paper record, ASCII only (some scanners choke on a character-set header):
 * {@code URNA-PR1/<ballot id hex>/<style>/<contest>=<sel>+<sel>/<contest>=/...}, one field per
 * contest of the style in ballot order; an empty field is an undervote. Identifiers are {@code
 * [a-z0-9._-]}, so the separators cannot occur inside them.
 */
public final class PaperRecordCode {
  public static final String PREFIX = "URNA-PR1";

  private PaperRecordCode() {}

  public static String encode(ElectionManifest manifest, BallotId id, PlaintextBallot ballot) {
    BallotStyle style = manifest.ballotStyle(ballot.ballotStyleId()).orElseThrow();
    StringBuilder sb = new StringBuilder(PREFIX).append('/').append(id.toHex());
    sb.append('/').append(style.id());
    for (Contest c : manifest.contestsOf(style)) {
      sb.append('/').append(c.id()).append('=');
      List<String> chosen = new ArrayList<>();
      for (String sid : c.selectionIds()) {
        if (ballot.chosen(c.id()).contains(sid)) {
          chosen.add(sid);
        }
      }
      sb.append(String.join("+", chosen));
    }
    return sb.toString();
  }

  /** What a scanner reads back: the ballot id and the choices. */
  public record Decoded(BallotId ballotId, PlaintextBallot ballot) {}

  public static Decoded decode(String payload) {
    String[] parts = payload.split("/", -1);
    if (parts.length < 3 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException("not a paper record code");
    }
    Map<String, Set<String>> choices = new LinkedHashMap<>();
    for (int i = 3; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("contest field " + (i - 2) + " has no '='");
      }
      String rest = parts[i].substring(eq + 1);
      Set<String> sel = new LinkedHashSet<>();
      if (!rest.isEmpty()) {
        sel.addAll(List.of(rest.split("\\+")));
      }
      choices.put(parts[i].substring(0, eq), sel);
    }
    return new Decoded(BallotId.fromHex(parts[1]), new PlaintextBallot(parts[2], choices));
  }
}
