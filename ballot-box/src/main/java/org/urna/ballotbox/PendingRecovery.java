package org.urna.ballotbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;

/**
 * Recovers the choices of a pending ballot from its nonce seed (decision 0043): with the nonce
 * {@code r} of a selection, {@code beta - r·K} is the identity for 0 and {@code G} for 1. Used only
 * to void a ballot left pending by a crash: it is then recorded as challenged, with the reveal that
 * any verifier checks by re-encryption (step V9), and never counted.
 */
final class PendingRecovery {
  private PendingRecovery() {}

  static PlaintextBallot choices(EncryptedBallot ballot, NonceSeed seed, ElectionKey key) {
    Map<String, Set<String>> chosen = new LinkedHashMap<>();
    for (EncryptedContest c : ballot.contests()) {
      Set<String> set = new LinkedHashSet<>();
      for (EncryptedSelection s : c.selections()) {
        Point r = key.mulK(seed.encryptionNonce(ballot.ballotId(), c.contestId(), s.selectionId()));
        Point m = s.ciphertext().beta().subtract(r).normalize();
        if (m.equals(Group.G.normalize())) {
          set.add(s.selectionId());
        } else if (!m.isIdentity()) {
          throw new IllegalStateException(
              "ballot " + ballot.ballotId() + ": its nonce seed does not open its ciphertexts");
        }
      }
      chosen.put(c.contestId(), set);
    }
    return new PlaintextBallot(ballot.ballotStyleId(), chosen);
  }
}
