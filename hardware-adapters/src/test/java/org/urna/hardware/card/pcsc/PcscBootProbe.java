package org.urna.hardware.card.pcsc;

/** A kiosk-like process for {@link PcscServiceAtBootTest}: prints each card event on a line. */
public final class PcscBootProbe {
  public static void main(String[] args) throws Exception {
    PcscCardReader reader = PcscCardReader.create();
    reader.start(
        e -> {
          System.out.println("EVENT " + e);
          System.out.flush();
        });
    Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "60000"));
    reader.close();
  }
}
