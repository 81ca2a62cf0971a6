package org.urna.kiosk.polls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The vectors of docs/spec/election-fingerprint.md. */
class ElectionFingerprintTest {
  @Test
  void theEmptyFile() {
    ElectionFingerprint f = ElectionFingerprint.of(new byte[0]);
    assertThat(f.hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(f.shortHash()).isEqualTo("e3b0-c442-98fc-1c14");
    assertThat(f.words()).containsExactly("zinc", "salmon", "sugar", "drum");
    assertThat(f.display()).isEqualTo("e3b0-c442-98fc-1c14 · zinc salmon sugar drum");
  }

  @Test
  void abc() {
    ElectionFingerprint f = ElectionFingerprint.of("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(f.shortHash()).isEqualTo("ba78-16bf-8f01-cfea");
    assertThat(f.words()).containsExactly("socket", "marble", "breeze", "squirrel");
  }

  @Test
  void oneChangedByteGivesAnotherFingerprint() {
    byte[] a = "election".getBytes(StandardCharsets.US_ASCII);
    byte[] b = a.clone();
    b[0] ^= 1;
    assertThat(ElectionFingerprint.of(a).hex()).isNotEqualTo(ElectionFingerprint.of(b).hex());
  }
}
