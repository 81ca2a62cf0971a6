package org.urna.kiosk.service;

import java.util.Objects;

/**
 * One diagnostic's outcome: a pass/fail line with its detail, in the technician's language.
 *
 * @param id what was checked ("card-readers", "printer", ...), stable for tests and the report
 * @param name the check's name on screen and on paper
 * @param passed whether the station may go on as it is
 * @param detail what was found: names, times, sizes, the reason for a failure
 */
public record Check(String id, String name, boolean passed, String detail) {
  public Check {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }
}
