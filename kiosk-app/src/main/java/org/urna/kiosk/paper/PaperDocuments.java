package org.urna.kiosk.paper;

import java.util.ArrayList;
import java.util.List;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ReferendumContest;
import org.urna.kiosk.i18n.Messages;

/** Builds the printed documents in the voter's language from the manifest and the choices. */
public final class PaperDocuments {
  private final ElectionManifest manifest;
  private final String lookupBase;

  /** {@code lookupBase}: the ledger's public lookup page; the tracking code is appended. */
  public PaperDocuments(ElectionManifest manifest, String lookupBase) {
    this.manifest = manifest;
    this.lookupBase = lookupBase;
  }

  public PaperDocument.PaperRecord paperRecord(PlaintextBallot ballot, BallotId id, Messages m) {
    String lang = m.language();
    String fallback = manifest.languages().getFirst();
    BallotStyle style = manifest.ballotStyle(ballot.ballotStyleId()).orElseThrow();
    List<PaperDocument.ContestLines> lines = new ArrayList<>();
    for (Contest c : manifest.contestsOf(style)) {
      List<String> chosen = new ArrayList<>();
      for (String sid : c.selectionIds()) {
        if (ballot.chosen(c.id()).contains(sid)) {
          chosen.add(selectionName(c, sid, lang, fallback));
        }
      }
      if (chosen.isEmpty()) {
        chosen.add(m.text("paper.none"));
      }
      lines.add(new PaperDocument.ContestLines(c.title().in(lang, fallback), chosen));
    }
    return new PaperDocument.PaperRecord(
        m.text("paper.record"),
        manifest.title().in(lang, fallback),
        lines,
        m.text("paper.ballot", id.toHex()),
        PaperRecordCode.encode(manifest, id, ballot));
  }

  public PaperDocument.Receipt receipt(TrackingCode code, Messages m) {
    return new PaperDocument.Receipt(
        m.text("paper.receipt"),
        manifest.title().in(m.language(), manifest.languages().getFirst()),
        m.text("paper.code"),
        code.display(),
        m.text("paper.lookup"),
        lookupUrl(code));
  }

  public PaperDocument.VoidMark voidMark(BallotId id, TrackingCode code, Messages m) {
    return new PaperDocument.VoidMark(
        m.text("paper.void"),
        m.text("paper.ballot", id.toHex()),
        m.text("paper.code"),
        code.display(),
        m.text("paper.lookup"),
        lookupUrl(code));
  }

  public String lookupUrl(TrackingCode code) {
    return lookupBase + code.shortForm();
  }

  /** A selection's name as the voter reads it: a candidate's name, or a referendum answer. */
  public static String selectionName(Contest c, String sid, String lang, String fallback) {
    return switch (c) {
      case CandidateContest cc ->
          cc.candidates().stream()
              .filter(k -> k.id().equals(sid))
              .findFirst()
              .orElseThrow()
              .name()
              .in(lang, fallback);
      case ReferendumContest r ->
          (sid.equals(ReferendumContest.YES) ? r.yes() : r.no()).in(lang, fallback);
    };
  }
}
