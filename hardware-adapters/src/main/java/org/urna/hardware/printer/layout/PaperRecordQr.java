package org.urna.hardware.printer.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The QR payload of a paper record (docs/spec/paper.md): ASCII only, {@code URNA-PR1/<ballot
 * id>/<mark>/<contest>=<sel>,<sel>;<contest>=}. Mark {@code P} is a paper record to check, {@code
 * V} a challenged (void) ballot.
 *
 * @param choices selection ids by contest id, in ballot order
 */
public record PaperRecordQr(String ballotId, boolean voided, Map<String, List<String>> choices) {

  public static final String PREFIX = "URNA-PR1";

  public PaperRecordQr {
    Ids.require(ballotId, "The ballot id");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    choices.forEach(
        (contest, selections) -> {
          Ids.require(contest, "A contest id");
          selections.forEach(s -> Ids.require(s, "A selection id"));
          copy.put(contest, List.copyOf(selections));
        });
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("A paper record QR names at least one contest");
    }
    choices = java.util.Collections.unmodifiableMap(copy);
  }

  public static PaperRecordQr of(PaperRecordContent content, boolean voided) {
    Map<String, List<String>> choices = new LinkedHashMap<>();
    for (ContestChoice c : content.contests()) {
      choices.put(c.contestId(), c.selections().stream().map(Selection::selectionId).toList());
    }
    return new PaperRecordQr(content.ballotId(), voided, choices);
  }

  public String encode() {
    List<String> contests = new ArrayList<>();
    choices.forEach(
        (contest, selections) -> contests.add(contest + "=" + String.join(",", selections)));
    return PREFIX + "/" + ballotId + "/" + (voided ? "V" : "P") + "/" + String.join(";", contests);
  }

  /** Reads a payload back; a payload not in this format gets a typed error saying why. */
  public static PaperRecordQr decode(String payload) throws QrPayloadException {
    String[] parts = payload.split("/", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new QrPayloadException("Not an Urna paper record code (expected " + PREFIX + ")");
    }
    if (!parts[2].equals("P") && !parts[2].equals("V")) {
      throw new QrPayloadException("Unknown paper record mark '" + parts[2] + "'");
    }
    Map<String, List<String>> choices = new LinkedHashMap<>();
    for (String contest : parts[3].split(";", -1)) {
      int eq = contest.indexOf('=');
      if (eq < 0) {
        throw new QrPayloadException("Contest without '=' in the paper record code");
      }
      String id = contest.substring(0, eq);
      String rest = contest.substring(eq + 1);
      List<String> selections = rest.isEmpty() ? List.of() : List.of(rest.split(",", -1));
      if (choices.put(id, selections) != null) {
        throw new QrPayloadException("Contest " + id + " appears twice in the paper record code");
      }
    }
    try {
      return new PaperRecordQr(parts[1], parts[2].equals("V"), choices);
    } catch (IllegalArgumentException e) {
      throw new QrPayloadException("Bad identifier in the paper record code: " + e.getMessage());
    }
  }
}
