package org.urna.hardware.printer.layout;

/**
 * A chosen selection.
 *
 * @param selectionId the manifest's id, printed in the QR code
 * @param name the selection's name in the voter's language, printed in words
 * @param detail what tells two candidates of one name apart (the party, as the manifest's
 *     description gives it), or empty when the manifest has none; printed under the name, never in
 *     the QR code
 */
public record Selection(String selectionId, String name, String detail) {
  public Selection {
    Ids.require(selectionId, "A selection id");
    name = Ids.text(name, "A selection name");
    detail = detail == null ? "" : detail.strip();
  }

  /** A selection with no party or description (a referendum answer). */
  public Selection(String selectionId, String name) {
    this(selectionId, name, "");
  }
}
