package org.urna.hardware.printer.escpos;

import java.util.List;

/**
 * A paper encoded for one printer model: chunks of bytes, sent one after another with a status
 * check between them (a chunk is at most one raster band, so the printer's buffer never overflows
 * and a fault is noticed within one chunk).
 */
public record EscPosJob(List<byte[]> chunks) {
  public EscPosJob {
    chunks = List.copyOf(chunks);
  }

  public long totalBytes() {
    return chunks.stream().mapToLong(c -> c.length).sum();
  }
}
