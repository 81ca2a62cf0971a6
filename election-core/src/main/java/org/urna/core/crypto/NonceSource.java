package org.urna.core.crypto;

/**
 * Where a prover's secret scalars come from. The kiosk derives them all from the ballot's nonce
 * seed (spec 5.3), so that revealing the seed on a challenge lets anyone reproduce the ballot.
 */
@FunctionalInterface
public interface NonceSource {
  /** The scalar for one purpose ("u", "c", "v") and branch index of the proof with this label. */
  Scalar nonce(String label, String purpose, int index);

  /**
   * Forgets whatever secret state the source keeps (for the kiosk's source, the hash state that has
   * absorbed the ballot's nonce seed); called once the ballot's proofs are made. No nonce may be
   * asked for afterwards.
   */
  default void erase() {}
}
