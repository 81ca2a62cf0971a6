package org.urna.tally;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.Scalar;

/**
 * A trustee's secrets on disk, encrypted under a passphrase (docs/spec/trustees.md 4.4): Argon2id
 * (RFC 9106, version 0x13) derives a 256-bit key from the passphrase and a random salt; AES-256-GCM
 * encrypts the secrets with the header as associated data; a SHA-256 of the whole file ends it, so
 * a damaged file is told apart from a wrong passphrase.
 *
 * <pre>
 * str("urna/trustee-key-file/v1")
 * u32(memory KiB) || u32(iterations) || u32(parallelism) || salt (16) || nonce (12)
 * u32(len(ct)) || ct                      AES-256-GCM, aad = every byte before u32(len(ct))
 * SHA-256(every byte before)              32 bytes
 * </pre>
 */
public final class TrusteeKeyFile {
  public static final String MAGIC = "urna/trustee-key-file/v1";

  /** Argon2id parameters: memory in KiB, iterations (passes), lanes. */
  public record Argon2(int memoryKiB, int iterations, int parallelism) {
    /** Defaults: 64 MiB, 3 passes, 1 lane (RFC 9106's second recommendation is 64 MiB, 3). */
    public static final Argon2 DEFAULT = new Argon2(65_536, 3, 1);

    /** The cheapest a file may ask for (tests use it). */
    public static final Argon2 MINIMUM = new Argon2(8_192, 1, 1);

    public Argon2 {
      if (memoryKiB < 8_192 || memoryKiB > 1_048_576) {
        throw new IllegalArgumentException("Argon2 memory must be 8 MiB .. 1 GiB");
      }
      if (iterations < 1 || iterations > 16) {
        throw new IllegalArgumentException("Argon2 iterations must be 1..16");
      }
      if (parallelism < 1 || parallelism > 8) {
        throw new IllegalArgumentException("Argon2 parallelism must be 1..8");
      }
    }
  }

  /** The largest key file accepted (a k = 64 polynomial is about 2 KiB). */
  public static final int MAX_BYTES = 64 * 1024;

  private static final SecureRandom RANDOM = new SecureRandom();

  private TrusteeKeyFile() {}

  public static byte[] seal(Trustee trustee, char[] passphrase, Argon2 argon2) {
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    return seal(trustee, passphrase, argon2, salt, nonce);
  }

  /** With a given salt and nonce (test vectors; a nonce is never reused under one key). */
  static byte[] seal(Trustee trustee, char[] passphrase, Argon2 argon2, byte[] salt, byte[] nonce) {
    byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer header = ByteBuffer.allocate(2 + magic.length + 12 + 16 + 12);
    header.putShort((short) magic.length).put(magic);
    header.putInt(argon2.memoryKiB()).putInt(argon2.iterations()).putInt(argon2.parallelism());
    header.put(salt).put(nonce);
    byte[] aad = header.array();
    byte[] key = derive(passphrase, salt, argon2);
    byte[] plain = payload(trustee);
    byte[] ct;
    try {
      ct = gcm(true, key, nonce, aad, plain);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(plain, (byte) 0);
    }
    ByteBuffer out = ByteBuffer.allocate(aad.length + 4 + ct.length + 32);
    out.put(aad).putInt(ct.length).put(ct);
    out.put(sha256(Arrays.copyOf(out.array(), out.position())));
    return out.array();
  }

  /**
   * Opens a key file for the ceremony {@code params}. Errors, in the order checked: not a key file;
   * damaged (checksum); parameters out of range; wrong passphrase (or changed by someone who also
   * fixed the checksum); for another ceremony.
   */
  public static Trustee open(byte[] file, char[] passphrase, CeremonyParameters params)
      throws KeyFileException {
    if (file.length > MAX_BYTES) {
      throw new KeyFileException("is " + file.length + " bytes: not a trustee key file");
    }
    byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
    int headerLen = 2 + magic.length + 12 + 16 + 12;
    if (file.length < headerLen + 4 + 16 + 32
        || !Arrays.equals(Arrays.copyOfRange(file, 2, 2 + magic.length), magic)) {
      throw new KeyFileException("is not a trustee key file (" + MAGIC + ")");
    }
    byte[] body = Arrays.copyOf(file, file.length - 32);
    if (!MessageDigest.isEqual(
        sha256(body), Arrays.copyOfRange(file, file.length - 32, file.length))) {
      throw new KeyFileException(
          "is damaged: its checksum does not match (restore it from a copy)");
    }
    ByteBuffer in = ByteBuffer.wrap(body);
    in.position(2 + magic.length);
    Argon2 argon2;
    try {
      argon2 = new Argon2(in.getInt(), in.getInt(), in.getInt());
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("asks for Argon2 parameters out of range: " + e.getMessage());
    }
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    in.get(salt).get(nonce);
    byte[] aad = Arrays.copyOf(body, headerLen);
    int len = in.getInt();
    if (len != in.remaining()) {
      throw new KeyFileException("is damaged: its length field does not match");
    }
    byte[] ct = new byte[len];
    in.get(ct);
    byte[] key = derive(passphrase, salt, argon2);
    byte[] plain;
    try {
      plain = gcm(false, key, nonce, aad, ct);
    } catch (InvalidCipherTextException e) {
      throw new KeyFileException(
          "cannot be opened: the passphrase is wrong (or the file was changed and its checksum"
              + " recomputed)");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    try {
      return fromPayload(plain, params);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** The Argon2 parameters a key file was sealed with (to seal it again the same way). */
  public static Argon2 parameters(byte[] file) throws KeyFileException {
    int at = 2 + MAGIC.length();
    if (file.length < at + 12) {
      throw new KeyFileException("is not a trustee key file (" + MAGIC + ")");
    }
    ByteBuffer b = ByteBuffer.wrap(file, at, 12);
    try {
      return new Argon2(b.getInt(), b.getInt(), b.getInt());
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("asks for Argon2 parameters out of range: " + e.getMessage());
    }
  }

  private static byte[] payload(Trustee t) {
    Scalar[] a = t.polynomial().coefficients();
    boolean has = t.finalShare().isPresent();
    ByteBuffer b = ByteBuffer.allocate(1 + 32 + 2 + 32 + 2 + 32 * a.length + 1 + (has ? 32 : 0));
    b.put((byte) 1).put(t.params().ceremonyHash()).putShort((short) t.index());
    b.put(t.encryptionSecret().toBytes()).putShort((short) a.length);
    for (Scalar s : a) {
      b.put(s.toBytes());
    }
    b.put((byte) (has ? 1 : 0));
    if (has) {
      b.put(t.finalShare().get().toBytes());
    }
    return b.array();
  }

  private static Trustee fromPayload(byte[] plain, CeremonyParameters params)
      throws KeyFileException {
    try {
      ByteBuffer b = ByteBuffer.wrap(plain);
      if (b.get() != 1) {
        throw new KeyFileException("holds secrets of an unknown version");
      }
      byte[] c = new byte[32];
      b.get(c);
      if (!Arrays.equals(c, params.ceremonyHash())) {
        throw new KeyFileException(
            "belongs to another key ceremony (its ceremony hash is not "
                + params.ceremonyHashHex()
                + ")");
      }
      int index = Short.toUnsignedInt(b.getShort());
      Scalar d = scalar(b);
      int k = Short.toUnsignedInt(b.getShort());
      if (k != params.threshold() || index < 1 || index > params.size()) {
        throw new KeyFileException("does not fit the ceremony's threshold or trustees");
      }
      Scalar[] a = new Scalar[k];
      for (int j = 0; j < k; j++) {
        a[j] = scalar(b);
      }
      int has = b.get();
      Scalar share = has == 1 ? scalar(b) : null;
      if ((has != 0 && has != 1) || b.hasRemaining()) {
        throw new KeyFileException("holds malformed secrets");
      }
      return new Trustee(params, index, d, new Polynomial(a), share);
    } catch (BufferUnderflowException | CryptoFormatException e) {
      throw new KeyFileException("holds malformed secrets");
    }
  }

  private static Scalar scalar(ByteBuffer b) {
    byte[] s = new byte[32];
    b.get(s);
    return Scalar.decode(s);
  }

  /** The AES-256 key for a passphrase: Argon2id with the given salt and costs. */
  public static byte[] derive(char[] passphrase, byte[] salt, Argon2 p) {
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .build());
    byte[] key = new byte[32];
    gen.generateBytes(passphrase, key);
    return key;
  }

  /** AES-256-GCM with a 128-bit tag; decryption fails on any changed byte or other aad. */
  public static byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in)
      throws InvalidCipherTextException {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
    byte[] out = new byte[gcm.getOutputSize(in.length)];
    int n = gcm.processBytes(in, 0, in.length, out, 0);
    n += gcm.doFinal(out, n);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
