package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * The batch check of Ed25519 signatures against Bouncy Castle's own Ed25519: its point arithmetic
 * against public keys Bouncy Castle derives, its bucket sums against double-and-add, its decoding
 * against Bouncy Castle's on random bytes (but for the identity, a valid R), and every signature
 * that Bouncy Castle refuses (a flipped bit anywhere, another key, another message, S + ℓ, a
 * non-canonical or off-curve R) refused in a batch of good ones.
 */
class SignatureBatchTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static BigInteger clampedScalar(byte[] seed) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
    byte[] s = Arrays.copyOf(h, 32);
    s[0] &= (byte) 0xf8;
    s[31] &= 0x7f;
    s[31] |= 0x40;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = s[31 - i];
    }
    return new BigInteger(1, be);
  }

  @Property(tries = 40)
  void multiplyingTheBasePointGivesBouncyCastlesPublicKeys(@ForAll long seed) throws Exception {
    byte[] sk = new byte[32];
    new Random(seed).nextBytes(sk);
    byte[] pk = new byte[32];
    Ed25519.generatePublicKey(sk, 0, pk, 0);
    SignatureBatch.Ext p = new SignatureBatch.Ext();
    SignatureBatch.multiply(SignatureBatch.base(), clampedScalar(sk), p);
    assertThat(SignatureBatch.encode(p)).isEqualTo(pk);
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    assertThat(SignatureBatch.decode(pk, 0, x, y)).isTrue();
    assertThat(SignatureBatch.encode(SignatureBatch.Ext.of(x, y))).isEqualTo(pk);
  }

  @Property(tries = 2000)
  void decodesExactlyWhatBouncyCastleDecodes(@ForAll long seed) {
    byte[] enc = new byte[32];
    Random r = new Random(seed);
    r.nextBytes(enc);
    if (r.nextInt(8) == 0) { // near p and around the canonical bound
      Arrays.fill(enc, 1, 31, (byte) 0xff);
      enc[31] = (byte) (0x7f | (r.nextBoolean() ? 0x80 : 0));
      enc[0] = (byte) (0xe0 + r.nextInt(32));
    }
    if (r.nextInt(8) == 0) { // a small-order point, or one with its sign bit flipped
      enc = HexFormat.of().parseHex(SMALL_ORDER.get(r.nextInt(SMALL_ORDER.size())));
      enc[31] ^= (byte) (r.nextBoolean() ? 0x80 : 0);
    }
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    boolean smallOrder = SMALL_ORDER.contains(HexFormat.of().formatHex(enc));
    // Bouncy Castle's key check also refuses the eight points of small order, which spec 2.3
    // allows as R
    assertThat(SignatureBatch.decode(enc, 0, x, y))
        .isEqualTo(smallOrder || Ed25519.validatePublicKeyPartial(enc, 0));
  }

  /** The canonical encodings of the eight points of order 1, 2, 4 and 8. */
  private static final List<String> SMALL_ORDER =
      List.of(
          "0100000000000000000000000000000000000000000000000000000000000000",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "0000000000000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000080",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85");

  @Test
  void theSmallOrderPointsDecodeAndVanishTimesEight() {
    for (String hex : SMALL_ORDER) {
      int[] x = X25519Field.create();
      int[] y = X25519Field.create();
      assertThat(SignatureBatch.decode(HexFormat.of().parseHex(hex), 0, x, y)).as(hex).isTrue();
      SignatureBatch.Ext eight = new SignatureBatch.Ext();
      SignatureBatch.multiply(SignatureBatch.Ext.of(x, y), BigInteger.valueOf(8), eight);
      assertThat(eight.isIdentity()).as(hex).isTrue();
      assertThat(SignatureBatch.encode(SignatureBatch.Ext.of(x, y)))
          .isEqualTo(HexFormat.of().parseHex(hex));
    }
  }

  @Test
  void refusesNonCanonicalEncodingsAndTheNegativeZero() {
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    byte[] one = new byte[32];
    one[0] = 1; // (0, 1), the identity: decodes
    assertThat(SignatureBatch.decode(one, 0, x, y)).isTrue();
    byte[] negativeZero = one.clone();
    negativeZero[31] = (byte) 0x80; // x = 0 with the sign bit set
    assertThat(SignatureBatch.decode(negativeZero, 0, x, y)).isFalse();
    byte[] pPlusOne = new byte[32]; // p + 1 = 2^255 − 18, a second encoding of y = 1
    Arrays.fill(pPlusOne, (byte) 0xff);
    pPlusOne[0] = (byte) 0xee;
    pPlusOne[31] = 0x7f;
    assertThat(SignatureBatch.decode(pPlusOne, 0, x, y)).isFalse();
  }

  @Property(tries = 60)
  void bucketSumsEqualDoubleAndAdd(@ForAll @IntRange(min = 1, max = 90) int n, @ForAll long seed) {
    Random r = new Random(seed);
    int distinct = 1 + r.nextInt(4); // points repeat, so buckets cancel and refill
    SignatureBatch.Ext[] pool = new SignatureBatch.Ext[distinct];
    for (int i = 0; i < distinct; i++) {
      pool[i] = new SignatureBatch.Ext();
      SignatureBatch.multiply(SignatureBatch.base(), new BigInteger(250, r), pool[i]);
    }
    int[][] ypx = new int[n][];
    int[][] ymx = new int[n][];
    int[][] xy2d = new int[n][];
    byte[][] z = new byte[n][];
    SignatureBatch.Ext expected = new SignatureBatch.Ext();
    SignatureBatch.Ext term = new SignatureBatch.Ext();
    for (int i = 0; i < n; i++) {
      byte[] enc = SignatureBatch.encode(pool[r.nextInt(distinct)]);
      int[] x = X25519Field.create();
      int[] y = X25519Field.create();
      assertThat(SignatureBatch.decode(enc, 0, x, y)).isTrue();
      SignatureBatch.Ext p = SignatureBatch.Ext.of(x, y);
      BigInteger k =
          switch (r.nextInt(5)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
            default -> new BigInteger(128, r);
          };
      byte[] be = new byte[32];
      byte[] kb = k.toByteArray();
      int len = Math.min(kb.length, 17);
      System.arraycopy(kb, kb.length - len, be, 32 - len, len);
      z[i] = be;
      ypx[i] = X25519Field.create();
      ymx[i] = X25519Field.create();
      xy2d[i] = X25519Field.create();
      X25519Field.apm(y, x, ypx[i], ymx[i]);
      X25519Field.carry(ypx[i]);
      X25519Field.carry(ymx[i]);
      X25519Field.mul(p.t, SignatureBatch.D2, xy2d[i]);
      SignatureBatch.multiply(p, k, term);
      SignatureBatch.add(expected, term, expected);
    }
    SignatureBatch.Ext sum = SignatureBatch.bucketSum(ypx, ymx, xy2d, z);
    SignatureBatch.Ext difference = new SignatureBatch.Ext();
    SignatureBatch.Ext minusExpected = new SignatureBatch.Ext();
    SignatureBatch.multiply(expected, SignatureBatch.L.subtract(BigInteger.ONE), minusExpected);
    SignatureBatch.add(sum, minusExpected, difference);
    assertThat(difference.isIdentity()).isTrue();
    if (!expected.isIdentity()) {
      assertThat(SignatureBatch.encode(sum)).isEqualTo(SignatureBatch.encode(expected));
    }
  }

  @Test
  void theIdentityAndItsTestsAgree() {
    SignatureBatch.Ext b = SignatureBatch.base();
    SignatureBatch.Ext lb = new SignatureBatch.Ext();
    SignatureBatch.multiply(b, SignatureBatch.L, lb);
    assertThat(lb.isIdentity()).isTrue();
    SignatureBatch.Ext almost = new SignatureBatch.Ext();
    SignatureBatch.multiply(b, SignatureBatch.L.subtract(BigInteger.ONE), almost);
    assertThat(almost.isIdentity()).isFalse();
    SignatureBatch.add(almost, b, almost);
    assertThat(almost.isIdentity()).isTrue();
  }

  /** n signatures by up to three keys, each on its own random message. */
  private record Signed(List<VerifyingKey> keys, List<byte[]> messages, List<byte[]> sigs) {
    static Signed make(int n, Random r) {
      SigningKey[] signers = new SigningKey[1 + r.nextInt(3)];
      for (int i = 0; i < signers.length; i++) {
        signers[i] = SigningKey.generate(RANDOM);
      }
      List<VerifyingKey> keys = new ArrayList<>();
      List<byte[]> messages = new ArrayList<>();
      List<byte[]> sigs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SigningKey k = signers[r.nextInt(signers.length)];
        byte[] m = new byte[r.nextInt(100)];
        r.nextBytes(m);
        keys.add(k.publicKey());
        messages.add(m);
        sigs.add(k.sign(m).toBytes());
      }
      return new Signed(keys, messages, sigs);
    }

    SignatureBatch batch() {
      SignatureBatch b = new SignatureBatch();
      for (int i = 0; i < sigs.size(); i++) {
        b.add(keys.get(i), messages.get(i), Signature.decode(sigs.get(i)));
      }
      return b;
    }
  }

  @Test
  void anEmptyBatchHolds() {
    assertThat(new SignatureBatch().verifies()).isTrue();
  }

  @Property(tries = 40)
  void goodSignaturesVerify(@ForAll @IntRange(min = 1, max = 60) int n, @ForAll long seed) {
    Signed s = Signed.make(n, new Random(seed));
    assertThat(s.batch().verifies()).isTrue();
  }

  @Property(tries = 150)
  void anyBadSignatureAmongGoodOnesFailsTheBatch(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random r = new Random(seed);
    Signed s = Signed.make(n, r);
    int bad = r.nextInt(n);
    byte[] sig = s.sigs().get(bad);
    switch (r.nextInt(4)) {
      case 0 -> sig[r.nextInt(64)] ^= (byte) (1 << r.nextInt(8)); // a bit of R or S
      case 1 -> { // another message
        byte[] m = s.messages().get(bad);
        s.messages().set(bad, m.length == 0 ? new byte[] {0} : flipOne(m, r));
      }
      case 2 -> s.keys().set(bad, SigningKey.generate(RANDOM).publicKey()); // another key
      default -> { // S + ℓ: the same equation modulo ℓ, refused as not reduced
        BigInteger sv = littleEndian(Arrays.copyOfRange(sig, 32, 64)).add(SignatureBatch.L);
        System.arraycopy(toLittleEndian(sv), 0, sig, 32, 32);
      }
    }
    boolean alone = s.keys().get(bad).verifies(s.messages().get(bad), Signature.decode(sig));
    assertThat(alone).as("Bouncy Castle refuses the changed signature").isFalse();
    assertThat(s.batch().verifies()).isFalse();
  }

  @Test
  void failingNamesExactlyTheBadSignaturesInTheOrderAdded() {
    Random r = new Random(21);
    Signed s = Signed.make(30, r);
    assertThat(s.batch().failing()).isEmpty();
    s.sigs().get(4)[40] ^= 0x01; // S
    s.sigs().get(17)[3] ^= 0x10; // R
    assertThat(s.batch().failing()).containsExactly(4, 17);
  }

  @Test
  void aNonCanonicalOrOffCurveRFailsTheBatch() {
    Random r = new Random(7);
    Signed s = Signed.make(5, r);
    byte[] sig = s.sigs().get(2);
    // R = p + 1, a second encoding of y = 1
    Arrays.fill(sig, 0, 32, (byte) 0xff);
    sig[0] = (byte) 0xee;
    sig[31] = 0x7f;
    assertThat(s.batch().verifies()).isFalse();
    // an R with no x on the curve
    byte[] y = new byte[32];
    int[] fx = X25519Field.create();
    int[] fy = X25519Field.create();
    do {
      r.nextBytes(y);
      y[31] &= 0x3f;
    } while (SignatureBatch.decode(y, 0, fx, fy));
    System.arraycopy(y, 0, sig, 0, 32);
    assertThat(s.batch().verifies()).isFalse();
  }

  /**
   * S_0 + 1 and S_1 − 1: each signature is wrong, but the plain sum of the two equations still
   * holds ((+1 − 1)·B = O). Only independent weights catch it ((z_0 − z_1)·B ≠ O).
   */
  @Test
  void twoErrorsThatCancelInAPlainSumAreCaught() {
    Signed s = Signed.make(6, new Random(11));
    addToS(s.sigs().get(0), BigInteger.ONE);
    addToS(s.sigs().get(1), BigInteger.ONE.negate());
    assertThat(s.keys().get(0).verifies(s.messages().get(0), Signature.decode(s.sigs().get(0))))
        .isFalse();
    assertThat(s.batch().verifies()).isFalse();
  }

  private static void addToS(byte[] sig, BigInteger d) {
    BigInteger sv = littleEndian(Arrays.copyOfRange(sig, 32, 64)).add(d).mod(SignatureBatch.L);
    System.arraycopy(toLittleEndian(sv), 0, sig, 32, 32);
  }

  private static byte[] flipOne(byte[] m, Random r) {
    byte[] c = m.clone();
    c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
    return c;
  }

  private static BigInteger littleEndian(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] toLittleEndian(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < Math.min(32, be.length); i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }
}
