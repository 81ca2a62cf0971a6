package org.urna.hardware.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urna.hardware.printer.PrinterFault;

class StatusSummariserTest {

  private static Map<Integer, Integer> replies(int n1, int n2, int n3, int n4) {
    return Map.of(1, n1, 2, n2, 3, n3, 4, n4);
  }

  @Test
  void allFixedBitsOnlyMeansReady() {
    assertThat(StatusSummariser.fromRealtime(replies(0x12, 0x12, 0x12, 0x12)).faults()).isEmpty();
  }

  @Test
  void coverOpenExplainsOffline() {
    assertThat(StatusSummariser.fromRealtime(replies(0x1a, 0x16, 0x12, 0x12)).faults())
        .containsExactly(PrinterFault.COVER_OPEN);
  }

  @Test
  void paperEndFromTheSensorOrTheStopBitIsPaperOut() {
    assertThat(StatusSummariser.fromRealtime(replies(0x1a, 0x32, 0x12, 0x12)).faults())
        .containsExactly(PrinterFault.PAPER_OUT);
    assertThat(StatusSummariser.fromRealtime(Map.of(4, 0x72)).faults())
        .containsExactly(PrinterFault.PAPER_OUT);
  }

  @Test
  void nearEndIsAWarningThatDoesNotBlock() {
    var status = StatusSummariser.fromRealtime(replies(0x12, 0x12, 0x12, 0x1e));
    assertThat(status.faults()).containsExactly(PrinterFault.PAPER_NEAR_END);
    assertThat(status.isReady()).isTrue();
  }

  @Test
  void cutterAndUnrecoverableErrorsAreNamed() {
    assertThat(StatusSummariser.fromRealtime(replies(0x1a, 0x52, 0x3a, 0x12)).faults())
        .containsExactlyInAnyOrder(PrinterFault.CUTTER_ERROR, PrinterFault.UNRECOVERABLE_ERROR);
  }

  @Test
  void offlineWithoutACauseIsOffline() {
    assertThat(StatusSummariser.fromRealtime(replies(0x1a, 0x12, 0x52, 0x12)).faults())
        .containsExactly(PrinterFault.OFFLINE);
  }

  @Test
  void automaticStatusBlocksUseTheirOwnBits() {
    assertThat(StatusSummariser.fromAuto(new StatusEvent.AutoStatus(0x38, 0, 0, 0)).faults())
        .containsExactly(PrinterFault.COVER_OPEN);
    assertThat(StatusSummariser.fromAuto(new StatusEvent.AutoStatus(0x18, 0, 0x0c, 0)).faults())
        .containsExactly(PrinterFault.PAPER_OUT);
    assertThat(StatusSummariser.fromAuto(new StatusEvent.AutoStatus(0x10, 0, 0x03, 0)).faults())
        .containsExactly(PrinterFault.PAPER_NEAR_END);
    assertThat(StatusSummariser.fromAuto(new StatusEvent.AutoStatus(0x18, 0x08, 0, 0)).faults())
        .containsExactly(PrinterFault.CUTTER_ERROR);
  }
}
