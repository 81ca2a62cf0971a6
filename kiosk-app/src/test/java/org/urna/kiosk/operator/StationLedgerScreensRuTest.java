package org.urna.kiosk.operator;

import org.junit.jupiter.api.TestInfo;

/** The station's ledger stories on a station whose language is Russian (screenshots in Russian). */
class StationLedgerScreensRuTest extends StationLedgerStoriesTest {
  StationLedgerScreensRuTest(TestInfo test) {
    super(test);
    language = "ru";
  }
}
