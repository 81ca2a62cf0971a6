package org.urna.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrusteeCommandsRegisteredTest {
  @Test
  void theCeremonyTrusteeAndCombinationCommandsAreReachableFromUrna() {
    var subcommands = Urna.commandLine().getSubcommands();
    assertThat(subcommands)
        .containsKeys(
            "ceremony",
            "trustee",
            "tally-combine",
            "ledger-download",
            "tally-ledger",
            "verify-ledger");
    assertThat(subcommands.get("trustee").getSubcommands())
        .containsKeys("init", "deal", "check", "answer", "finish", "decrypt");
    assertThat(subcommands.get("ceremony").getSubcommands()).containsKeys("new", "combine");
  }
}
