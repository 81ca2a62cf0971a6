package org.urna.kiosk.demo;

import java.util.function.Consumer;
import org.urna.kiosk.station.VoterActivation;

/** The voter-screen tests' stand-in for a poll worker's activation: {@link #activate(String)}. */
public final class DemoActivation implements VoterActivation {
  private volatile Consumer<String> kiosk = s -> {};

  @Override
  public void onActivate(Consumer<String> ballotStyleId) {
    this.kiosk = ballotStyleId;
  }

  public void activate(String ballotStyleId) {
    kiosk.accept(ballotStyleId);
  }
}
