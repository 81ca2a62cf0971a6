package org.urna.kiosk.config;

/**
 * One thing wrong with a station's configuration: the setting's key and what is wrong, in words a
 * technician can act on.
 */
public record ConfigProblem(String key, String message) {
  @Override
  public String toString() {
    return key + ": " + message;
  }
}
