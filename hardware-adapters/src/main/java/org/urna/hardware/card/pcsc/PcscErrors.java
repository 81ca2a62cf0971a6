package org.urna.hardware.card.pcsc;

import org.urna.hardware.card.CardFault;

/**
 * Sorts PC/SC failures by their {@code SCARD_*} code. The JDK reports them as a {@code
 * CardException} whose cause's message is the code's name (e.g. {@code SCARD_E_NO_SERVICE}).
 */
final class PcscErrors {
  /** How the watcher should react to a failure. */
  enum Kind {
    SERVICE_GONE,
    NO_READERS,
    READER_GONE,
    CARD_GONE,
    NO_CARD,
    TIMEOUT,
    OTHER
  }

  private PcscErrors() {}

  static Kind classify(Throwable error) {
    String codes = codes(error);
    if (has(
        codes,
        "SCARD_E_NO_SERVICE",
        "SCARD_E_SERVICE_STOPPED",
        "SCARD_F_COMM_ERROR",
        "SCARD_E_INVALID_HANDLE",
        "SCARD_E_NO_ACCESS")) {
      return Kind.SERVICE_GONE;
    }
    if (has(codes, "SCARD_E_NO_READERS_AVAILABLE")) {
      return Kind.NO_READERS;
    }
    if (has(codes, "SCARD_E_READER_UNAVAILABLE", "SCARD_E_UNKNOWN_READER")) {
      return Kind.READER_GONE;
    }
    if (has(
        codes,
        "SCARD_W_REMOVED_CARD",
        "SCARD_W_RESET_CARD",
        "SCARD_W_UNPOWERED_CARD",
        "SCARD_W_UNRESPONSIVE_CARD",
        "SCARD_E_NOT_TRANSACTED")) {
      return Kind.CARD_GONE;
    }
    if (has(codes, "SCARD_E_NO_SMARTCARD")) {
      return Kind.NO_CARD;
    }
    if (has(codes, "SCARD_E_TIMEOUT")) {
      return Kind.TIMEOUT;
    }
    return Kind.OTHER;
  }

  static CardFault fault(Kind kind) {
    return switch (kind) {
      case SERVICE_GONE -> CardFault.SERVICE_UNAVAILABLE;
      case NO_READERS, READER_GONE -> CardFault.READER_UNAVAILABLE;
      case CARD_GONE -> CardFault.CARD_REMOVED;
      case NO_CARD -> CardFault.NO_CARD;
      case TIMEOUT -> CardFault.TIMEOUT;
      case OTHER -> CardFault.CARD_NOT_UNDERSTOOD;
    };
  }

  /** The messages of {@code error} and its causes, joined. */
  static String codes(Throwable error) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = error; t != null && sb.length() < 2000; t = t.getCause()) {
      sb.append(t.getMessage()).append(' ');
    }
    return sb.toString();
  }

  private static boolean has(String text, String... codes) {
    for (String c : codes) {
      if (text.contains(c)) {
        return true;
      }
    }
    return false;
  }
}
