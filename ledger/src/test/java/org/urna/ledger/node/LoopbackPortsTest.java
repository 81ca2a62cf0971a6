package org.urna.ledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  @Test
  void readsTheKernelsEphemeralRangeAsTheKernelWritesIt() throws Exception {
    assumeTrue(Files.exists(RANGE), "a Linux kernel");
    // what `cat` prints, read through a process so the file's odd size cannot fool this test too
    Process cat = new ProcessBuilder("cat", RANGE.toString()).start();
    String text = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(cat.waitFor()).isZero();
    int low = Integer.parseInt(text.strip().split("\\s+")[0]);
    assumeTrue(low > 11_000, "a range above the lowest port handed out");
    assertThat(LoopbackPorts.ephemeralLow()).isEqualTo(low);
  }

  @Test
  void handsOutFreePortsBelowTheEphemeralRangeAndNeverTwice() throws Exception {
    int a = LoopbackPorts.reserve();
    int b = LoopbackPorts.reserve();
    assertThat(a).isNotEqualTo(b);
    assertThat(a).isLessThan(LoopbackPorts.ephemeralLow()).isGreaterThanOrEqualTo(10_000);
    assertThat(b).isLessThan(LoopbackPorts.ephemeralLow()).isGreaterThanOrEqualTo(10_000);
  }
}
