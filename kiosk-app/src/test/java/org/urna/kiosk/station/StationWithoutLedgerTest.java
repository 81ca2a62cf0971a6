package org.urna.kiosk.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The station reaches validators over HTTP (sync) and never carries a validator: none of the
 * ledger's, Ratis's or Jetty's classes is on kiosk-app's class path. The test class path holds
 * every compile and runtime dependency, so what is absent here is absent from the merged kiosk jar
 * too (docs/decisions/0313; the enforcer rule in kiosk-app/pom.xml checks the same at build time).
 */
class StationWithoutLedgerTest {
  private static final List<String> LEDGER_CLASSES =
      List.of(
          "org.urna.ledger.node.ValidatorNode",
          "org.apache.ratis.server.RaftServer",
          "org.apache.ratis.protocol.RaftPeer",
          "org.eclipse.jetty.server.Server",
          "org.eclipse.jetty.util.component.LifeCycle");

  @Test
  void noLedgerRatisOrJettyClassIsOnTheKiosksClassPath() {
    ClassLoader loader = StationWithoutLedgerTest.class.getClassLoader();
    for (String name : LEDGER_CLASSES) {
      assertThat(loader.getResource(name.replace('.', '/') + ".class"))
          .as("%s must not be on kiosk-app's class path", name)
          .isNull();
    }
  }

  @Test
  void theSyncThatTalksToTheLedgerIsThere() {
    // the check above looks where the kiosk's own dependencies are found
    ClassLoader loader = StationWithoutLedgerTest.class.getClassLoader();
    assertThat(loader.getResource("org/urna/sync/SyncService.class")).isNotNull();
  }
}
