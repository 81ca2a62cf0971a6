package org.urna.core.election;

import org.urna.core.crypto.SigningKey;

/**
 * What the election authority signs packages with: its Ed25519 signing key, the certificate of that
 * key (DER) and the root certificate that issued it (DER), the one kiosks pin (spec section 6).
 */
public record AuthorityCredentials(SigningKey signingKey, byte[] certificate, byte[] root) {
  public AuthorityCredentials {
    if (signingKey == null || certificate == null || root == null) {
      throw new IllegalArgumentException("signing key, certificate and root are all required");
    }
    certificate = certificate.clone();
    root = root.clone();
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** The anchor a kiosk configures to trust packages signed under this root. */
  public TrustAnchor trustAnchor() {
    return TrustAnchor.ofCertificate(root);
  }

  @Override
  public String toString() {
    return "AuthorityCredentials[" + signingKey.publicKey().toHex() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthorityCredentials a
        && a.signingKey.publicKey().equals(signingKey.publicKey())
        && java.util.Arrays.equals(a.certificate, certificate)
        && java.util.Arrays.equals(a.root, root);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(certificate);
  }
}
