package org.urna.tally;

/** A ceremony or decryption input that failed a numbered check; carries the failure. */
public class TrusteeException extends Exception {
  private final transient TrusteeFailure failure;

  public TrusteeException(TrusteeFailure failure) {
    super(failure.toString());
    this.failure = failure;
  }

  public TrusteeException(TrusteeStep step, String item, String reason) {
    this(new TrusteeFailure(step, item, reason));
  }

  public TrusteeFailure failure() {
    return failure;
  }
}
