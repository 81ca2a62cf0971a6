package org.urna.hardware.printer.layout;

/**
 * A chosen selection.
 *
 * @param selectionId the manifest's id, printed in the QR code
 * @param name the selection's name in the voter's language, printed in words
 */
public record Selection(String selectionId, String name) {
  public Selection {
    Ids.require(selectionId, "A selection id");
    name = Ids.text(name, "A selection name");
  }
}
