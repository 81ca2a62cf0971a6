package org.urna.core.election;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Regenerates the test vectors in src/test/resources/vectors/election (run by hand when the spec
 * changes on purpose; {@link ElectionVectorsTest} checks them on every build).
 */
public final class ElectionVectorsWriter {
  private ElectionVectorsWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/vectors/election");
    HexFormat hex = HexFormat.of();
    byte[] manifest = Files.readAllBytes(dir.resolve("manifest-small.json"));
    byte[] canonical = ManifestJson.canonical(StrictJson.parse(manifest, "manifest"));
    ObjectNode m = StrictJson.object();
    m.put("description", "manifest-small.json: its RFC 8785 bytes and its election hash");
    m.put("canonicalHex", hex.formatHex(canonical));
    m.put("electionHash", hex.formatHex(ManifestJson.hashOfCanonical(canonical)));
    Files.write(dir.resolve("manifest-small.expected.json"), StrictJson.pretty(m));

    SampleElection s = SampleElection.create();
    ElectionPackage p = s.electionPackage();
    Files.write(dir.resolve("sample-package.json"), p.toJson());
    ObjectNode e = StrictJson.object();
    e.put("description", "sample-package.json = SampleElection.create() signed; load at loadAt");
    e.put("seed", SampleElection.DEFAULT_SEED);
    e.put("loadAt", "2027-06-01T12:00:00Z");
    e.put("trustAnchor", s.trustAnchor().sha256Hex());
    e.put("authorityRootSeed", hex.formatHex(s.authorityRootKey().seed()));
    e.put("authoritySigningSeed", hex.formatHex(s.authority().signingKey().seed()));
    e.put("authoritySigningKey", s.authority().signingKey().publicKey().toHex());
    e.put("electionSecret", s.electionSecret().toHex());
    e.put("electionKey", p.electionKey().toHex());
    e.put("electionHash", hex.formatHex(p.electionHash()));
    e.put("extendedHash", hex.formatHex(p.extendedHash()));
    e.put(
        "signatureInput",
        hex.formatHex(
            ElectionPackage.signatureInput(
                p.electionHash(),
                p.electionKey().toBytes(),
                p.authorityCertificate(),
                p.authorityRoot())));
    e.put("signature", p.signature().toHex());
    Files.write(dir.resolve("sample-package.expected.json"), StrictJson.pretty(e));
  }
}
