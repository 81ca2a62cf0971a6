package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyFileTest {
  static TestCeremony c;
  static byte[] file;
  static final char[] PASS = "correct horse battery staple".toCharArray();

  @BeforeAll
  static void seal() throws Exception {
    c = TestCeremony.honest(3, 2);
    file = TrusteeKeyFile.seal(c.trustee(2), PASS, TrusteeKeyFile.Argon2.MINIMUM);
  }

  @Test
  void roundTripKeepsEverySecret() throws Exception {
    Trustee t = TrusteeKeyFile.open(file, PASS, c.params);
    assertThat(t.index()).isEqualTo(2);
    assertThat(t.finalShare()).isEqualTo(c.trustee(2).finalShare());
    assertThat(t.encryptionSecret()).isEqualTo(c.trustee(2).encryptionSecret());
    assertThat(t.polynomial().coefficients())
        .containsExactly(c.trustee(2).polynomial().coefficients());
  }

  @Test
  void wrongPassphraseIsSaid() {
    assertThatThrownBy(
            () -> TrusteeKeyFile.open(file, "correct horse battery stapl".toCharArray(), c.params))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("passphrase is wrong");
  }

  @Test
  void everyChangedByteIsRefused() {
    for (int i = 0; i < file.length; i++) {
      byte[] bad = file.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> TrusteeKeyFile.open(bad, PASS, c.params))
          .as("byte %d", i)
          .isInstanceOf(KeyFileException.class);
    }
  }

  @Test
  void aChangedHeaderWithItsChecksumFixedStillFails() throws Exception {
    byte[] bad = file.clone();
    int memAt = 2 + TrusteeKeyFile.MAGIC.length() + 4; // the iterations field
    ByteBuffer.wrap(bad).putInt(memAt, 2);
    byte[] sum = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bad, bad.length - 32));
    System.arraycopy(sum, 0, bad, bad.length - 32, 32);
    assertThatThrownBy(() -> TrusteeKeyFile.open(bad, PASS, c.params))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("passphrase is wrong");
  }

  @Test
  void damageAndOversizeAndForeignFilesAreNamed() throws Exception {
    byte[] cut = Arrays.copyOf(file, file.length - 1);
    assertThatThrownBy(() -> TrusteeKeyFile.open(cut, PASS, c.params))
        .hasMessageContaining("damaged");
    assertThatThrownBy(
            () -> TrusteeKeyFile.open(new byte[TrusteeKeyFile.MAX_BYTES + 1], PASS, c.params))
        .hasMessageContaining("not a trustee key file");
    assertThatThrownBy(() -> TrusteeKeyFile.open("hello".getBytes(), PASS, c.params))
        .hasMessageContaining("not a trustee key file");
    // Absurd Argon2 parameters are refused before any work (checksum recomputed).
    byte[] greedy = file.clone();
    ByteBuffer.wrap(greedy).putInt(2 + TrusteeKeyFile.MAGIC.length(), Integer.MAX_VALUE);
    byte[] sum =
        MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(greedy, greedy.length - 32));
    System.arraycopy(sum, 0, greedy, greedy.length - 32, 32);
    assertThatThrownBy(() -> TrusteeKeyFile.open(greedy, PASS, c.params))
        .hasMessageContaining("out of range");
    TestCeremony other = new TestCeremony(3, 2, (byte) 9);
    assertThatThrownBy(() -> TrusteeKeyFile.open(file, PASS, other.params))
        .hasMessageContaining("another key ceremony");
  }
}
