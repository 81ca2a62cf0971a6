package org.urna.core.election;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a kiosk trusts, configured at provisioning (spec section 6): the SHA-256 fingerprint of the
 * election authority's root certificate (of its DER bytes), 64 lower-case hex digits. A package
 * loads only when its authority root has exactly this fingerprint.
 */
public record TrustAnchor(String sha256Hex) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public TrustAnchor {
    if (sha256Hex == null || !HEX64.matcher(sha256Hex).matches()) {
      throw new IllegalArgumentException(
          "a trust anchor is the SHA-256 fingerprint of the authority root certificate:"
              + " 64 lower-case hex digits");
    }
  }

  /** The anchor that trusts exactly this root certificate. */
  public static TrustAnchor ofCertificate(byte[] rootCertificateDer) {
    return new TrustAnchor(HexFormat.of().formatHex(sha256(rootCertificateDer)));
  }

  /** Parses a fingerprint as written in a kiosk's configuration (colons and case are ignored). */
  public static TrustAnchor fromHex(String hex) {
    return new TrustAnchor(hex.strip().replace(":", "").toLowerCase(java.util.Locale.ROOT));
  }

  /** True when {@code certificateDer} is the trusted root. */
  public boolean matches(byte[] certificateDer) {
    return MessageDigest.isEqual(HexFormat.of().parseHex(sha256Hex), sha256(certificateDer));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return sha256Hex;
  }
}
