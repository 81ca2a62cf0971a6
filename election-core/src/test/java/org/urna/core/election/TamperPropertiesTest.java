package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/** A signed package changed in any way fails to load with the typed error, never another. */
class TamperPropertiesTest {
  private static byte[] original;
  private static byte[] originalHash;

  @BeforeContainer
  static void sign() {
    ElectionPackage p = TestPackages.SAMPLE.electionPackage();
    original = p.toJson();
    originalHash = p.electionHash();
  }

  @Property(tries = 1500)
  void anyFlippedByteFailsToLoadUnlessItOnlyChangedWhitespace(
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] tampered = original.clone();
    int at = position % tampered.length;
    tampered[at] ^= (byte) mask;
    try {
      ElectionPackage p = TestPackages.load(tampered);
      // Only whitespace between tokens is outside the signature.
      assertThat(isJsonWhitespace(original[at])).isTrue();
      assertThat(isJsonWhitespace(tampered[at])).isTrue();
      assertThat(p.electionHash()).isEqualTo(originalHash);
    } catch (ElectionPackageException e) {
      assertThat(e.getMessage()).startsWith(e.step().code() + " ");
    }
  }

  @Property(tries = 300)
  void anyTruncatedPackageFailsToLoad(@ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
    int length = cut % original.length;
    byte[] prefix = java.util.Arrays.copyOf(original, length);
    try {
      TestPackages.load(prefix);
      throw new AssertionError("a truncated package loaded");
    } catch (ElectionPackageException e) {
      assertThat(e.step()).isIn(LoadStep.P1_SIZE, LoadStep.P2_JSON);
    }
  }

  @Property(tries = 500)
  void arbitraryBytesOnlyEverGiveTheTypedError(@ForAll("junk") byte[] junk) {
    try {
      TestPackages.load(junk);
      throw new AssertionError("junk loaded");
    } catch (ElectionPackageException e) {
      assertThat(e.field()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<byte[]> junk() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> jsonish =
        Arbitraries.strings()
            .withChars("{}[]\":,0123456789.-eEtruefalsn \\u")
            .ofMaxLength(300)
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, jsonish);
  }

  private static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
