package org.urna.core.election;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.VerifyingKey;

/**
 * A signed election package (spec sections 6 and 7): the manifest, the election public key K = s·G,
 * the authority's certificate and root, and the authority's Ed25519 signature over all of them. An
 * instance exists only after every check of {@link #load} passed, or when the authority just signed
 * it.
 */
public final class ElectionPackage {
  /** The value of the package's {@code "format"} field. */
  public static final String FORMAT = "urna/election-package/v1";

  /** Domain tag of the package signature input (spec 6.3). */
  public static final String SIGNATURE_TAG = "election-package";

  /** Domain tag of the extended hash that ballot proofs bind to (spec 5.2). */
  public static final String EXTENDED_HASH_TAG = "election-context";

  private final ElectionManifest manifest;
  private final Point electionKey;
  private final byte[] electionHash;
  private final byte[] authorityCertificate;
  private final byte[] authorityRoot;
  private final VerifyingKey authorityKey;
  private final Signature signature;
  private final String station;

  ElectionPackage(
      ElectionManifest manifest,
      Point electionKey,
      byte[] electionHash,
      byte[] authorityCertificate,
      byte[] authorityRoot,
      VerifyingKey authorityKey,
      Signature signature,
      String station) {
    this.manifest = manifest;
    this.electionKey = electionKey;
    this.electionHash = electionHash.clone();
    this.authorityCertificate = authorityCertificate.clone();
    this.authorityRoot = authorityRoot.clone();
    this.authorityKey = authorityKey;
    this.signature = signature;
    this.station = station;
  }

  /**
   * Loads a package file, checking steps P1 to P9 of spec section 7 at the current time. Throws
   * {@link ElectionPackageException} naming the failed step and field; nothing is half-loaded.
   */
  public static ElectionPackage load(byte[] bytes, TrustAnchor trustAnchor)
      throws ElectionPackageException {
    return load(bytes, trustAnchor, Instant.now());
  }

  /** As {@link #load(byte[], TrustAnchor)}, checking the certificates at {@code at}. */
  public static ElectionPackage load(byte[] bytes, TrustAnchor trustAnchor, Instant at)
      throws ElectionPackageException {
    return PackageLoader.load(bytes, trustAnchor, at);
  }

  /** Signs a package as the election authority. */
  public static ElectionPackage sign(
      ElectionManifest manifest, Point electionKey, AuthorityCredentials authority) {
    byte[] hash = ManifestJson.electionHash(manifest);
    byte[] input =
        signatureInput(hash, electionKey.toBytes(), authority.certificate(), authority.root());
    return new ElectionPackage(
        manifest,
        electionKey,
        hash,
        authority.certificate(),
        authority.root(),
        authority.signingKey().publicKey(),
        authority.signingKey().sign(input),
        null);
  }

  /**
   * Signs this election's package for one station (spec 2 and 6.3): the same manifest and key, with
   * a {@code station} member that the signature covers, so a kiosk configured as another station
   * refuses it. The election hash, and so every ballot and the tally, is the same as the
   * election-wide package's.
   *
   * @throws IllegalArgumentException when the manifest lists no station with that id
   */
  public ElectionPackage forStation(String stationId, AuthorityCredentials authority) {
    if (manifest.station(stationId).isEmpty()) {
      throw new IllegalArgumentException("the manifest lists no station '" + stationId + "'");
    }
    byte[] input =
        signatureInput(
            electionHash,
            electionKey.toBytes(),
            authority.certificate(),
            authority.root(),
            stationId);
    return new ElectionPackage(
        manifest,
        electionKey,
        electionHash,
        authority.certificate(),
        authority.root(),
        authority.signingKey().publicKey(),
        authority.signingKey().sign(input),
        stationId);
  }

  /**
   * The 32 bytes the authority signs (spec 6.3): {@code H("election-package", format, election
   * hash, election key, authority certificate, authority root)}.
   */
  static byte[] signatureInput(
      byte[] electionHash, byte[] electionKey, byte[] certificate, byte[] root) {
    return signatureInput(electionHash, electionKey, certificate, root, null);
  }

  /**
   * As above; a package made for one station adds a sixth part, the station's id in UTF-8 (spec
   * 6.3), so the election-wide signature never verifies a station's package or the reverse.
   */
  static byte[] signatureInput(
      byte[] electionHash, byte[] electionKey, byte[] certificate, byte[] root, String station) {
    Hash h =
        Hash.tagged(SIGNATURE_TAG)
            .part(FORMAT)
            .part(electionHash)
            .part(electionKey)
            .part(certificate)
            .part(root);
    if (station != null) {
      h.part(station);
    }
    return h.digest();
  }

  /** The package file: indented UTF-8 JSON (spec 6.1). */
  public byte[] toJson() {
    return StrictJson.pretty(
        tree(
            ManifestWriter.write(manifest),
            electionKey.toBytes(),
            authorityCertificate,
            authorityRoot,
            signature,
            station));
  }

  static ObjectNode tree(
      JsonNode manifest,
      byte[] key,
      byte[] certificate,
      byte[] root,
      Signature signature,
      String station) {
    ObjectNode o = StrictJson.object();
    o.put("format", FORMAT);
    if (station != null) {
      o.put("station", station);
    }
    o.set("manifest", manifest);
    o.put("electionKey", HexFormat.of().formatHex(key));
    o.put("authorityCertificate", Base64.getEncoder().encodeToString(certificate));
    o.put("authorityRoot", Base64.getEncoder().encodeToString(root));
    o.put("signature", signature.toHex());
    return o;
  }

  /**
   * The station this package was made for, or empty for the election-wide package (spec 2). A kiosk
   * refuses a package made for another station.
   */
  public Optional<String> station() {
    return Optional.ofNullable(station);
  }

  public ElectionManifest manifest() {
    return manifest;
  }

  /** The election public key K = s·G that ballots are encrypted to. */
  public Point electionKey() {
    return electionKey;
  }

  /** {@code H("election-manifest", canonical manifest)}, 32 bytes (spec 5.1). */
  public byte[] electionHash() {
    return electionHash.clone();
  }

  /**
   * {@code H("election-context", election hash, election key)}, 32 bytes (spec 5.2): what every
   * ballot proof binds to, so a proof made for one election or key is void in any other.
   */
  public byte[] extendedHash() {
    return Hash.tagged(EXTENDED_HASH_TAG).part(electionHash).part(electionKey).digest();
  }

  /** The authority's package-signing key, from its checked certificate. */
  public VerifyingKey authorityKey() {
    return authorityKey;
  }

  public Signature signature() {
    return signature;
  }

  /** The authority certificate, DER. */
  public byte[] authorityCertificate() {
    return authorityCertificate.clone();
  }

  /** The authority root certificate, DER (its SHA-256 is the kiosk's trust anchor). */
  public byte[] authorityRoot() {
    return authorityRoot.clone();
  }

  @Override
  public String toString() {
    return "ElectionPackage["
        + manifest.electionId()
        + ", election hash "
        + HexFormat.of().formatHex(electionHash)
        + "]";
  }
}
