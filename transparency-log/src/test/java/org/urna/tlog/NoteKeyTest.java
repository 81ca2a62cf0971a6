package org.urna.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class NoteKeyTest {
  @Test
  void verifierKeysWithPlusInTheirBase64Parse() throws Exception {
    int found = 0;
    for (int i = 0; i < 200 && found < 5; i++) {
      byte[] pk = MessageDigest.getInstance("SHA-256").digest(("k" + i).getBytes());
      NoteKey k = new NoteKey("v1.example.org", KeyType.COSIGNATURE_V1, pk);
      String vkey = k.vkey();
      if (vkey.split("\\+").length > 3) {
        found++; // a '+' inside the base64 key
      }
      assertThat(NoteKey.parse(vkey).keyId()).isEqualTo(k.keyId());
      assertThat(NoteKey.parse(vkey).publicKey()).isEqualTo(pk);
    }
    assertThat(found).isPositive();
    assertThatThrownBy(() -> NoteKey.parse("name+0000000+AQ=="))
        .isInstanceOf(LedgerFormatException.class);
  }
}
