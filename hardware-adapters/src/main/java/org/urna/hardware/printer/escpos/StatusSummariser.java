package org.urna.hardware.printer.escpos;

import java.util.EnumSet;
import java.util.Map;
import org.urna.hardware.printer.PrinterFault;
import org.urna.hardware.printer.PrinterStatus;

/**
 * Turns raw ESC/POS status bits into the few faults a poll worker acts on. "Offline" is only
 * reported when no more precise cause (cover, paper, cutter) explains it.
 */
public final class StatusSummariser {

  private StatusSummariser() {}

  /**
   * @param replies the reply byte to each {@code DLE EOT n} that was asked, by n
   */
  public static PrinterStatus fromRealtime(Map<Integer, Integer> replies) {
    EnumSet<PrinterFault> faults = EnumSet.noneOf(PrinterFault.class);
    boolean offline = false;
    Integer printer = replies.get(1);
    if (printer != null && (printer & 0x08) != 0) {
      offline = true;
    }
    Integer cause = replies.get(2);
    if (cause != null) {
      if ((cause & 0x04) != 0) {
        faults.add(PrinterFault.COVER_OPEN);
      }
      if ((cause & 0x20) != 0) {
        faults.add(PrinterFault.PAPER_OUT);
      }
      if ((cause & 0x40) != 0) {
        offline = true;
      }
    }
    Integer error = replies.get(3);
    if (error != null) {
      if ((error & 0x08) != 0) {
        faults.add(PrinterFault.CUTTER_ERROR);
      }
      if ((error & 0x20) != 0) {
        faults.add(PrinterFault.UNRECOVERABLE_ERROR);
      }
      if ((error & 0x40) != 0) {
        offline = true;
      }
    }
    Integer paper = replies.get(4);
    if (paper != null) {
      if ((paper & 0x60) == 0x60) {
        faults.add(PrinterFault.PAPER_OUT);
      } else if ((paper & 0x0c) == 0x0c) {
        faults.add(PrinterFault.PAPER_NEAR_END);
      }
    }
    return finish(faults, offline);
  }

  /** The same summary from a {@code GS a} automatic status block. */
  public static PrinterStatus fromAuto(StatusEvent.AutoStatus block) {
    EnumSet<PrinterFault> faults = EnumSet.noneOf(PrinterFault.class);
    boolean offline = (block.first() & 0x08) != 0;
    if ((block.first() & 0x20) != 0) {
      faults.add(PrinterFault.COVER_OPEN);
    }
    if ((block.second() & 0x08) != 0) {
      faults.add(PrinterFault.CUTTER_ERROR);
    }
    if ((block.second() & 0x20) != 0) {
      faults.add(PrinterFault.UNRECOVERABLE_ERROR);
    }
    if ((block.second() & 0x40) != 0) {
      offline = true;
    }
    if ((block.third() & 0x0c) == 0x0c) {
      faults.add(PrinterFault.PAPER_OUT);
    } else if ((block.third() & 0x03) == 0x03) {
      faults.add(PrinterFault.PAPER_NEAR_END);
    }
    return finish(faults, offline);
  }

  private static PrinterStatus finish(EnumSet<PrinterFault> faults, boolean offline) {
    boolean explained = faults.stream().anyMatch(PrinterFault::blocksPrinting);
    if (offline && !explained) {
      faults.add(PrinterFault.OFFLINE);
    }
    return PrinterStatus.of(faults);
  }
}
