package org.urna.kiosk.station.operator;

import java.time.Duration;

/**
 * How long a signed-in operator may leave the station untouched before the session ends: 10 to 30
 * minutes (VVSG 2.0, requirement 13.1-C on session time-outs for privileged users).
 */
public record InactivityTimeout(Duration value) {
  public static final Duration MIN = Duration.ofMinutes(10);
  public static final Duration MAX = Duration.ofMinutes(30);
  public static final InactivityTimeout DEFAULT = new InactivityTimeout(Duration.ofMinutes(15));

  public InactivityTimeout {
    if (value == null || value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "the operator inactivity timeout is 10 to 30 minutes, not " + describe(value));
    }
  }

  public static InactivityTimeout ofMinutes(long minutes) {
    return new InactivityTimeout(Duration.ofMinutes(minutes));
  }

  private static String describe(Duration d) {
    if (d == null) {
      return "nothing";
    }
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
  }
}
