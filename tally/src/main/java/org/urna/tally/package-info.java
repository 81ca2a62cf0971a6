/**
 * k-of-n trustees (docs/spec/trustees.md): the key ceremony without a dealer and threshold
 * decryption, as pure functions a verifier can call.
 *
 * <ul>
 *   <li>Ceremony, public side: {@link org.urna.tally.Ceremony#combine} checks steps T2-T8 of the
 *       published announcements, deals, reports and answers and returns the {@link
 *       org.urna.tally.JointKey} (joint key K, public shares K_j, Q) or a named {@link
 *       org.urna.tally.TrusteeFailure}.
 *   <li>Trustee side: {@link org.urna.tally.Trustee} (init, deal, check, answer, finish, decrypt),
 *       its secrets kept in a {@link org.urna.tally.TrusteeKeyFile}.
 *   <li>Decryption: {@link org.urna.tally.ShareVerifier#verify} (T10, T11), {@link
 *       org.urna.tally.Combiner#combine} (any k of n into counts), {@link
 *       org.urna.tally.Combiner#verifyCount} (T12, no discrete logarithm).
 *   <li>Files: {@link org.urna.tally.files.TrusteeFiles} reads and writes every format; {@link
 *       org.urna.tally.files.CeremonyFolder} the ceremony folder.
 * </ul>
 */
package org.urna.tally;
