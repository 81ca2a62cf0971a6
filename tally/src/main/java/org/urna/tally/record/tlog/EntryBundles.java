package org.urna.tally.record.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.urna.tlog.LedgerFormatException;

/**
 * C2SP tlog-tiles entry bundles: {@code tile/entries/<N>[.p/<W>]}, each a sequence of {@code u16
 * length || entry}, 256 entries a full bundle; N in 3-digit groups, all but the last prefixed x.
 */
public final class EntryBundles {
  public static final int WIDTH = 256;

  private EntryBundles() {}

  /** {@code tile/entries/x001/234} for bundle 1234, with {@code .p/<w>} when partial. */
  public static String path(long index, int width) {
    return tilePath("entries", index, width);
  }

  /**
   * The level-{@code level} hash tile {@code tile/<level>/<N>[.p/<w>]}: {@code width} hashes of 32
   * bytes; at level 0 these are the leaf hashes of entries {@code 256·index} onwards.
   */
  public static String hashTilePath(int level, long index, int width) {
    return tilePath(Integer.toString(level), index, width);
  }

  private static String tilePath(String kind, long index, int width) {
    String digits = String.format("%03d", index);
    while (digits.length() % 3 != 0) {
      digits = "0" + digits;
    }
    StringBuilder sb = new StringBuilder("tile/").append(kind).append('/');
    for (int i = 0; i < digits.length(); i += 3) {
      if (i + 3 < digits.length()) {
        sb.append('x');
      }
      sb.append(digits, i, i + 3);
      if (i + 3 < digits.length()) {
        sb.append('/');
      }
    }
    if (width < WIDTH) {
      sb.append(".p/").append(width);
    }
    return sb.toString();
  }

  /** The bundle paths of a log of {@code size} entries, in order. */
  public static List<String> paths(long size) {
    List<String> out = new ArrayList<>();
    for (long i = 0; i * WIDTH < size; i++) {
      out.add(path(i, (int) Math.min(WIDTH, size - i * WIDTH)));
    }
    return out;
  }

  public static byte[] write(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      if (e.length > 0xFFFF) {
        throw new IllegalArgumentException("an entry is at most 65,535 bytes");
      }
      out.write(e.length >>> 8);
      out.write(e.length & 0xFF);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /** Reads a bundle that must hold exactly {@code count} entries. */
  public static List<byte[]> read(byte[] bundle, int count) {
    int[] starts = starts(bundle, count);
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(java.util.Arrays.copyOfRange(bundle, starts[i], starts[i + 1] - 2));
    }
    return out;
  }

  /**
   * Where the entries of a bundle that must hold exactly {@code count} entries lie, without copying
   * them: entry {@code i} is {@code bundle[starts[i], starts[i + 1] - 2)} ({@code count + 1}
   * numbers; the last is the bundle's length plus 2). Fails as {@link #read} does.
   */
  public static int[] starts(byte[] bundle, int count) {
    int[] starts = new int[Math.max(0, count) + 1];
    int n = 0;
    int at = 0;
    while (at < bundle.length) {
      if (at + 2 > bundle.length) {
        throw new LedgerFormatException("an entry's length is cut off at byte " + at);
      }
      int len = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
      at += 2;
      if (at + len > bundle.length) {
        throw new LedgerFormatException("entry " + n + " runs past the end of its bundle");
      }
      if (n < count) {
        starts[n] = at;
      }
      n++;
      at += len;
    }
    if (n != count) {
      throw new LedgerFormatException("the bundle holds " + n + " entries, not " + count);
    }
    starts[count] = at + 2;
    return starts;
  }
}
