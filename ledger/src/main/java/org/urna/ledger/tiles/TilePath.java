package org.urna.ledger.tiles;

import org.urna.ledger.note.NoteFormatException;

/**
 * A C2SP tlog-tiles resource path: {@code tile/<L>/<N>[.p/<W>]} for hash tiles and {@code
 * tile/entries/<N>[.p/<W>]} for entry bundles. N is written in 3-digit groups, all but the last
 * prefixed with {@code x}.
 */
public record TilePath(boolean entries, int level, long index, int width) {
  public static final int FULL = 256;

  public TilePath {
    if (level < 0 || level > 63 || (entries && level != 0)) {
      throw new NoteFormatException("a tile level is between 0 and 63");
    }
    if (index < 0) {
      throw new NoteFormatException("a tile index is never negative");
    }
    if (width < 1 || width > FULL) {
      throw new NoteFormatException("a tile is 1 to 256 hashes wide");
    }
  }

  public static TilePath hashes(int level, long index, int width) {
    return new TilePath(false, level, index, width);
  }

  public static TilePath bundle(long index, int width) {
    return new TilePath(true, 0, index, width);
  }

  public boolean partial() {
    return width < FULL;
  }

  public String path() {
    StringBuilder sb = new StringBuilder("tile/");
    sb.append(entries ? "entries" : Integer.toString(level)).append('/').append(encodeIndex(index));
    if (partial()) {
      sb.append(".p/").append(width);
    }
    return sb.toString();
  }

  static String encodeIndex(long n) {
    String s = String.format("%03d", n % 1000);
    while (n >= 1000) {
      n /= 1000;
      s = String.format("x%03d/%s", n % 1000, s);
    }
    return s;
  }

  /** Parses a path (without the URL prefix); rejects every non-canonical spelling. */
  public static TilePath parse(String path) {
    if (path == null || !path.startsWith("tile/") || path.length() > 200) {
      throw new NoteFormatException("a tile path starts with tile/");
    }
    String rest = path.substring(5);
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new NoteFormatException("a tile path is tile/<L>/<N>");
    }
    String first = rest.substring(0, slash);
    boolean entries = first.equals("entries");
    int level = 0;
    if (!entries) {
      if (!first.matches("0|[1-9][0-9]?")) {
        throw new NoteFormatException("a tile level is a decimal without leading zeroes");
      }
      level = Integer.parseInt(first);
    }
    String n = rest.substring(slash + 1);
    int width = FULL;
    int p = n.indexOf(".p/");
    if (p >= 0) {
      String w = n.substring(p + 3);
      if (!w.matches("[1-9][0-9]{0,2}")) {
        throw new NoteFormatException("a partial tile width is a decimal without leading zeroes");
      }
      width = Integer.parseInt(w);
      if (width >= FULL) {
        throw new NoteFormatException("a partial tile is 1 to 255 wide");
      }
      n = n.substring(0, p);
    }
    String[] groups = n.split("/", -1);
    if (groups.length > 7) {
      throw new NoteFormatException("a tile index is too long");
    }
    long index = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean last = i == groups.length - 1;
      if (!last) {
        if (!g.startsWith("x")) {
          throw new NoteFormatException("all but the last index group start with x");
        }
        g = g.substring(1);
      }
      if (!g.matches("[0-9]{3}")) {
        throw new NoteFormatException("a tile index group has three digits");
      }
      if (index > (Long.MAX_VALUE - 999) / 1000) {
        throw new NoteFormatException("a tile index is larger than any log");
      }
      index = index * 1000 + Integer.parseInt(g);
    }
    TilePath parsed = new TilePath(entries, level, index, width);
    if (!parsed.path().equals(path)) {
      throw new NoteFormatException("a tile path is not in canonical form");
    }
    return parsed;
  }
}
