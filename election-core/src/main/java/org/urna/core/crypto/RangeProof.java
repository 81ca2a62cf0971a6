package org.urna.core.crypto;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A disjunctive Chaum-Pedersen proof that a ciphertext {@code (alpha, beta)} encrypts an integer in
 * {@code 0..L} (spec 4.2). L = 1 proves a selection is 0 or 1; L = the contest limit proves the sum
 * of a contest's selections is at most its limit.
 *
 * <p>Commitment form: {@code a_j, b_j} for every branch j, challenges {@code c_0..c_{L-1}} ({@code
 * c_L = c - sum}), responses {@code v_0..v_L}. Encoding: {@code a_0 b_0 .. a_L b_L c_0 .. c_{L-1}
 * v_0 .. v_L}, {@code 162(L+1) + 32L} bytes. Carrying commitments lets a verifier batch every check
 * into one multi-scalar multiplication (spec 6.2).
 */
public record RangeProof(List<Point> a, List<Point> b, List<Scalar> c, List<Scalar> v)
    implements Encodable {
  public RangeProof {
    int n = a.size();
    if (n < 2 || b.size() != n || c.size() != n - 1 || v.size() != n) {
      throw new IllegalArgumentException("range proof: inconsistent branch counts");
    }
    a = List.copyOf(a);
    b = List.copyOf(b);
    c = List.copyOf(c);
    v = List.copyOf(v);
  }

  public int limit() {
    return a.size() - 1;
  }

  public static int encodedSize(int limit) {
    return 162 * (limit + 1) + 32 * limit;
  }

  /**
   * Proves {@code ct = (r·G, m·G + r·K)} with {@code 0 <= m <= limit}; every commitment is a
   * fixed-base multiplication because the prover knows r (spec 4.2, "Prove").
   */
  public static RangeProof prove(
      ElectionKey key,
      String label,
      ElGamalCiphertext ct,
      int m,
      Scalar r,
      int limit,
      NonceSource nonces) {
    Commitments commitments = commit(key, label, m, r, limit, nonces);
    Point.normalizeAll(commitments.points());
    return commitments.finish(ct);
  }

  /**
   * The first half of "Prove": the nonces and the commitments {@code a_j, b_j}, which do not depend
   * on the challenge. A ballot commits all its proofs first, normalizes every commitment with one
   * field inversion ({@link Point#normalizeAll(java.util.List)}), then finishes each proof.
   */
  public static Commitments commit(
      ElectionKey key, String label, int m, Scalar r, int limit, NonceSource nonces) {
    if (limit < 1 || m < 0 || m > limit) {
      throw new IllegalArgumentException("cannot prove a value outside 0.." + limit);
    }
    Point[] ab = new Point[2 * (limit + 1)];
    Scalar[] cs = new Scalar[limit + 1];
    Scalar[] vs = new Scalar[limit + 1];
    Scalar u = nonces.nonce(label, "u", m);
    for (int j = 0; j <= limit; j++) {
      if (j == m) {
        ab[2 * j] = Group.mulG(u);
        ab[2 * j + 1] = key.mulK(u);
      } else {
        cs[j] = nonces.nonce(label, "c", j);
        vs[j] = nonces.nonce(label, "v", j);
        Scalar t = vs[j].subtract(cs[j].multiply(r));
        ab[2 * j] = Group.mulG(t);
        ab[2 * j + 1] = key.mulK(t).add(Group.mulG(cs[j].multiply(Scalar.of(j - m))));
      }
    }
    return new Commitments(key, label, m, r, limit, u, ab, cs, vs);
  }

  /** A proof whose commitments are made and whose challenge is not yet computed. */
  public static final class Commitments {
    private final ElectionKey key;
    private final String label;
    private final int m;
    private final Scalar r;
    private final int limit;
    private final Scalar u;
    private final Point[] ab;
    private final Scalar[] cs;
    private final Scalar[] vs;

    private Commitments(
        ElectionKey key,
        String label,
        int m,
        Scalar r,
        int limit,
        Scalar u,
        Point[] ab,
        Scalar[] cs,
        Scalar[] vs) {
      this.key = key;
      this.label = label;
      this.m = m;
      this.r = r;
      this.limit = limit;
      this.u = u;
      this.ab = ab;
      this.cs = cs;
      this.vs = vs;
    }

    /** The commitments {@code a_0, b_0, .., a_L, b_L}, to be normalized in place. */
    public Point[] points() {
      return ab;
    }

    /** Hashes the challenge and computes the responses; {@link #points()} must be normalized. */
    public RangeProof finish(ElGamalCiphertext ct) {
      List<Point> as = new ArrayList<>(limit + 1);
      List<Point> bs = new ArrayList<>(limit + 1);
      for (int j = 0; j <= limit; j++) {
        as.add(ab[2 * j]);
        bs.add(ab[2 * j + 1]);
      }
      Scalar c = challenge(key, label, ct, limit, as, bs);
      Scalar[] challenges = cs.clone();
      Scalar[] responses = vs.clone();
      Scalar cm = c;
      for (int j = 0; j <= limit; j++) {
        if (j != m) {
          cm = cm.subtract(challenges[j]);
        }
      }
      challenges[m] = cm;
      responses[m] = u.add(cm.multiply(r));
      return new RangeProof(as, bs, List.of(challenges).subList(0, limit), List.of(responses));
    }
  }

  /** {@code c = H("range-proof", Q, label, L, alpha, beta, a_0, b_0, ..., a_L, b_L)}. */
  static Scalar challenge(
      ElectionKey key,
      String label,
      ElGamalCiphertext ct,
      int limit,
      List<Point> as,
      List<Point> bs) {
    Hash h =
        Hash.tagged("range-proof")
            .part(key.extendedHash())
            .part(label)
            .part(limit)
            .part(ct.alpha())
            .part(ct.beta());
    for (int j = 0; j <= limit; j++) {
      h.part(as.get(j)).part(bs.get(j));
    }
    return h.toScalar();
  }

  /** All challenges including the derived {@code c_L}. */
  private List<Scalar> allChallenges(Scalar c) {
    List<Scalar> all = new ArrayList<>(this.c);
    Scalar last = c;
    for (Scalar cj : this.c) {
      last = last.subtract(cj);
    }
    all.add(last);
    return all;
  }

  /**
   * The 2(L+1) verification equations (spec 4.2, "Verify"): {@code v_j·G = a_j + c_j·alpha} and
   * {@code v_j·K = b_j + c_j·(beta - j·G)} for every j.
   */
  public List<Equation> equations(ElectionKey key, String label, ElGamalCiphertext ct) {
    int limit = limit();
    List<Scalar> cs = allChallenges(challenge(key, label, ct, limit, a, b));
    List<Equation> eqs = new ArrayList<>(2 * (limit + 1));
    Scalar minusOne = Scalar.ONE.negate();
    for (int j = 0; j <= limit; j++) {
      Scalar cj = cs.get(j);
      Scalar vj = v.get(j);
      String item = label + " branch " + j;
      eqs.add(
          new Equation(
              item,
              vj,
              Scalar.ZERO,
              List.of(a.get(j), ct.alpha()),
              List.of(minusOne, cj.negate())));
      eqs.add(
          new Equation(
              item,
              cj.multiply(Scalar.of(j)),
              vj,
              List.of(b.get(j), ct.beta()),
              List.of(minusOne, cj.negate())));
    }
    return eqs;
  }

  /** Checks this proof alone. */
  public boolean verify(ElectionKey key, String label, ElGamalCiphertext ct) {
    LinearCheck check = new LinearCheck();
    check.addAll(equations(key, label, ct));
    return check.holds(key);
  }

  @Override
  public byte[] toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(encodedSize(limit()));
    for (int j = 0; j <= limit(); j++) {
      buf.put(a.get(j).toBytes()).put(b.get(j).toBytes());
    }
    c.forEach(x -> buf.put(x.toBytes()));
    v.forEach(x -> buf.put(x.toBytes()));
    return buf.array();
  }

  /** Decodes a proof for the given limit (the manifest says which). */
  public static RangeProof decode(byte[] bytes, int limit) {
    if (bytes.length != encodedSize(limit)) {
      throw new CryptoFormatException(
          "a range proof for limit " + limit + " is " + encodedSize(limit) + " bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    List<Point> as = new ArrayList<>();
    List<Point> bs = new ArrayList<>();
    for (int j = 0; j <= limit; j++) {
      as.add(Point.decode(take(buf, Point.BYTES)));
      bs.add(Point.decode(take(buf, Point.BYTES)));
    }
    List<Scalar> cs = new ArrayList<>();
    for (int j = 0; j < limit; j++) {
      cs.add(Scalar.decode(take(buf, Scalar.BYTES)));
    }
    List<Scalar> vs = new ArrayList<>();
    for (int j = 0; j <= limit; j++) {
      vs.add(Scalar.decode(take(buf, Scalar.BYTES)));
    }
    return new RangeProof(as, bs, cs, vs);
  }

  private static byte[] take(ByteBuffer buf, int n) {
    byte[] out = new byte[n];
    buf.get(out);
    return out;
  }
}
