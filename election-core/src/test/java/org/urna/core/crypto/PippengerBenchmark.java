package org.urna.core.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Harness (not a test): the multi-scalar multiplication of a batch of B referendum ballots as the
 * batch verifiers build it (per ballot 12 proof commitments with scalar {@code -z}, a 128-bit
 * weight negated, and 4 ciphertext points with full 256-bit scalars), for several B, in thread CPU
 * time; and the cost of one Bouncy Castle mixed and full addition, for the floor in
 * docs/benchmarks.md. Run with the test class path: {@code java -cp ...
 * org.urna.core.crypto.PippengerBenchmark [rounds]}.
 */
public final class PippengerBenchmark {
  private PippengerBenchmark() {}

  /** The JDK's Ed25519 (SunEC) on the same key, message and signature, µs a verification. */
  private static double jdkEd25519(
      ThreadMXBean mx, SigningKey sk, byte[] msg, Signature sig, int sigs) {
    try {
      // X.509 SubjectPublicKeyInfo of an Ed25519 key: a fixed 12-byte prefix, then the 32 bytes
      byte[] prefix = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
      byte[] spki = java.util.Arrays.copyOf(prefix, 44);
      System.arraycopy(sk.publicKey().toBytes(), 0, spki, 12, 32);
      java.security.PublicKey pk =
          java.security.KeyFactory.getInstance("Ed25519")
              .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
      java.security.Signature v = java.security.Signature.getInstance("Ed25519");
      boolean ok = true;
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < sigs; i++) {
        v.initVerify(pk);
        v.update(msg);
        ok &= v.verify(sig.toBytes());
      }
      double us = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / sigs;
      return ok ? us : -us;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Random r = new Random(1);
    int maxBallots = 8192;
    ECPoint[] all = new ECPoint[16 * maxBallots];
    BigInteger[] ks = new BigInteger[all.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = Group.mulG(Scalar.of(new BigInteger(256, r))).raw();
      ks[i] =
          i % 16 < 12
              ? Group.ORDER.subtract(new BigInteger(128, r).setBit(128))
              : Scalar.of(new BigInteger(256, r)).value();
    }
    Group.CURVE.normalizeAll(all);
    for (int round = 0; round <= rounds; round++) {
      StringBuilder line = new StringBuilder(round == 0 ? "warm-up" : "round " + round);
      for (int b = 256; b <= maxBallots; b *= 2) {
        ECPoint[] ps = java.util.Arrays.copyOf(all, 16 * b);
        BigInteger[] ss = java.util.Arrays.copyOf(ks, 16 * b);
        long c0 = mx.getCurrentThreadCpuTime();
        int reps = Math.max(1, 8192 / b);
        for (int i = 0; i < reps; i++) {
          Pippenger.sumOfMultiplies(ps, ss);
        }
        double us = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / reps / b;
        line.append(String.format(Locale.ROOT, "  B=%d: %.0f µs/ballot", b, us));
      }
      // one mixed addition (affine operand) and one full one, in a chain
      ECPoint acc = all[0].twice();
      int m = 200_000;
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < m; i++) {
        acc = acc.add(all[1 + (i & 1023)]);
      }
      double mixed = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / m;
      ECPoint[] jac = new ECPoint[1024];
      for (int i = 0; i < jac.length; i++) {
        jac[i] = all[i].add(all[i + 2000]).twice();
      }
      c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < m; i++) {
        acc = acc.add(jac[i & 1023]);
      }
      double full = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / m;
      SigningKey sk = SigningKey.fromSeed(new byte[32]);
      byte[] msg = new byte[32];
      Signature sig = sk.sign(msg);
      int sigs = 3000;
      boolean allOk = true;
      c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < sigs; i++) {
        allOk &= sk.publicKey().verifies(msg, sig);
      }
      double ed = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / sigs;
      double jdkEd = jdkEd25519(mx, sk, msg, sig, sigs);
      byte[][] enc = new byte[4096][];
      for (int i = 0; i < enc.length; i++) {
        enc[i] = all[i].getEncoded(false);
      }
      c0 = mx.getCurrentThreadCpuTime();
      for (int k = 0; k < 10; k++) {
        for (byte[] e : enc) {
          Point.decode(e);
        }
      }
      double dec = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / (10.0 * enc.length);
      line.append(
          String.format(
              Locale.ROOT,
              "  Ed25519 verify %.1f µs%s (JDK's %.1f µs), point decode %.2f µs",
              ed,
              allOk ? "" : "!",
              jdkEd,
              dec));
      line.append(
          String.format(
              Locale.ROOT,
              "  mixed add %.3f µs, full add %.3f µs%s",
              mixed,
              full,
              acc.isInfinity() ? "!" : ""));
      System.out.println(line);
    }
    for (int b = 256; b <= maxBallots; b *= 2) {
      int[] bits = new int[16 * b];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = i % 16 < 12 ? 129 : 256;
      }
      System.out.println("B=" + b + ": window " + Pippenger.windowBits(bits, 256) + " bits");
    }
  }
}
