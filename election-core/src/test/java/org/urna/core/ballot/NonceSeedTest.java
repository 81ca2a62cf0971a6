package org.urna.core.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.NonceSource;
import org.urna.core.crypto.Scalar;

class NonceSeedTest {
  private final NonceSeed seed = NonceSeed.random(new SecureRandom());
  private final BallotId id = BallotId.random(new SecureRandom());

  @Test
  void proofNoncesAreTheSameFromEverySourceOfOneSeedAndDifferByPurpose() {
    Scalar a = seed.proofNonces(id).nonce("label", "u", 0);
    assertThat(seed.proofNonces(id).nonce("label", "u", 0)).isEqualTo(a);
    assertThat(seed.proofNonces(id).nonce("label", "u", 1)).isNotEqualTo(a);
    assertThat(seed.proofNonces(id).nonce("label", "c", 0)).isNotEqualTo(a);
  }

  @Test
  void anErasedSourceGivesNoMoreNoncesAndAFreshOneStillAgrees() {
    NonceSource nonces = seed.proofNonces(id);
    Scalar before = nonces.nonce("label", "v", 2);
    nonces.erase();
    nonces.erase(); // twice is harmless
    assertThatThrownBy(() -> nonces.nonce("label", "v", 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("erased");
    assertThat(seed.proofNonces(id).nonce("label", "v", 2)).isEqualTo(before);
  }
}
