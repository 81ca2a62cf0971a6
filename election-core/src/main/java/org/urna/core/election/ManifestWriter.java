package org.urna.core.election;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An {@link ElectionManifest} to its JSON tree (spec section 3), the inverse of the reader. */
final class ManifestWriter {
  private ManifestWriter() {}

  static ObjectNode write(ElectionManifest m) {
    ObjectNode o = StrictJson.object();
    o.put("format", ManifestReader.FORMAT);
    o.put("electionId", m.electionId());
    o.set("title", text(m.title()));
    ArrayNode langs = o.putArray("languages");
    m.languages().forEach(langs::add);
    ObjectNode w = o.putObject("votingWindow");
    w.put("opens", m.votingWindow().opens().toString());
    w.put("closes", m.votingWindow().closes().toString());
    ArrayNode contests = o.putArray("contests");
    for (Contest c : m.contests()) {
      contests.add(contest(c));
    }
    ArrayNode styles = o.putArray("ballotStyles");
    for (BallotStyle s : m.ballotStyles()) {
      ObjectNode so = styles.addObject();
      so.put("id", s.id());
      so.set("name", text(s.name()));
      ArrayNode ids = so.putArray("contestIds");
      s.contestIds().forEach(ids::add);
    }
    ArrayNode stations = o.putArray("stations");
    for (Station s : m.stations()) {
      ObjectNode so = stations.addObject();
      so.put("id", s.id());
      so.set("name", text(s.name()));
      so.put("key", s.key().toHex());
    }
    if (m.lookupPage() != null) {
      o.put("lookupPage", m.lookupPage());
    }
    return o;
  }

  private static ObjectNode contest(Contest contest) {
    ObjectNode o = StrictJson.object();
    switch (contest) {
      case CandidateContest c -> {
        o.put("type", CandidateContest.TYPE);
        o.put("id", c.id());
        o.set("title", text(c.title()));
        o.put("votesAllowed", c.votesAllowed());
        ArrayNode cands = o.putArray("candidates");
        for (CandidateContest.Candidate cand : c.candidates()) {
          ObjectNode co = cands.addObject();
          co.put("id", cand.id());
          co.set("name", text(cand.name()));
          if (cand.description() != null) {
            co.set("description", text(cand.description()));
          }
        }
      }
      case ReferendumContest r -> {
        o.put("type", ReferendumContest.TYPE);
        o.put("id", r.id());
        o.set("title", text(r.title()));
        o.set("question", text(r.question()));
        o.set("yes", text(r.yes()));
        o.set("no", text(r.no()));
      }
    }
    return o;
  }

  private static ObjectNode text(LocalizedText t) {
    ObjectNode o = StrictJson.object();
    for (Map.Entry<String, String> e : t.texts().entrySet()) {
      o.put(e.getKey(), e.getValue());
    }
    return o;
  }
}
