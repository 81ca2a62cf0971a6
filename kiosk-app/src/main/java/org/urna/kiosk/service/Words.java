package org.urna.kiosk.service;

import org.urna.kiosk.i18n.Messages;

/** Service mode's words in the technician's language ({@code service_<lang>.properties}). */
final class Words {
  private final Messages service;
  private final Messages voter;

  Words(String language) {
    this.service = Messages.of(Messages.Area.SERVICE, language);
    this.voter = Messages.of(language);
  }

  String t(String key, Object... args) {
    return service.text(key, args);
  }

  String language() {
    return service.language();
  }

  /** A printer fault in words (the voter bundle already has each fault's sentence). */
  String fault(org.urna.hardware.printer.PrinterFault f) {
    return voter.text("fault.printer." + f.name());
  }
}
