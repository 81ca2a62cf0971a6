package org.urna.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
  private static DemoOptions run(String... args) {
    return ((DemoOptions.Request.Run) DemoOptions.parse(args)).options();
  }

  @Test
  void noArgumentsGiveTheDemoDefaults() {
    DemoOptions o = run();
    assertThat(o.kiosk()).isFalse();
    assertThat(o.fullScreen()).isFalse();
    assertThat(o.startupProbe()).isFalse();
    assertThat(o.lookupUrl()).as("receipts point at the demo ledger's own page").isNull();
    assertThat(o.paperDir()).isEqualTo(Path.of("urna-demo-paper"));
    assertThat(o.ledger()).isEmpty();
    assertThat(o.ledgerPolicy()).isNull();
  }

  @Test
  void theSmokeTestStopsAtTheFirstScreenLikeTheStartupProbe() {
    assertThat(run("--smoke-test").startupProbe()).isTrue();
    assertThatThrownBy(() -> DemoOptions.parse("--smoke-test=yes"))
        .hasMessageContaining("--smoke-test takes no value");
    assertThat(DemoOptions.USAGE).contains("--smoke-test");
  }

  @Test
  void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
    DemoOptions o =
        run(
            "--kiosk",
            "--lookup-url=https://l.example/t/",
            "--ledger=http://a:1,http://b:2",
            "--ledger",
            "http://c:3",
            "--ledger-policy",
            "policy.txt",
            "--paper-dir",
            "out/paper");
    assertThat(o.kiosk()).isTrue();
    assertThat(o.lookupUrl()).isEqualTo("https://l.example/t/");
    assertThat(o.ledger())
        .containsExactly(
            URI.create("http://a:1"), URI.create("http://b:2"), URI.create("http://c:3"));
    assertThat(o.ledgerPolicy()).isEqualTo(Path.of("policy.txt"));
    assertThat(o.paperDir()).isEqualTo(Path.of("out/paper"));
  }

  @Test
  void helpAndVersionAreRequestsOfTheirOwn() {
    assertThat(DemoOptions.parse("--fullscreen", "--help"))
        .isInstanceOf(DemoOptions.Request.Help.class);
    assertThat(DemoOptions.parse("-V")).isInstanceOf(DemoOptions.Request.Version.class);
    assertThat(DemoOptions.USAGE).contains("--paper-dir", "--ledger-policy", "--kiosk");
  }

  @Test
  void unknownOptionsMissingValuesAndNonNumbersAreRefusedByName() {
    for (List<String> bad :
        List.of(
            List.of("--kiosks"),
            List.of("--paper-dir"),
            List.of("--lookup-url", "http://a b"),
            List.of("--ledger=http://a:1"),
            List.of("--kiosk=yes"),
            List.of("--ledger", "http://a b"))) {
      assertThatThrownBy(() -> DemoOptions.parse(bad.toArray(String[]::new)))
          .as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.getFirst().replaceFirst("=.*", ""));
    }
  }
}
