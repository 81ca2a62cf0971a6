package org.urna.core.tally;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urna.core.crypto.DecryptionProof;
import org.urna.core.crypto.DiscreteLog;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElGamalSecretKey;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;

/**
 * Decrypts every encrypted total with the election secret key and proves each decryption (spec
 * 8.2). Single-key path: with k-of-n trustees the shares {@code s_i·A} are combined instead of
 * {@code s·A}, and the ballot format does not change.
 */
public final class TallyDecryptor {
  private final ElectionManifest manifest;
  private final ElectionKey key;
  private final ElGamalSecretKey secret;
  private final SecureRandom random = new SecureRandom();

  public TallyDecryptor(ElectionManifest manifest, ElectionKey key, ElGamalSecretKey secret) {
    if (!secret.publicKey().equals(key.key())) {
      throw new IllegalArgumentException("this secret key does not belong to the election key");
    }
    this.manifest = manifest;
    this.key = key;
    this.secret = secret;
  }

  public List<SelectionTotal> decrypt(EncryptedTally tally) {
    List<SelectionTotal> out = new ArrayList<>();
    for (Contest c : manifest.contests()) {
      for (String sid : c.selectionIds()) {
        Optional<ElGamalCiphertext> ct = tally.sum(c.id(), sid);
        if (ct.isEmpty()) {
          out.add(new SelectionTotal(c.id(), sid, 0, null, null));
          continue;
        }
        Point m = ct.get().beta().subtract(ct.get().alpha().multiply(secret.scalar()));
        long t =
            m.isIdentity()
                ? 0
                : DiscreteLog.standard()
                    .solve(m)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "total of "
                                    + c.id()
                                    + "/"
                                    + sid
                                    + " exceeds the searchable range"));
        DecryptionProof proof =
            DecryptionProof.prove(
                key, secret, SelectionTotal.label(c.id(), sid), ct.get(), t, Scalar.random(random));
        out.add(new SelectionTotal(c.id(), sid, t, ct.get(), proof));
      }
    }
    return out;
  }
}
