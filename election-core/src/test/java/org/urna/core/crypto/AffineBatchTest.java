package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The batched affine additions and the bucket method built on them, against Bouncy Castle's own
 * point arithmetic: every exceptional case of the group law (a point added to itself, to its
 * negation, to the identity; buckets that cancel and fill again), scalars 0, 1, n−1, around n/2 and
 * negative.
 */
class AffineBatchTest {
  private static final BigInteger N = Group.ORDER;

  /** A few base points, so that draws repeat points and their negations often. */
  private static ECPoint[] pool(long seed, int size) {
    Random r = new Random(seed);
    ECPoint[] ps = new ECPoint[size];
    for (int i = 0; i < size; i++) {
      ps[i] = Group.mulG(Scalar.of(new BigInteger(256, r))).raw().normalize();
    }
    return ps;
  }

  /** Index 0 the identity; otherwise a pool point or its negation, or a small multiple of G. */
  private static ECPoint pick(ECPoint[] pool, int code) {
    int which = Math.floorMod(code, 2 * pool.length + 4);
    if (which == 0) {
      return Group.infinity();
    }
    if (which <= 3) {
      return Group.mulG(Scalar.of(which)).raw().normalize(); // G, 2G, 3G: sums hit each other
    }
    which -= 4;
    ECPoint p = pool[which % pool.length];
    return (which >= pool.length ? p.negate() : p).normalize();
  }

  @Property(tries = 300)
  void everyPairIsBouncyCastlesSum(
      @ForAll @IntRange(min = 1, max = 40) int pairs,
      @ForAll @IntRange(min = 1, max = 4) int poolSize,
      @ForAll long seed) {
    ECPoint[] pool = pool(seed, poolSize);
    Random r = new Random(seed);
    int slots = 2 * pairs;
    int[] x = new int[8 * slots];
    int[] y = new int[8 * slots];
    boolean[] inf = new boolean[slots];
    ECPoint[] before = new ECPoint[slots];
    for (int i = 0; i < slots; i++) {
      before[i] = pick(pool, r.nextInt(1000));
      put(before[i], x, y, inf, i);
    }
    int[] a = new int[pairs];
    int[] b = new int[pairs];
    for (int j = 0; j < pairs; j++) {
      a[j] = 2 * j;
      b[j] = 2 * j + 1;
    }
    new AffineBatch().addPairs(x, y, inf, a, b, pairs);
    for (int j = 0; j < pairs; j++) {
      ECPoint expected = before[a[j]].add(before[b[j]]).normalize();
      assertThat(AffineBatch.get(x, y, inf, a[j])).isEqualTo(expected);
      assertThat(AffineBatch.get(x, y, inf, b[j])).isEqualTo(before[b[j]]);
    }
  }

  @Test
  void eachExceptionalCaseInOneBatch() {
    ECPoint p = pool(7, 1)[0];
    ECPoint q = Group.mulG(Scalar.of(5)).raw().normalize();
    ECPoint o = Group.infinity();
    ECPoint[][] cases = {
      {p, q}, // general
      {p, p}, // doubling
      {p, p.negate()}, // the identity
      {o, p}, // identity + point
      {p, o}, // point + identity
      {o, o}, // identity + identity
      {q.negate(), q.negate()}, // doubling a negated point
    };
    int[] x = new int[16 * cases.length];
    int[] y = new int[16 * cases.length];
    boolean[] inf = new boolean[2 * cases.length];
    int[] a = new int[cases.length];
    int[] b = new int[cases.length];
    for (int j = 0; j < cases.length; j++) {
      put(cases[j][0], x, y, inf, 2 * j);
      put(cases[j][1], x, y, inf, 2 * j + 1);
      a[j] = 2 * j;
      b[j] = 2 * j + 1;
    }
    new AffineBatch().addPairs(x, y, inf, a, b, cases.length);
    for (int j = 0; j < cases.length; j++) {
      assertThat(AffineBatch.get(x, y, inf, 2 * j))
          .as("case %d", j)
          .isEqualTo(cases[j][0].add(cases[j][1]).normalize());
    }
    assertThat(inf[4]).isTrue();
    assertThat(inf[10]).isTrue();
  }

  @Provide
  Arbitrary<Integer> scalarKinds() {
    return Arbitraries.integers().between(0, 9);
  }

  private static BigInteger scalar(int kind, Random r) {
    return switch (kind) {
      case 0 -> BigInteger.ZERO;
      case 1 -> BigInteger.ONE;
      case 2 -> N.subtract(BigInteger.ONE);
      case 3 -> N.shiftRight(1);
      case 4 -> N.shiftRight(1).add(BigInteger.ONE);
      case 5 -> N.subtract(new BigInteger(128, r).setBit(128)); // a weight times -1
      case 6 -> new BigInteger(129, r);
      case 7 -> new BigInteger(256, r).negate(); // reduced modulo n first
      case 8 -> BigInteger.valueOf(1 + r.nextInt(4)); // small: the same low buckets
      default -> new BigInteger(256, r);
    };
  }

  /**
   * The bucket method against Bouncy Castle's interleaved wNAF, on inputs built to collide: few
   * distinct points (each also negated), scalars from a few kinds, so buckets receive a point
   * twice, a point and its negation, and sums that cancel.
   */
  @Property(tries = 60)
  void bucketMethodIsBouncyCastlesSumOnCollidingInputs(
      @ForAll @IntRange(min = 256, max = 900) int n,
      @ForAll @IntRange(min = 1, max = 6) int poolSize,
      @ForAll List<@IntRange(min = 0, max = 9) Integer> kinds,
      @ForAll long seed) {
    ECPoint[] pool = pool(seed, poolSize);
    Random r = new Random(seed);
    ECPoint[] ps = new ECPoint[n];
    BigInteger[] ks = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      ps[i] = pick(pool, r.nextInt(1000));
      int kind = kinds.isEmpty() ? r.nextInt(10) : kinds.get(i % kinds.size());
      ks[i] = scalar(kind, r);
    }
    assertThat(Pippenger.sumOfMultiplies(ps, ks).normalize()).isEqualTo(naive(ps, ks));
  }

  @Test
  void bucketsThatCancelAndFillAgain() {
    ECPoint[] pool = pool(3, 2);
    List<ECPoint> ps = new ArrayList<>();
    List<BigInteger> ks = new ArrayList<>();
    BigInteger k = BigInteger.valueOf(5);
    // P, -P, P, P, -P, ...: the tree meets P + (-P), identity + P, P + P within one bucket
    for (int i = 0; i < 300; i++) {
      ps.add(i % 3 == 1 ? pool[0].negate() : pool[0]);
      ks.add(k);
    }
    // then the same count of a second point in the same bucket, cancelling exactly
    for (int i = 0; i < 100; i++) {
      ps.add(pool[1]);
      ks.add(k);
      ps.add(pool[1].negate());
      ks.add(k);
    }
    ECPoint[] pa = ps.toArray(new ECPoint[0]);
    BigInteger[] ka = ks.toArray(new BigInteger[0]);
    assertThat(Pippenger.sumOfMultiplies(pa, ka).normalize()).isEqualTo(naive(pa, ka));
    // all of it cancels: 100·5·P net from the first part, removed by 100 more -P
    List<ECPoint> cancel = new ArrayList<>(ps);
    List<BigInteger> ck = new ArrayList<>(ks);
    for (int i = 0; i < 100; i++) {
      cancel.add(pool[0].negate());
      ck.add(k);
    }
    ECPoint sum =
        Pippenger.sumOfMultiplies(cancel.toArray(new ECPoint[0]), ck.toArray(new BigInteger[0]));
    assertThat(sum.isInfinity()).isTrue();
  }

  @Test
  void identityPointsAmongTheInputsCountAsZero() {
    ECPoint[] pool = pool(11, 3);
    Random r = new Random(11);
    ECPoint[] ps = new ECPoint[400];
    BigInteger[] ks = new BigInteger[400];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = i % 7 == 0 ? Group.infinity() : pool[i % 3];
      ks[i] = new BigInteger(256, r);
    }
    assertThat(Pippenger.sumOfMultiplies(ps, ks).normalize()).isEqualTo(naive(ps, ks));
  }

  @Test
  void aChangedScalarChangesTheSum() {
    ECPoint[] pool = pool(13, 5);
    Random r = new Random(13);
    ECPoint[] ps = new ECPoint[1000];
    BigInteger[] ks = new BigInteger[1000];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = pool[i % 5];
      ks[i] = new BigInteger(129, r);
    }
    ECPoint before = Pippenger.sumOfMultiplies(ps, ks).normalize();
    for (int i : new int[] {0, 499, 999}) {
      BigInteger[] changed = Arrays.copyOf(ks, ks.length);
      changed[i] = changed[i].add(BigInteger.ONE);
      ECPoint after = Pippenger.sumOfMultiplies(ps, changed).normalize();
      assertThat(after).isNotEqualTo(before);
      assertThat(after).isEqualTo(before.add(ps[i]).normalize());
    }
  }

  /** Σ k_i·P_i term by term with Bouncy Castle's own multiplication and addition. */
  private static ECPoint naive(ECPoint[] ps, BigInteger[] ks) {
    ECPoint sum = Group.infinity();
    for (int i = 0; i < ps.length; i++) {
      sum = sum.add(ps[i].multiply(ks[i].mod(N)));
    }
    return sum.normalize();
  }

  private static void put(ECPoint p, int[] x, int[] y, boolean[] inf, int i) {
    inf[i] = p.isInfinity();
    if (!inf[i]) {
      AffineBatch.put(p.normalize(), x, y, i);
    }
  }
}
