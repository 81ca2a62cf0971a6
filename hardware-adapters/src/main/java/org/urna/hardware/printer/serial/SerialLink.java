package org.urna.hardware.printer.serial;

import java.time.Duration;

/** A two-way byte link to a device: a serial port, or an in-process pipe for the emulator. */
public interface SerialLink extends AutoCloseable {

  /** Writes all bytes, waiting a bounded time for the far side to take them. */
  void write(byte[] data, int offset, int length) throws LinkFault;

  default void write(byte[] data) throws LinkFault {
    write(data, 0, data.length);
  }

  /**
   * Reads what has arrived, waiting at most {@code wait} for the first byte.
   *
   * @return the number of bytes read, 0 when nothing came in time
   */
  int read(byte[] buffer, Duration wait) throws LinkFault;

  /** A short description for logs ("/dev/ttyS0 at 115200 baud"). */
  String describe();

  /** Closes the link; never throws. */
  @Override
  void close();
}
