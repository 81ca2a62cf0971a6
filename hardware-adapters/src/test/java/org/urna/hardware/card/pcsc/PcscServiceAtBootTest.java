package org.urna.hardware.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A kiosk process that starts before pcscd: it says the card service is not running (once), and
 * picks the readers up when pcscd comes. Runs in a child JVM: the PC/SC context is per process.
 */
class PcscServiceAtBootTest {
  @Test
  void kioskStartedBeforeTheCardServiceSaysSoAndFindsTheReadersWhenItComes() throws Exception {
    try (PcscdFixture pcscd = PcscdFixture.withoutPcscd(Path.of("target", "pcscd"))) {
      Process kiosk =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  PcscBootProbe.class.getName(),
                  "60000")
              .redirectErrorStream(true)
              .start();
      List<String> lines = new CopyOnWriteArrayList<>();
      Thread pump =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try (BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(
                                kiosk.getInputStream(), StandardCharsets.UTF_8))) {
                      String line;
                      while ((line = r.readLine()) != null) {
                        lines.add(line);
                      }
                    } catch (java.io.IOException e) {
                      // the process ended
                    }
                  });
      try {
        assertThat(waitFor(lines, "ServiceUnavailable", 30)).as("output: %s", lines).isTrue();
        assertThat(lines.stream().filter(l -> l.contains("ServiceUnavailable")))
            .singleElement()
            .asString()
            .contains(PcscCardReader.SERVICE_NOT_RUNNING);

        pcscd.startAgain();

        assertThat(waitFor(lines, "ReaderAttached[reader=Virtual PCD 00 00]", 30))
            .as("output: %s", lines)
            .isTrue();
      } finally {
        kiosk.destroy();
        if (!kiosk.waitFor(10, TimeUnit.SECONDS)) {
          kiosk.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(5000);
      }
    }
  }

  private static boolean waitFor(List<String> lines, String text, int seconds)
      throws InterruptedException {
    return PcscdFixture.waitUntil(
        () -> lines.stream().anyMatch(l -> l.contains(text)),
        java.time.Duration.ofSeconds(seconds));
  }
}
