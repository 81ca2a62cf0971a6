package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.urna.hardware.printer.emulator.PrintedPaper;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.service.QrDecode;

/**
 * A poll report as it came off the emulated printer, checked the way an observer with a phone
 * would: the paper saved as a PNG, its QR code decoded from that PNG with ZXing, and the hash in it
 * computed again from the printed text as docs/spec/election-fingerprint.md defines it (the
 * layout's lines in printed order, then the added lines from the election fingerprint on, joined by
 * line feeds; SHA-256, lower-case hex).
 */
final class PrintedReport {
  /** The fewest characters a printed line holds (double-width text on 80 mm paper). */
  private static final int NARROWEST = 22;

  private PrintedReport() {}

  /**
   * Saves {@code paper} as {@code png}, decodes its QR code from the file and checks it against the
   * printed text. Returns the hash.
   */
  static String check(PrintedPaper paper, String kind, Messages polls, Path png)
      throws IOException {
    paper.savePng(png);
    List<String> qr = QrDecode.all(ImageIO.read(png.toFile()));
    assertThat(qr).as("one QR code on the " + kind + " report").hasSize(1);
    String prefix = "urna-report:v1:" + kind + ":";
    assertThat(qr.getFirst()).startsWith(prefix).matches(".*:[0-9a-f]{64}");
    String hash = qr.getFirst().substring(prefix.length());

    // The printed lines: the layout's before the added ones, the added ones up to the QR code
    // (the "Report hash" line follows it), then the layout's signature lines.
    List<String> printed = paper.textLines().stream().map(String::strip).toList();
    int added = indexStarting(printed, polls.text("report.fingerprint") + ":");
    int under = indexStarting(printed, polls.text("report.hash") + ":");
    assertThat(added).as("the fingerprint line").isPositive();
    assertThat(under).as("the report hash line after the added lines").isGreaterThan(added);
    assertThat(printed.get(under)).endsWith(hash.substring(0, 16));
    List<String> layout = new ArrayList<>(printed.subList(0, added));
    layout.addAll(printed.subList(under + 1, printed.size()));
    List<String> extra = printed.subList(added, under);
    List<String> lines = new ArrayList<>(layout);
    lines.addAll(extra);
    // feeds and rules are no text line of the report
    lines.removeIf(l -> l.isEmpty() || l.matches("-+"));
    assertThat(anyUnwrapping(lines, hash))
        .as("the QR's hash is SHA-256 of the printed text lines:\n" + String.join("\n", lines))
        .isTrue();
    return hash;
  }

  private static int indexStarting(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether joining some printed lines back into the line the printer wrapped (a long line
   * continued on the next) gives {@code hash}. The printer wraps greedily at its column count (44
   * for body text, half that for the double-width titles), so a line can only continue on the next
   * when the next one's first word would not have fitted after it: few joins are possible.
   */
  private static boolean anyUnwrapping(List<String> lines, String hash) {
    List<Integer> joins = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String firstWord = lines.get(i).split(" ", 2)[0];
      if (lines.get(i - 1).length() + 1 + firstWord.length() > NARROWEST) {
        joins.add(i);
      }
    }
    assertThat(joins.size()).as("few places a line may have wrapped").isLessThan(20);
    for (int mask = 0; mask < 1 << joins.size(); mask++) {
      StringBuilder text = new StringBuilder(lines.getFirst());
      for (int i = 1; i < lines.size(); i++) {
        int j = joins.indexOf(i);
        text.append(j >= 0 && (mask & 1 << j) != 0 ? " " : "\n").append(lines.get(i));
      }
      if (sha256(text.toString()).equals(hash)) {
        return true;
      }
    }
    return false;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
