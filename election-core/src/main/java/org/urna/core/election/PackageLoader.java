package org.urna.core.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Signature;

/** The loading checks P1 to P9 of spec section 7, in order. */
final class PackageLoader {
  private static final Pattern KEY_HEX = Pattern.compile("[0-9a-f]{130}");
  private static final Pattern SIGNATURE_HEX = Pattern.compile("[0-9a-f]{128}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
  private static final Set<String> FIELDS =
      Set.of(
          "format",
          "manifest",
          "electionKey",
          "authorityCertificate",
          "authorityRoot",
          "signature",
          "station");

  private PackageLoader() {}

  static ElectionPackage load(byte[] bytes, TrustAnchor anchor, Instant at)
      throws ElectionPackageException {
    if (anchor == null || at == null) {
      throw new IllegalArgumentException("a trust anchor and a time are required");
    }
    // P1, P2
    JsonNode tree = StrictJson.parse(bytes, "package");
    // P3
    LoadStep p3 = LoadStep.P3_FIELDS;
    JsonFields f = JsonFields.of(tree, "", p3, FIELDS);
    String format = f.text("format");
    if (!ElectionPackage.FORMAT.equals(format)) {
      throw f.error(
          "format",
          "is '"
              + TextRules.shorten(format)
              + "'; this kiosk reads '"
              + ElectionPackage.FORMAT
              + "' only");
    }
    JsonNode manifestTree = f.required("manifest");
    if (!manifestTree.isObject()) {
      throw f.error("manifest", "must be a JSON object { ... }");
    }
    byte[] keyBytes =
        hex(f, "electionKey", KEY_HEX, "65-byte P-256 point: 130 lower-case hex digits");
    byte[] certificate = base64(f, "authorityCertificate");
    byte[] root = base64(f, "authorityRoot");
    Signature signature =
        Signature.decode(
            hex(f, "signature", SIGNATURE_HEX, "Ed25519 signature: 128 lower-case hex digits"));
    String station = null;
    if (f.has("station")) {
      station = f.text("station");
      if (!Ids.ID.matcher(station).matches()) {
        throw f.error("station", "must be a station id ([a-z0-9][a-z0-9._-]{0,63})");
      }
    }
    // P4, P5
    AuthorityChain.Checked authority = AuthorityChain.check(root, certificate, anchor, at);
    // P6
    byte[] canonical = ManifestJson.canonical(manifestTree);
    byte[] electionHash = ManifestJson.hashOfCanonical(canonical);
    byte[] input =
        ElectionPackage.signatureInput(electionHash, keyBytes, certificate, root, station);
    if (!authority.signingKey().verifies(input, signature)) {
      throw new ElectionPackageException(
          LoadStep.P6_SIGNATURE,
          "signature",
          "does not match: the package was changed after the election authority signed it,"
              + " or another key signed it");
    }
    // P7
    Point electionKey;
    try {
      electionKey = Point.decode(keyBytes);
    } catch (CryptoFormatException e) {
      throw new ElectionPackageException(
          LoadStep.P7_ELECTION_KEY, "electionKey", "is not a point of the P-256 curve");
    }
    // P8
    ElectionManifest manifest = ManifestReader.read(manifestTree, "manifest");
    if (!Arrays.equals(ManifestJson.canonical(manifest), canonical)) {
      throw new ElectionPackageException(
          LoadStep.P8_MANIFEST,
          "manifest",
          "does not encode back to the bytes that were signed (a software fault: report it)");
    }
    if (station != null && manifest.station(station).isEmpty()) {
      throw new ElectionPackageException(
          LoadStep.P8_MANIFEST,
          "station",
          "names station '" + station + "', which the manifest does not list");
    }
    // P9
    VotingWindow w = manifest.votingWindow();
    if (w.opens().isBefore(authority.notBefore()) || w.closes().isAfter(authority.notAfter())) {
      throw new ElectionPackageException(
          LoadStep.P9_CERTIFICATE_PERIOD,
          "manifest.votingWindow",
          "runs from "
              + w.opens()
              + " to "
              + w.closes()
              + ", outside the authority certificate's validity ("
              + authority.notBefore()
              + " to "
              + authority.notAfter()
              + ")");
    }
    return new ElectionPackage(
        manifest,
        electionKey,
        electionHash,
        certificate,
        root,
        authority.signingKey(),
        signature,
        station);
  }

  private static byte[] hex(JsonFields f, String name, Pattern pattern, String what)
      throws ElectionPackageException {
    String s = f.text(name);
    if (!pattern.matcher(s).matches()) {
      throw f.error(name, "must be a " + what);
    }
    return HexFormat.of().parseHex(s);
  }

  private static byte[] base64(JsonFields f, String name) throws ElectionPackageException {
    String s = f.text(name);
    byte[] der;
    try {
      der = BASE64.matcher(s).matches() ? Base64.getDecoder().decode(s) : null;
    } catch (IllegalArgumentException e) {
      der = null;
    }
    if (der == null || !Base64.getEncoder().encodeToString(der).equals(s)) {
      throw f.error(name, "must be a certificate in base64 (standard alphabet, with padding)");
    }
    return der;
  }
}
