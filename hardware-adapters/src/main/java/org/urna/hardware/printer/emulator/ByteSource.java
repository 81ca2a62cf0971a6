package org.urna.hardware.printer.emulator;

/** Where the emulator's parser takes its bytes from: a serial line, or an array in tests. */
public interface ByteSource {

  /** Thrown when the source has no more bytes (the line closed, the array ended). */
  final class EndOfInput extends Exception {
    public EndOfInput() {
      super("No more input");
    }
  }

  /** The next byte, 0 to 255, waiting for it if need be. */
  int next() throws EndOfInput;

  /** How many bytes have been taken so far. */
  long position();

  /** Bytes in an array. */
  static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      private int i;

      @Override
      public int next() throws EndOfInput {
        if (i >= bytes.length) {
          throw new EndOfInput();
        }
        return bytes[i++] & 0xff;
      }

      @Override
      public long position() {
        return i;
      }
    };
  }
}
