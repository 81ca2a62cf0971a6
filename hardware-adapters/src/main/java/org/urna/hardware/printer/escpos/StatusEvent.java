package org.urna.hardware.printer.escpos;

/** One thing read from a printer's reply stream, separated by the ESC/POS bit masks. */
public sealed interface StatusEvent {

  /** A one-byte reply to {@code DLE EOT n}: {@code (b & 0x93) == 0x12}. */
  record RealtimeReply(int value) implements StatusEvent {
    public RealtimeReply {
      if ((value & 0x93) != 0x12) {
        throw new IllegalArgumentException("Not a real-time status byte: " + value);
      }
    }
  }

  /**
   * A four-byte automatic status block ({@code GS a}): first byte {@code (b & 0x93) == 0x10}, the
   * others with bits 4 and 7 clear.
   */
  record AutoStatus(int first, int second, int third, int fourth) implements StatusEvent {
    public AutoStatus {
      if ((first & 0x93) != 0x10) {
        throw new IllegalArgumentException("Not the first byte of a status block: " + first);
      }
      for (int b : new int[] {second, third, fourth}) {
        if ((b & 0x90) != 0 || b < 0 || b > 0xff) {
          throw new IllegalArgumentException("Not a status block byte: " + b);
        }
      }
    }
  }

  /** A byte that fits neither pattern (line noise, a confused printer): a typed finding. */
  record Garbage(int value) implements StatusEvent {}
}
