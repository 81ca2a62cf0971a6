package org.urna.kiosk.polls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PaperBlock;
import org.urna.hardware.printer.layout.Count;
import org.urna.hardware.printer.layout.PaperLayouts;
import org.urna.hardware.printer.layout.PollReportContent;
import org.urna.kiosk.i18n.Messages;

/**
 * The poll reports (zero, pause, closing): the layout of {@link PaperLayouts} with the election
 * fingerprint, the audit chain head, the last cosigned checkpoint and a QR code of the report's
 * hash added before the signature lines. The QR holds {@code urna-report:v1:<kind>:<sha256 hex>},
 * the hash over the report's text lines joined by line feeds (docs/spec/election-fingerprint.md).
 */
public final class PollReports {
  private PollReports() {}

  /**
   * The report's checkpoint line from a signed checkpoint note the ballot box kept when the ledger
   * confirmed its ballots: the tree size, the first 16 characters of the root hash and the names of
   * the keys that signed it (the log's and its validators' cosignatures, as the note lists them).
   * Empty for a note that is not a C2SP signed checkpoint (the line then says "none yet").
   */
  public static Optional<String> checkpointLine(byte[] note) {
    String text = new String(note, StandardCharsets.UTF_8);
    int split = text.indexOf("\n\n");
    if (split < 0) {
      return Optional.empty();
    }
    String[] body = text.substring(0, split).split("\n", -1);
    if (body.length < 3 || !body[1].matches("[0-9]{1,19}") || body[2].length() < 16) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (String line : text.substring(split + 2).split("\n")) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("\u2014") && !names.contains(parts[1])) {
        names.add(parts[1]);
      }
    }
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        body[1] + " " + body[2].substring(0, 16) + "... (" + String.join(", ", names) + ")");
  }

  /** What a report says besides its counts. */
  public record Facts(
      String kind,
      String electionTitle,
      String station,
      LocalDateTime time,
      List<Count> counts,
      Optional<String> lastTrackingCode,
      ElectionFingerprint fingerprint,
      String chainHead,
      Optional<String> checkpoint,
      List<String> extraLines) {}

  /** A report and the hash its QR code carries. */
  public record Report(Paper paper, String hash, String qrPayload) {}

  public static Report build(Facts f, Messages m) {
    PollReportContent c =
        new PollReportContent(
            m.text("report." + f.kind() + ".title"),
            f.electionTitle(),
            m.text("report.station"),
            f.station(),
            m.text("report.time"),
            f.time(),
            f.counts(),
            m.text("report.lastTrackingCode"),
            f.lastTrackingCode(),
            m.text("report.signature"));
    Paper base =
        f.kind().equals("zero") ? PaperLayouts.zeroReport(c) : PaperLayouts.closingReport(c);
    List<String> extra = new ArrayList<>();
    extra.add(m.text("report.fingerprint") + ": " + f.fingerprint().shortHash());
    extra.add(String.join(" ", f.fingerprint().words()));
    extra.add(m.text("report.chainHead") + ": " + f.chainHead().substring(0, 16));
    extra.add(
        m.text("report.checkpoint") + ": " + f.checkpoint().orElse(m.text("report.noCheckpoint")));
    extra.addAll(f.extraLines());
    List<String> text = new ArrayList<>();
    for (PaperBlock b : base.blocks()) {
      if (b instanceof PaperBlock.Text t) {
        text.add(t.text());
      }
    }
    text.addAll(extra);
    String hash = sha256(String.join("\n", text));
    String qr = "urna-report:v1:" + f.kind() + ":" + hash;
    List<PaperBlock> blocks = new ArrayList<>(base.blocks());
    int at = firstSignatureFeed(blocks);
    List<PaperBlock> added = new ArrayList<>();
    for (String l : extra) {
      added.add(PaperBlock.Text.body(l));
    }
    added.add(new PaperBlock.QrCode(qr, 6));
    added.add(PaperBlock.Text.body(m.text("report.hash") + ": " + hash.substring(0, 16)));
    added.add(new PaperBlock.Rule());
    blocks.addAll(at, added);
    return new Report(new Paper(base.name(), blocks), hash, qr);
  }

  private static int firstSignatureFeed(List<PaperBlock> blocks) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i) instanceof PaperBlock.Feed) {
        return i;
      }
    }
    return blocks.size();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
