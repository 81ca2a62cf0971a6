package org.urna.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo run as a user runs it, in a process of its own (headless JavaFX): once its station
 * folder (package, cards, keys, configuration) and its ledger are up, SIGTERM must leave none of it
 * behind.
 */
class DemoCleanUpTest {

  @Test
  void sigtermDeletesTheStationFolder() throws Exception {
    Path tmp = Files.createTempDirectory("urna-demo-cleanup-test");
    Process demo = null;
    try {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          List.of(
              javaBin,
              "--enable-native-access=ALL-UNNAMED",
              "-Xmx512m",
              "-Djava.io.tmpdir=" + tmp,
              "-Durna.demo.cache=" + tmp.resolve("cache"),
              "-Djava.awt.headless=true",
              "-Dglass.platform=Monocle",
              "-Dmonocle.platform=Headless",
              "-Dprism.order=sw",
              "-Dheadless.geometry=1920x1200-32",
              "-cp",
              System.getProperty("java.class.path"),
              DemoMain.class.getName(),
              "--paper-dir=" + tmp.resolve("paper"));
      demo = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<String> output = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch ledgerUp = new CountDownLatch(1);
      Process running = demo;
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith("Ledger public page: ")) {
                      ledgerUp.countDown();
                    }
                  }
                } catch (java.io.IOException e) {
                  // the process ended
                }
              });
      assertThat(ledgerUp.await(180, TimeUnit.SECONDS))
          .as("the demo's ledger started; output: %s", output)
          .isTrue();
      assertThat(output)
          .anyMatch(l -> l.equals("Printed paper is saved as PNG in " + tmp.resolve("paper")));
      String conf =
          output.stream()
              .filter(l -> l.startsWith("Station configuration: "))
              .findFirst()
              .orElseThrow()
              .substring("Station configuration: ".length());
      assertThat(Files.readString(Path.of(conf)))
          .as("the station's configuration, as urna-kiosk --config reads it")
          .contains("card.reader = simulated", "printer = emulator", "ledger.endpoints = ");
      assertThat(demoFolders(tmp))
          .as("the station's folder while the demo runs")
          .anyMatch(n -> n.startsWith(DemoStation.FOLDER_PREFIX));

      demo.destroy(); // SIGTERM on Linux

      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ended on SIGTERM").isTrue();
      assertThat(demoFolders(tmp)).as("temporary folders left; output: %s", output).isEmpty();
    } finally {
      if (demo != null && demo.isAlive()) {
        demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      DemoStation.deleteTree(tmp);
    }
  }

  private static List<String> demoFolders(Path tmp) throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(DemoStation.FOLDER_PREFIX))
          .toList();
    }
  }
}
