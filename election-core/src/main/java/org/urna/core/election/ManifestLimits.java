package org.urna.core.election;

/**
 * The size limits of a manifest and an election package (spec section 3.6). They bound the memory
 * and time a kiosk spends on a package before it has checked anything.
 */
public final class ManifestLimits {
  /** The whole package file, in bytes (a city of 3,600 stations named in three languages fits). */
  public static final int MAX_PACKAGE_BYTES = 4 * 1024 * 1024;

  /** JSON nesting depth (objects and arrays); the package itself needs 7. */
  public static final int MAX_NESTING_DEPTH = 16;

  /** Any JSON string, in characters (a certificate in base64 is about 600). */
  public static final int MAX_JSON_STRING = 16_384;

  /** One human text in one language, in Unicode code points. */
  public static final int MAX_TEXT_CHARS = 4_096;

  /** Languages of an election (and so of every text). */
  public static final int MAX_LANGUAGES = 8;

  public static final int MAX_CONTESTS = 200;

  /** Candidates of one contest. */
  public static final int MAX_SELECTIONS = 100;

  public static final int MAX_BALLOT_STYLES = 1_000;

  public static final int MAX_STATIONS = 10_000;

  private ManifestLimits() {}
}
