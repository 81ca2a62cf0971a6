package org.urna.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenGeometryTest {

  @Test
  void theDefaultScreenIs96PixelsPerInchAndNeedsAbout18PixelsFor35MillimetreCapitals() {
    ScreenGeometry s = ScreenGeometry.DEFAULT;
    assertThat(s.pxPerMm() * 25.4).isCloseTo(96.4, within(0.1));
    assertThat(s.minFontPx()).isCloseTo(18.2, within(0.1));
    assertThat(s.capMm(s.settingsFontPx(1))).isGreaterThanOrEqualTo(3.5);
  }

  @Test
  void everyTextSizeIsInsideItsVvsgRangeOnADenseAndOnACoarseScreen() {
    double[][] ranges = {{3.5, 4.2}, {4.8, 5.6}, {6.4, 7.1}, {8.5, 9.0}};
    for (ScreenGeometry s :
        List.of(
            ScreenGeometry.DEFAULT,
            ScreenGeometry.parse("1920x1080@15.6in"),
            ScreenGeometry.parse("1366x768@21.5"))) {
      for (int size = 1; size <= 4; size++) {
        assertThat(s.capMm(s.fontPx(size)))
            .as(s + " size " + size)
            .isBetween(ranges[size - 1][0], ranges[size - 1][1]);
        assertThat(s.capMm(s.settingsFontPx(size))).isGreaterThanOrEqualTo(3.5);
      }
    }
    // the denser panel needs larger pixels for the same millimetres
    assertThat(ScreenGeometry.parse("1920x1080@15.6").fontPx(1))
        .isGreaterThan(ScreenGeometry.DEFAULT.fontPx(1));
  }

  @Test
  void anImplausibleScreenIsRefusedWithItsForm() {
    assertThatThrownBy(() -> ScreenGeometry.parse("1280x1024"))
        .hasMessageContaining("WIDTHxHEIGHT@DIAGONAL_INCHES");
    assertThatThrownBy(() -> ScreenGeometry.parse("1280x1024@2"))
        .hasMessageContaining("not plausible");
  }

  @Test
  void pagesHoldWholeItemsAndATallItemIsShownInPartsThatOverlap() {
    // items of 100 px with 10 px gaps in 250 px: two per page
    var pages = PagedList.cut(new double[] {100, 100, 100, 100, 100}, 250, 10, 30);
    assertThat(pages).extracting(PagedList.Window::first).containsExactly(0, 2, 4);
    assertThat(pages).extracting(PagedList.Window::end).containsExactly(2, 4, 5);
    // a 600 px item in 250 px: parts from 0, 220, 440 (30 px seen again), then the next item
    var tall = PagedList.cut(new double[] {600, 100}, 250, 10, 30);
    assertThat(tall).extracting(PagedList.Window::y).containsExactly(0.0, 220.0, 440.0, 610.0);
    assertThat(tall).extracting(PagedList.Window::partial).containsExactly(true, true, true, false);
    assertThat(tall)
        .extracting(PagedList.Window::position)
        .containsExactly(0, 1, 2, PagedList.PARTS);
  }
}
