package org.urna.core.election;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.urna.core.crypto.SigningKey;

/** Builds packages for tests, including ones whose content is wrong but properly signed. */
final class TestPackages {
  /** Inside the sample's certificates and before its voting window. */
  static final Instant NOW = Instant.parse("2027-06-01T12:00:00Z");

  static final SampleElection SAMPLE = SampleElection.create();

  private TestPackages() {}

  /** The sample manifest as a mutable JSON tree. */
  static ObjectNode manifestTree() {
    return ManifestWriter.write(SAMPLE.manifest());
  }

  /** A package holding {@code manifest} as given, signed by the sample authority. */
  static byte[] signed(JsonNode manifest) {
    return signed(manifest, SAMPLE.electionKey().toBytes(), SAMPLE.authority());
  }

  static byte[] signed(JsonNode manifest, byte[] electionKey, AuthorityCredentials authority) {
    return signedBy(manifest, electionKey, authority, authority.signingKey());
  }

  /** Signed by {@code signer}, whatever key the certificate names. */
  static byte[] signedBy(
      JsonNode manifest, byte[] electionKey, AuthorityCredentials authority, SigningKey signer) {
    return signedBy(manifest, electionKey, authority, signer, null);
  }

  /** As above, made for {@code station} (null: the election-wide package), whatever it names. */
  static byte[] signedBy(
      JsonNode manifest,
      byte[] electionKey,
      AuthorityCredentials authority,
      SigningKey signer,
      String station) {
    byte[] hash = ManifestJson.hashOfCanonical(ManifestJson.canonical(manifest));
    byte[] input =
        ElectionPackage.signatureInput(
            hash, electionKey, authority.certificate(), authority.root(), station);
    return StrictJson.pretty(
        ElectionPackage.tree(
            manifest,
            electionKey,
            authority.certificate(),
            authority.root(),
            signer.sign(input),
            station));
  }

  static ElectionPackage load(byte[] bytes) throws ElectionPackageException {
    return ElectionPackage.load(bytes, SAMPLE.trustAnchor(), NOW);
  }
}
