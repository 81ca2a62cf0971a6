package org.urna.core.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/** An integer modulo the P-256 group order n, encoded as 32 bytes big-endian (spec 2.1). */
public final class Scalar implements Encodable {
  public static final int BYTES = 32;
  public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
  public static final Scalar ONE = new Scalar(BigInteger.ONE);

  private final BigInteger value;

  private Scalar(BigInteger value) {
    this.value = value;
  }

  /** Reduces any integer modulo n. */
  public static Scalar of(BigInteger value) {
    return new Scalar(value.mod(Group.ORDER));
  }

  public static Scalar of(long value) {
    return of(BigInteger.valueOf(value));
  }

  /** A uniformly random scalar in [1, n-1]. */
  public static Scalar random(SecureRandom random) {
    while (true) {
      BigInteger k = new BigInteger(256, random);
      if (k.signum() > 0 && k.compareTo(Group.ORDER) < 0) {
        return new Scalar(k);
      }
    }
  }

  /** Decodes 32 bytes; refuses a value that is not below n (no two encodings of one scalar). */
  public static Scalar decode(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new CryptoFormatException("a scalar is 32 bytes, got " + bytes.length);
    }
    BigInteger v = new BigInteger(1, bytes);
    if (v.compareTo(Group.ORDER) >= 0) {
      throw new CryptoFormatException("scalar not reduced modulo the group order");
    }
    return new Scalar(v);
  }

  public static Scalar fromHex(String hex) {
    return decode(HexFormat.of().parseHex(hex));
  }

  public BigInteger value() {
    return value;
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public Scalar add(Scalar o) {
    BigInteger s = value.add(o.value);
    return new Scalar(s.compareTo(Group.ORDER) >= 0 ? s.subtract(Group.ORDER) : s);
  }

  public Scalar subtract(Scalar o) {
    BigInteger s = value.subtract(o.value);
    return new Scalar(s.signum() < 0 ? s.add(Group.ORDER) : s);
  }

  public Scalar multiply(Scalar o) {
    return new Scalar(value.multiply(o.value).mod(Group.ORDER));
  }

  public Scalar negate() {
    return value.signum() == 0 ? this : new Scalar(Group.ORDER.subtract(value));
  }

  @Override
  public byte[] toBytes() {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[BYTES];
    int len = Math.min(raw.length, BYTES);
    System.arraycopy(raw, raw.length - len, out, BYTES - len, len);
    return out;
  }

  public String toHex() {
    return HexFormat.of().formatHex(toBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Scalar[" + toHex() + "]";
  }
}
