package org.urna.hardware.printer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PaperRecordQrTest {

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(12);
  }

  @Property(tries = 500)
  void encodeThenDecodeGivesTheSameBallot(
      @ForAll("ids") String ballot,
      @ForAll("ids") String c1,
      @ForAll("ids") String c2,
      @ForAll("ids") String s1,
      @ForAll boolean voided)
      throws Exception {
    Map<String, List<String>> choices = new LinkedHashMap<>();
    choices.put(c1, List.of(s1));
    choices.put(c1 + "x", List.of());
    choices.put(c2 + "y", List.of(s1, s1 + "z"));
    PaperRecordQr qr = new PaperRecordQr(ballot, voided, choices);

    String payload = qr.encode();

    assertThat(payload).matches("[\\x20-\\x7e]+");
    assertThat(PaperRecordQr.decode(payload)).isEqualTo(qr);
  }

  /** Fuzz: any scanned text either decodes or gets the typed error, nothing else. */
  @Property(tries = 2000)
  void anyTextDecodesOrFailsWithATypedError(@ForAll("payloadLike") String text) {
    try {
      PaperRecordQr qr = PaperRecordQr.decode(text);
      assertThat(qr.encode()).isEqualTo(text);
    } catch (QrPayloadException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> payloadLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.strings()
            .withChars("URNA-PR1/;=,Pab9V ")
            .ofMaxLength(40)
            .map(s -> "URNA-PR1/" + s));
  }

  @Test
  void foreignCodesAreRefusedInWords() {
    assertThatThrownBy(() -> PaperRecordQr.decode("https://example.org"))
        .isInstanceOf(QrPayloadException.class)
        .hasMessageContaining("Not an Urna paper record");
  }
}
