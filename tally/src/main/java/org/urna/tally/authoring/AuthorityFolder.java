package org.urna.tally.authoring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.AuthorityCertificates;
import org.urna.core.election.AuthorityCredentials;
import org.urna.core.election.TrustAnchor;
import org.urna.core.io.AtomicFiles;
import org.urna.tally.KeyFileException;
import org.urna.tally.TrusteeKeyFile;
import org.urna.tally.TrusteeKeyFile.Argon2;

/**
 * The election authority's folder (docs/spec/election-authoring.md 3): the root certificate that
 * kiosks pin ({@code authority-root.der}, its SHA-256 in {@code trust-anchor.sha256}), the signing
 * certificate ({@code authority-signing.der}), and the two private keys, each sealed with the
 * authority's passphrase (Argon2id, AES-256-GCM, the same construction as a trustee's key file).
 */
public final class AuthorityFolder {
  public static final String ROOT_CERT = "authority-root.der";
  public static final String SIGNING_CERT = "authority-signing.der";
  public static final String ROOT_KEY = "authority-root.key";
  public static final String SIGNING_KEY = "authority-signing.key";
  public static final String TRUST_ANCHOR = "trust-anchor.sha256";
  static final String MAGIC = "urna/authority-key-file/v1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  public AuthorityFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Creates a new authority: a root key valid for {@code rootYears}, a signing key certified by it
   * from {@code from} to {@code until} (it must cover every voting window it will sign). Refuses a
   * folder that already holds an authority: an authority's root is made once.
   */
  public TrustAnchor create(
      String name, Instant from, Instant until, int rootYears, char[] passphrase, Argon2 costs)
      throws IOException {
    if (Files.exists(dir.resolve(ROOT_CERT)) || Files.exists(dir.resolve(ROOT_KEY))) {
      throw new FileAlreadyExistsException(
          dir.resolve(ROOT_CERT).toString(), null, "this folder already holds an authority");
    }
    Files.createDirectories(dir);
    SigningKey root = SigningKey.generate(RANDOM);
    SigningKey signing = SigningKey.generate(RANDOM);
    Instant rootUntil = from.plus(java.time.Duration.ofDays(366L * rootYears));
    if (until.isAfter(rootUntil)) {
      rootUntil = until;
    }
    byte[] rootCert = AuthorityCertificates.issueRoot(root, name + " root", from, rootUntil);
    byte[] signingCert =
        AuthorityCertificates.issueSigning(
            root, rootCert, signing.publicKey(), name + " signing", from, until);
    writeAtomically(dir.resolve(ROOT_KEY), seal(root, passphrase, costs), true);
    writeAtomically(dir.resolve(SIGNING_KEY), seal(signing, passphrase, costs), true);
    writeAtomically(dir.resolve(ROOT_CERT), rootCert, false);
    writeAtomically(dir.resolve(SIGNING_CERT), signingCert, false);
    TrustAnchor anchor = TrustAnchor.ofCertificate(rootCert);
    writeAtomically(
        dir.resolve(TRUST_ANCHOR),
        (anchor.sha256Hex() + "\n").getBytes(StandardCharsets.US_ASCII),
        false);
    return anchor;
  }

  /** The credentials that sign election packages, the signing key unsealed with the passphrase. */
  public AuthorityCredentials credentials(char[] passphrase) throws IOException, KeyFileException {
    byte[] rootCert = readNeeded(ROOT_CERT);
    byte[] signingCert = readNeeded(SIGNING_CERT);
    SigningKey signing = open(readNeeded(SIGNING_KEY), passphrase);
    return new AuthorityCredentials(signing, signingCert, rootCert);
  }

  public TrustAnchor trustAnchor() throws IOException {
    return TrustAnchor.ofCertificate(readNeeded(ROOT_CERT));
  }

  private byte[] readNeeded(String name) throws IOException {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new java.nio.file.NoSuchFileException(
          p.toString(), null, "not an authority folder (run `urna authority init` first)");
    }
    return Files.readAllBytes(p);
  }

  /**
   * A sealed key file: magic line, then base64 of {@code u32 m || u32 t || u32 p || salt || nonce
   * || ct}.
   */
  static byte[] seal(SigningKey key, char[] passphrase, Argon2 costs) {
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    byte[] aesKey = TrusteeKeyFile.derive(passphrase, salt, costs);
    byte[] seed = key.seed();
    try {
      byte[] ct = TrusteeKeyFile.gcm(true, aesKey, nonce, aad(key), seed);
      ByteBuffer b = ByteBuffer.allocate(12 + 32 + 16 + 12 + ct.length);
      b.putInt(costs.memoryKiB()).putInt(costs.iterations()).putInt(costs.parallelism());
      b.put(key.publicKey().toBytes()).put(salt).put(nonce).put(ct);
      return (MAGIC + "\n" + Base64.getEncoder().encodeToString(b.array()) + "\n")
          .getBytes(StandardCharsets.US_ASCII);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(aesKey, (byte) 0);
      Arrays.fill(seed, (byte) 0);
    }
  }

  static SigningKey open(byte[] file, char[] passphrase) throws KeyFileException {
    List<String> lines = new String(file, StandardCharsets.US_ASCII).lines().toList();
    if (file.length > 4096 || lines.size() != 2 || !lines.get(0).equals(MAGIC)) {
      throw new KeyFileException("not an authority key file (" + MAGIC + ")");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(lines.get(1));
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("the authority key file is damaged (not base64)");
    }
    if (raw.length != 12 + 32 + 16 + 12 + 32 + 16) {
      throw new KeyFileException("the authority key file is damaged (wrong length)");
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    Argon2 costs;
    try {
      costs = new Argon2(b.getInt(), b.getInt(), b.getInt());
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("the authority key file is damaged: " + e.getMessage());
    }
    byte[] pub = new byte[32];
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    byte[] ct = new byte[32 + 16];
    b.get(pub).get(salt).get(nonce).get(ct);
    byte[] aesKey = TrusteeKeyFile.derive(passphrase, salt, costs);
    byte[] seed = null;
    try {
      byte[] aad = (MAGIC + HexFormat.of().formatHex(pub)).getBytes(StandardCharsets.US_ASCII);
      seed = TrusteeKeyFile.gcm(false, aesKey, nonce, aad, ct);
      SigningKey key = SigningKey.fromSeed(seed);
      if (!Arrays.equals(key.publicKey().toBytes(), pub)) {
        throw new KeyFileException("the authority key file is damaged (key mismatch)");
      }
      return key;
    } catch (InvalidCipherTextException e) {
      throw new KeyFileException(
          "wrong passphrase, or the authority key file was changed: nothing was signed");
    } finally {
      Arrays.fill(aesKey, (byte) 0);
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
    }
  }

  private static byte[] aad(SigningKey key) {
    return (MAGIC + key.publicKey().toHex()).getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes a file whole or not at all ({@link AtomicFiles#write}); a secret is owner-only. */
  static void writeAtomically(Path target, byte[] bytes, boolean secret) throws IOException {
    AtomicFiles.write(target, bytes, secret);
  }
}
