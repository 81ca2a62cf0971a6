package org.urna.hardware.card.apdu;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.urna.hardware.card.CardDataException;

class ApduPropertiesTest {
  @Property
  void commandApduRoundTrips(
      @ForAll @IntRange(max = 255) int cla,
      @ForAll @IntRange(max = 255) int ins,
      @ForAll @IntRange(max = 255) int p1,
      @ForAll @IntRange(max = 255) int p2,
      @ForAll @Size(max = 255) byte[] data,
      @ForAll @IntRange(max = 256) int ne)
      throws Exception {
    CommandApdu c = new CommandApdu(cla, ins, p1, p2, data, ne);
    assertThat(CommandApdu.parse(c.encode())).isEqualTo(c);
  }

  @Property(tries = 3000)
  void anyBytesAreACommandOrATypedError(@ForAll @Size(max = 300) byte[] bytes) {
    try {
      CommandApdu c = CommandApdu.parse(bytes);
      assertThat(c.encode()).isEqualTo(bytes);
    } catch (CardDataException expected) {
      // typed
    }
  }

  @Property(tries = 3000)
  void anyBytesAreAResponseOrATypedError(@ForAll @Size(max = 300) byte[] bytes) {
    try {
      ResponseApdu r = ResponseApdu.parse(bytes);
      assertThat(r.encode()).isEqualTo(bytes);
    } catch (CardDataException expected) {
      assertThat(bytes.length).isLessThan(2);
    }
  }
}
