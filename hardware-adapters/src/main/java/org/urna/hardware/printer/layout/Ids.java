package org.urna.hardware.printer.layout;

import java.util.regex.Pattern;

/** The identifiers that may appear in a QR payload: ASCII letters, digits, '.', '_', '-'. */
final class Ids {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Ids() {}

  static String require(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1 to 64 ASCII letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  static String text(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    return s.strip();
  }
}
