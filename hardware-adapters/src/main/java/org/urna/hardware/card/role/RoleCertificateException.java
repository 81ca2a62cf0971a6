package org.urna.hardware.card.role;

import java.util.Objects;

/** A role certificate that is malformed or not trusted; {@link #reason()} is the typed cause. */
public final class RoleCertificateException extends Exception {
  private final RefusalReason reason;

  public RoleCertificateException(RefusalReason reason, String detail) {
    super(reason.name() + ": " + detail);
    this.reason = Objects.requireNonNull(reason);
  }

  public RefusalReason reason() {
    return reason;
  }
}
