package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.urna.core.role.Role;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.virtual.VirtualPivCard;

/** The operator's screens on a station whose language is Russian: the day, and a wrong PIN. */
class OperatorScreensRuTest extends SimulatedStationStory {
  OperatorScreensRuTest() {
    language = "ru";
  }

  @Test
  void aPollWorkersDayInRussian() throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    insert(card);
    waitFor("screen-pin");
    screenshot("pin-ru");
    enterPin("pin", "000000");
    waitForText("Осталось 2 попытки");
    assertThat(texts()).contains("Неверный PIN.");
    screenshot("pin-wrong-ru");
    enterPin("pin", TestAuthority.PIN);
    waitFor("screen-pin-change-offer");
    screenshot("pin-change-offer-ru");
    tap("pin-change-later");
    remove();
    PollDay.run(this, card, 1);
  }
}
