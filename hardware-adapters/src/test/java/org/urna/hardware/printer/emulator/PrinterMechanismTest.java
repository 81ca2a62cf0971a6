package org.urna.hardware.printer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.raster.BitImage;

/** The emulator notices what a real printer would choke on, so "no errors" in a story means it. */
class PrinterMechanismTest {

  private final List<byte[]> replies = new ArrayList<>();

  @Test
  void rasterBandTallerThanTheModelsBufferIsFlagged() {
    var m = new PrinterMechanism(PrinterProfile.GENERIC_58MM, replies::add);
    m.apply(new EscPosCommand.RasterImage(0, new BitImage(48, 200, new byte[48 * 200])));
    assertThat(m.paper().errors()).anyMatch(e -> e.contains("overflows"));
  }

  @Test
  void cutOnAModelWithoutCutterAndNativeQrWithoutEngineAreFlagged() {
    var m = new PrinterMechanism(PrinterProfile.GENERIC_58MM, replies::add);
    m.apply(new EscPosCommand.Cut(true, 0));
    m.apply(new EscPosCommand.QrStore("x".getBytes()));
    m.apply(new EscPosCommand.QrPrint());
    assertThat(m.paper().errors()).hasSize(2);
    assertThat(m.paper().cuts()).isZero();
  }

  @Test
  void codePageTextIsDecodedToUnicode() {
    var m = new PrinterMechanism(PrinterProfile.EPSON_TM_T20, replies::add);
    m.apply(new EscPosCommand.SelectCodePage(17));
    for (byte b : "Выбор".getBytes(java.nio.charset.Charset.forName("IBM866"))) {
      m.apply(new EscPosCommand.Printable(b & 0xff));
    }
    m.apply(new EscPosCommand.LineFeed());
    assertThat(m.paper().textLines()).containsExactly("Выбор");
  }

  @Test
  void statusRepliesFollowTheSensorsAndSilenceStopsThem() {
    var m = new PrinterMechanism(PrinterProfile.EPSON_TM_T20, replies::add);
    m.setPaperOut(true);
    m.apply(new EscPosCommand.RealtimeStatusRequest(4));
    m.setSilent(true);
    m.apply(new EscPosCommand.RealtimeStatusRequest(4));
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0)[0] & 0xff).isEqualTo(0x72);
  }

  @Test
  void printDataIsDiscardedWhileTheCoverIsOpen() {
    var m = new PrinterMechanism(PrinterProfile.EPSON_TM_T20, replies::add);
    m.setCoverOpen(true);
    m.apply(new EscPosCommand.Printable('A'));
    m.apply(new EscPosCommand.LineFeed());
    assertThat(m.paper().textLines()).isEmpty();
  }
}
