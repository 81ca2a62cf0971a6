package org.urna.kiosk.station;

import java.util.function.Consumer;

/**
 * Where voter sessions come from. The poll worker's card flow (hardware-adapters' card reader, a
 * PIN, "activate next voter") and the demo's button both implement it; the kiosk only listens.
 */
public interface VoterActivation {
  /** The kiosk registers here; each call of the consumer opens one session for a ballot style. */
  void onActivate(Consumer<String> ballotStyleId);
}
