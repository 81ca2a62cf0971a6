package org.urna.kiosk.paper;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ReferendumContest;
import org.urna.hardware.printer.layout.ContestChoice;
import org.urna.hardware.printer.layout.PaperRecordContent;
import org.urna.hardware.printer.layout.ReceiptContent;
import org.urna.hardware.printer.layout.Selection;
import org.urna.kiosk.i18n.Messages;

/** Builds the printed documents in the voter's language from the manifest and the choices. */
public final class PaperDocuments {
  private final ElectionManifest manifest;
  private final String stationId;
  private final URI lookupPage;
  private final ZoneId zone;

  /**
   * {@code lookupPage}: the ledger's public lookup page (http or https, no query) from the kiosk's
   * configuration; the election package's own {@code lookupPage}, signed by the authority, takes
   * its place when the package has one (docs/spec/election-package.md, section 3.2).
   */
  public PaperDocuments(ElectionManifest manifest, String stationId, URI lookupPage, ZoneId zone) {
    this.manifest = manifest;
    this.stationId = stationId;
    this.lookupPage = manifest.lookupPageUri().orElse(lookupPage);
    this.zone = zone;
  }

  /** The lookup page this kiosk's receipts carry. */
  public URI lookupPage() {
    return lookupPage;
  }

  /**
   * The same document with its receipt (or challenged slip) pointing at {@code page}; a page with
   * no path gets "/". Other documents are returned as they are.
   */
  public static PaperDocument withLookupPage(PaperDocument document, URI page) {
    return withLookupPage(document, page, null);
  }

  /**
   * As {@link #withLookupPage(PaperDocument, URI)}, the address also pinning the trust policy with
   * its SHA-256 {@code policyPin} (64 hex digits; null for none): the ledger's public page checks a
   * proof only against a pinned policy (docs/spec/ledger.md, "Public page").
   */
  public static PaperDocument withLookupPage(PaperDocument document, URI page, String policyPin) {
    URI p = page.getRawPath() == null || page.getRawPath().isEmpty() ? page.resolve("/") : page;
    return switch (document) {
      case PaperDocument.Receipt r ->
          new PaperDocument.Receipt(withPage(r.content(), p, policyPin));
      case PaperDocument.VoidedRecord v ->
          new PaperDocument.VoidedRecord(v.content(), withPage(v.challengedSlip(), p, policyPin));
      case PaperDocument.PaperRecord r -> r;
    };
  }

  private static ReceiptContent withPage(ReceiptContent c, URI page, String policyPin) {
    return new ReceiptContent(
        c.title(),
        c.stationLabel(),
        c.station(),
        c.timeLabel(),
        c.castHour(),
        c.trackingCodeLabel(),
        c.trackingCode(),
        page,
        c.lookupHint(),
        policyPin);
  }

  public PaperDocument.PaperRecord paperRecord(PlaintextBallot ballot, BallotId id, Messages m) {
    return new PaperDocument.PaperRecord(content(ballot, id, m));
  }

  public PaperDocument.VoidedRecord voidedRecord(RecordedBallot recorded, Messages m) {
    PlaintextBallot claimed = recorded.reveal().claimed();
    return new PaperDocument.VoidedRecord(
        content(claimed, recorded.ballotId(), m),
        receiptContent(recorded, m, m.text("paper.challengedReceipt")));
  }

  public PaperDocument.Receipt receipt(RecordedBallot recorded, Messages m) {
    return new PaperDocument.Receipt(receiptContent(recorded, m, m.text("paper.receipt")));
  }

  /** The tracking code as the voter reads it aloud, in the same blocks as on the receipt. */
  public static String readAloud(RecordedBallot recorded) {
    String s = recorded.code().shortForm();
    return s.substring(0, 4)
        + " "
        + s.substring(4, 8)
        + " "
        + s.substring(8, 12)
        + " "
        + s.substring(12, 16);
  }

  private PaperRecordContent content(PlaintextBallot ballot, BallotId id, Messages m) {
    String lang = m.language();
    String fallback = manifest.languages().getFirst();
    BallotStyle style = manifest.ballotStyle(ballot.ballotStyleId()).orElseThrow();
    List<ContestChoice> contests = new ArrayList<>();
    for (Contest c : manifest.contestsOf(style)) {
      List<Selection> chosen = new ArrayList<>();
      for (String sid : c.selectionIds()) {
        if (ballot.chosen(c.id()).contains(sid)) {
          chosen.add(
              new Selection(
                  sid,
                  selectionName(c, sid, lang, fallback),
                  selectionDetail(c, sid, lang, fallback)));
        }
      }
      contests.add(new ContestChoice(c.id(), c.title().in(lang, fallback), chosen));
    }
    return new PaperRecordContent(
        manifest.title().in(lang, fallback),
        id.toHex(),
        contests,
        m.text("paper.ballot"),
        m.text("paper.none"),
        m.text("paper.checkHint"),
        m.text("paper.void"));
  }

  private ReceiptContent receiptContent(RecordedBallot recorded, Messages m, String title) {
    String lang = m.language();
    String fallback = manifest.languages().getFirst();
    LocalDateTime hour =
        LocalDateTime.ofInstant(
                java.time.Instant.ofEpochSecond(recorded.ballot().epochHour() * 3600), zone)
            .withMinute(0)
            .withSecond(0)
            .withNano(0);
    return new ReceiptContent(
        title,
        m.text("paper.station"),
        manifest.station(stationId).orElseThrow().name().in(lang, fallback),
        m.text("paper.time"),
        hour,
        m.text("paper.code"),
        recorded.code().shortForm(),
        lookupPage,
        m.text("paper.lookup"));
  }

  /**
   * What tells a candidate from another of the same name (the party, as the manifest's description
   * gives it); empty for a referendum answer or a candidate without a description.
   */
  public static String selectionDetail(Contest c, String sid, String lang, String fallback) {
    return switch (c) {
      case CandidateContest cc ->
          cc.candidates().stream()
              .filter(k -> k.id().equals(sid))
              .findFirst()
              .map(k -> k.description() == null ? "" : k.description().in(lang, fallback))
              .orElse("");
      case ReferendumContest r -> "";
    };
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
