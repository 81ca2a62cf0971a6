package org.urna.hardware.printer.escpos;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the bytes a printer sends into real-time replies, automatic status blocks and garbage.
 * Real-time replies may arrive between the bytes of a status block: they are told apart by bit 4
 * (set in a reply and in a block's first byte, clear in a block's other bytes).
 *
 * <p>Keeps state across calls: a block may be split over two reads. Never throws.
 */
public final class StatusStreamParser {

  private final int[] block = new int[4];
  private int blockLength;

  /** Everything these bytes complete, in order of arrival. */
  public List<StatusEvent> feed(byte[] bytes, int offset, int length) {
    List<StatusEvent> events = new ArrayList<>();
    for (int i = offset; i < offset + length; i++) {
      accept(bytes[i] & 0xff, events);
    }
    return events;
  }

  public List<StatusEvent> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  /** Forgets a half-read block (after a resynchronisation). */
  public void reset() {
    blockLength = 0;
  }

  private void accept(int b, List<StatusEvent> events) {
    if (blockLength > 0 && (b & 0x90) == 0) {
      block[blockLength++] = b;
      if (blockLength == 4) {
        events.add(new StatusEvent.AutoStatus(block[0], block[1], block[2], block[3]));
        blockLength = 0;
      }
      return;
    }
    if ((b & 0x93) == 0x12) {
      events.add(new StatusEvent.RealtimeReply(b));
      return;
    }
    if (blockLength > 0) {
      // A new block or noise arrived before the block was complete: the partial block is garbage.
      for (int i = 0; i < blockLength; i++) {
        events.add(new StatusEvent.Garbage(block[i]));
      }
      blockLength = 0;
    }
    if ((b & 0x93) == 0x10) {
      block[0] = b;
      blockLength = 1;
      return;
    }
    events.add(new StatusEvent.Garbage(b));
  }
}
