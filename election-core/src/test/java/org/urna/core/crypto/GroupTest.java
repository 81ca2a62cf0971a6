package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GroupTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Property(tries = 200)
  void windowTableAgreesWithBouncyCastleMultiplication(@ForAll long seed) {
    Scalar k = Hash.tagged("test").part(seed).toScalar();
    assertThat(Group.mulG(k).normalize()).isEqualTo(Group.G.multiply(k).normalize());
  }

  @Test
  void windowTableHandlesEdgeScalars() {
    Scalar nMinus1 = Scalar.ONE.negate();
    assertThat(Group.mulG(nMinus1).normalize()).isEqualTo(Group.G.negate().normalize());
    assertThat(Group.mulG(Scalar.ONE).normalize()).isEqualTo(Group.G);
    assertThat(Group.mulG(Scalar.ZERO).isIdentity()).isTrue();
  }

  @Property(tries = 100)
  void pointEncodingRoundTrips(@ForAll long seed) {
    Point p = Group.mulG(Hash.tagged("test").part(seed).toScalar()).normalize();
    assertThat(Point.decode(p.toBytes())).isEqualTo(p);
  }

  @Property(tries = 100)
  void anyFlippedCoordinateByteIsRefusedOrAnotherPoint(
      @ForAll @IntRange(min = 1, max = 64) int index, @ForAll @IntRange(min = 1, max = 255) int x) {
    Point p = Group.mulG(Scalar.random(RANDOM)).normalize();
    byte[] b = p.toBytes();
    b[index] ^= (byte) x;
    // A flipped byte almost always leaves the curve; if it lands on it, it is a different point.
    try {
      assertThat(Point.decode(b)).isNotEqualTo(p);
    } catch (CryptoFormatException expected) {
      assertThat(expected).hasMessageContaining("P-256");
    }
  }

  @Test
  void compressedAndShortEncodingsAreRefused() {
    Point p = Group.G;
    byte[] compressed = new byte[33];
    compressed[0] = 0x02;
    assertThatThrownBy(() -> Point.decode(compressed)).isInstanceOf(CryptoFormatException.class);
    assertThatThrownBy(() -> Point.decode(new byte[65])).isInstanceOf(CryptoFormatException.class);
    assertThat(p.toBytes()).hasSize(65);
  }

  @Test
  void scalarsNotReducedAreRefused() {
    byte[] n = new byte[32];
    byte[] raw = Group.ORDER.toByteArray();
    System.arraycopy(raw, raw.length - 32, n, 0, 32);
    assertThatThrownBy(() -> Scalar.decode(n))
        .isInstanceOf(CryptoFormatException.class)
        .hasMessageContaining("reduced");
  }

  @Test
  void hashPartsAreLengthPrefixedSoBoundariesMatter() {
    byte[] a = Hash.tagged("t").part("ab").part("c").digest();
    byte[] b = Hash.tagged("t").part("a").part("bc").digest();
    byte[] c = Hash.tagged("u").part("ab").part("c").digest();
    assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
  }
}
