package org.urna.hardware.card.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.urna.hardware.card.CardDataException;
import org.urna.hardware.card.piv.PivObjects;

class BerTlvPropertiesTest {
  @Provide
  Arbitrary<Integer> tags() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0x01, 0xFE).filter(t -> (t & 0x1F) != 0x1F),
        Arbitraries.integers().between(0x00, 0x7F).map(b -> 0x5F00 | b),
        Arbitraries.integers().between(0x00, 0x7F).map(b -> 0x5FC100 | b));
  }

  @Property
  void encodedTlvParsesBackToItself(
      @ForAll("tags") int tag, @ForAll @Size(max = 70_000) byte[] value) throws Exception {
    Tlv tlv = new Tlv(tag, value);
    assertThat(BerTlv.parseOne(tlv.encode())).isEqualTo(tlv);
  }

  @Property(tries = 2000)
  void anyBytesParseOrFailWithATypedError(@ForAll @Size(max = 300) byte[] bytes) {
    try {
      for (Tlv t : BerTlv.parseAll(bytes)) {
        if (t.isConstructed()) {
          t.children();
        }
      }
    } catch (CardDataException expected) {
      // the only failure allowed
    }
  }

  @Property(tries = 2000)
  void pivResponsesParseOrFailWithATypedError(@ForAll @Size(max = 300) byte[] bytes) {
    try {
      PivObjects.certificateFrom(bytes);
    } catch (CardDataException expected) {
      // typed
    }
    try {
      PivObjects.signatureFrom(bytes);
    } catch (CardDataException expected) {
      // typed
    }
  }

  @Property
  void truncatedTlvIsATypedError(
      @ForAll("tags") int tag, @ForAll @Size(min = 1, max = 400) byte[] value) {
    byte[] enc = BerTlv.encode(tag, value);
    byte[] cut = java.util.Arrays.copyOf(enc, enc.length - 1);
    assertThatThrownBy(() -> BerTlv.parseAll(cut)).isInstanceOf(CardDataException.class);
  }

  @Test
  void lengthsOf128AndMoreUseTheLongForm() {
    assertThat(BerTlv.encodeLength(127)).containsExactly(0x7F);
    assertThat(BerTlv.encodeLength(128)).containsExactly(0x81, 0x80);
    assertThat(BerTlv.encodeLength(255)).containsExactly(0x81, 0xFF);
    assertThat(BerTlv.encodeLength(256)).containsExactly(0x82, 0x01, 0x00);
    assertThat(BerTlv.encodeLength(0x10000)).containsExactly(0x83, 0x01, 0x00, 0x00);
  }

  @Test
  void threeByteTagsAndNestedObjectsAreRead() throws Exception {
    byte[] bytes = HexFormat.of().parseHex("5FC1050401020304");
    Tlv t = BerTlv.parseOne(bytes);
    assertThat(t.tag()).isEqualTo(0x5FC105);
    assertThat(t.value()).containsExactly(1, 2, 3, 4);
    Tlv nested = BerTlv.parseOne(HexFormat.of().parseHex("7C0682008102AABB"));
    assertThat(nested.child(0x81).orElseThrow().value()).containsExactly(0xAA, 0xBB);
  }

  @Test
  void indefiniteLengthAndOverlongTagsAreRefused() {
    assertThatThrownBy(() -> BerTlv.parseAll(HexFormat.of().parseHex("30800000")))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("indefinite");
    assertThatThrownBy(() -> BerTlv.parseAll(HexFormat.of().parseHex("5F818181010000")))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("three bytes");
    assertThatThrownBy(() -> BerTlv.parseAll(HexFormat.of().parseHex("538400000001")))
        .isInstanceOf(CardDataException.class);
  }
}
