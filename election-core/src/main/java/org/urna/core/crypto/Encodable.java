package org.urna.core.crypto;

/** A value with one canonical byte encoding (spec section 2.1). */
public interface Encodable {
  /** The canonical encoding; a fresh array each call. */
  byte[] toBytes();
}
