package org.urna.hardware.printer;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The summarised state of a printer: the set of faults it reports right now. Empty means ready.
 *
 * @param faults every fault that holds; warnings such as {@link PrinterFault#PAPER_NEAR_END} do not
 *     block printing
 */
public record PrinterStatus(Set<PrinterFault> faults) {

  /** Faults in the order a poll worker should deal with them (cover before paper, and so on). */
  private static final PrinterFault[] PRIORITY = {
    PrinterFault.DISCONNECTED,
    PrinterFault.NO_ANSWER,
    PrinterFault.GARBLED_REPLY,
    PrinterFault.COVER_OPEN,
    PrinterFault.PAPER_OUT,
    PrinterFault.CUTTER_ERROR,
    PrinterFault.UNRECOVERABLE_ERROR,
    PrinterFault.OFFLINE,
    PrinterFault.PAPER_NEAR_END
  };

  public PrinterStatus {
    faults =
        faults.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(faults));
  }

  public static PrinterStatus ready() {
    return new PrinterStatus(Set.of());
  }

  public static PrinterStatus of(PrinterFault... faults) {
    return new PrinterStatus(Set.of(faults));
  }

  public static PrinterStatus of(Collection<PrinterFault> faults) {
    return new PrinterStatus(Set.copyOf(faults));
  }

  /** True when nothing blocks printing (a near-end warning may still be present). */
  public boolean isReady() {
    return blockingFault().isEmpty();
  }

  public boolean has(PrinterFault fault) {
    return faults.contains(fault);
  }

  /** The first fault a poll worker must clear before printing, if any. */
  public Optional<PrinterFault> blockingFault() {
    for (PrinterFault f : PRIORITY) {
      if (f.blocksPrinting() && faults.contains(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** This status plus one more fault. */
  public PrinterStatus with(PrinterFault fault) {
    EnumSet<PrinterFault> all = EnumSet.of(fault);
    all.addAll(faults);
    return new PrinterStatus(all);
  }
}
