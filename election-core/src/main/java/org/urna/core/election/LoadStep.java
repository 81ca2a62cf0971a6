package org.urna.core.election;

/**
 * The numbered checks of loading an election package, in the order they run (spec section 7). An
 * {@link ElectionPackageException} names the step that refused the package.
 */
public enum LoadStep {
  P1_SIZE("P1", "package size"),
  P2_JSON("P2", "JSON syntax"),
  P3_FIELDS("P3", "package fields"),
  P4_AUTHORITY_ROOT("P4", "authority root certificate"),
  P5_AUTHORITY_CERTIFICATE("P5", "authority certificate"),
  P6_SIGNATURE("P6", "package signature"),
  P7_ELECTION_KEY("P7", "election key"),
  P8_MANIFEST("P8", "election manifest"),
  P9_CERTIFICATE_PERIOD("P9", "certificate covers the voting window");

  private final String code;
  private final String title;

  LoadStep(String code, String title) {
    this.code = code;
    this.title = title;
  }

  /** "P1" .. "P9", as the spec numbers the step. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }
}
