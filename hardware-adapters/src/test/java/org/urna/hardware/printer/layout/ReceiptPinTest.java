package org.urna.hardware.printer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The receipt's QR address pins the trust policy the kiosk trusts, when it has one. */
class ReceiptPinTest {
  static ReceiptContent receipt(String pin) {
    return new ReceiptContent(
        "Receipt",
        "Station",
        "uik-1701",
        "Time",
        LocalDateTime.of(2027, 9, 19, 10, 0),
        "Code",
        "K7QX2M9PLR4TW8BZ",
        URI.create("https://ledger.example.org/"),
        "Look it up",
        pin);
  }

  @Test
  void thePinIsTheAddressFragmentAfterTheCode() {
    String pin = "ab".repeat(32);
    assertThat(receipt(pin).lookupUrl())
        .isEqualTo("https://ledger.example.org/?code=K7QX2M9PLR4TW8BZ#policy-sha256=" + pin);
    assertThat(receipt(null).lookupUrl())
        .isEqualTo("https://ledger.example.org/?code=K7QX2M9PLR4TW8BZ");
  }

  @Test
  void aPinThatIsNotASha256IsRefused() {
    assertThatThrownBy(() -> receipt("AB".repeat(32))).hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(() -> receipt("ab".repeat(31))).hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(() -> receipt("ab".repeat(32) + "&x=1"))
        .hasMessageContaining("64 lower-case hex");
  }
}
