package org.urna.kiosk.operator;

import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.card.virtual.VirtualPivCard;

/** Stories with the virtual PIV card in the in-process simulated reader. */
abstract class SimulatedStationStory extends StationStory {
  private SimulatedCardReader simulated;

  @Override
  CardReader openReader() {
    simulated = new SimulatedCardReader();
    return simulated;
  }

  @Override
  void insert(VirtualPivCard card) {
    simulated.insert(card);
  }

  @Override
  void remove() {
    simulated.remove();
  }
}
