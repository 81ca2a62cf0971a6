package org.urna.tally;

import java.security.SecureRandom;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * The share {@code s_ij = f_i(j)} that dealer i sends to trustee j, encrypted to j's encryption key
 * {@code P_j} (docs/spec/trustees.md 4.3): ECIES on P-256 with HKDF-SHA256 and AES-256-GCM, bound
 * to the ceremony, the sender and the recipient.
 *
 * <pre>
 * E = e·G, Z = e·P_j
 * bind = H("share-binding", C, u64(i), u64(j), E, P_j)
 * key || nonce = HKDF-SHA256(salt = C, ikm = Z (65 bytes), info = bind), 32 + 12 bytes
 * ciphertext = AES-256-GCM(key, nonce, plaintext = s_ij (32 bytes), aad = bind): 48 bytes
 * </pre>
 */
public record EncryptedShare(int dealer, int recipient, Point ephemeral, byte[] ciphertext) {
  public static final int CIPHERTEXT_BYTES = Scalar.BYTES + 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  public EncryptedShare {
    ciphertext = ciphertext.clone();
    if (ciphertext.length != CIPHERTEXT_BYTES) {
      throw new CryptoFormatException("an encrypted share is " + CIPHERTEXT_BYTES + " bytes");
    }
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  public static EncryptedShare encrypt(
      byte[] ceremony, int dealer, int recipient, Point recipientKey, Scalar share) {
    return encryptWith(ceremony, dealer, recipient, recipientKey, share, Scalar.random(RANDOM));
  }

  /** With a given ephemeral secret e (test vectors). */
  public static EncryptedShare encryptWith(
      byte[] ceremony, int dealer, int recipient, Point recipientKey, Scalar share, Scalar e) {
    Point ephemeral = Group.mulG(e).normalize();
    Point z = recipientKey.multiply(e).normalize();
    byte[] bind = binding(ceremony, dealer, recipient, ephemeral, recipientKey);
    GCMModeCipher gcm = cipher(true, ceremony, z, bind);
    byte[] out = new byte[CIPHERTEXT_BYTES];
    int n = gcm.processBytes(share.toBytes(), 0, Scalar.BYTES, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e1) {
      throw new IllegalStateException(e1);
    }
    return new EncryptedShare(dealer, recipient, ephemeral, out);
  }

  /**
   * Step T5, first half: decrypts with the recipient's secret d_j. Fails when the bytes were
   * changed, or were made for another ceremony, dealer or recipient.
   */
  public Scalar decrypt(byte[] ceremony, Scalar recipientSecret) throws TrusteeException {
    Point recipientKey = Group.mulG(recipientSecret).normalize();
    Point z = ephemeral.multiply(recipientSecret).normalize();
    byte[] bind = binding(ceremony, dealer, recipient, ephemeral, recipientKey);
    GCMModeCipher gcm = cipher(false, ceremony, z, bind);
    byte[] out = new byte[Scalar.BYTES];
    String item = "share from trustee " + dealer + " to trustee " + recipient;
    try {
      int n = gcm.processBytes(ciphertext, 0, ciphertext.length, out, 0);
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new TrusteeException(
          TrusteeStep.T5,
          item,
          "does not decrypt: it was changed, or made for another ceremony, dealer or recipient");
    }
    try {
      return Scalar.decode(out);
    } catch (CryptoFormatException e) {
      throw new TrusteeException(TrusteeStep.T5, item, "decrypts to a value that is not a scalar");
    }
  }

  static byte[] binding(byte[] ceremony, int dealer, int recipient, Point ephemeral, Point pj) {
    return Hash.tagged("share-binding")
        .part(ceremony)
        .part((long) dealer)
        .part((long) recipient)
        .part(ephemeral)
        .part(pj)
        .digest();
  }

  private static GCMModeCipher cipher(boolean encrypt, byte[] ceremony, Point z, byte[] bind) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(z.toBytes(), ceremony, bind));
    byte[] okm = new byte[44];
    hkdf.generateBytes(okm, 0, okm.length);
    byte[] key = java.util.Arrays.copyOfRange(okm, 0, 32);
    byte[] nonce = java.util.Arrays.copyOfRange(okm, 32, 44);
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, bind));
    return gcm;
  }
}
