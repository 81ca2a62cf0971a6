package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SigningKey;

/**
 * The vectors of docs/spec/election-package.md section 8. Hashes are recomputed here with the JDK's
 * SHA-256 straight from the spec's byte layout, not with the code under test.
 */
class ElectionVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        ElectionVectorsTest.class.getResourceAsStream("/vectors/election/" + name)) {
      return in.readAllBytes();
    }
  }

  static JsonNode expected(String name) throws Exception {
    return StrictJson.parse(resource(name), name);
  }

  /** Spec 2: SHA-256(u16 len(tag) || tag || for each part: u32 len(part) || part). */
  static byte[] specHash(String tag, byte[]... parts) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] t = ("urna/v1/" + tag).getBytes(StandardCharsets.UTF_8);
    b.write(t.length >>> 8);
    b.write(t.length);
    b.write(t);
    for (byte[] p : parts) {
      b.write(ByteBuffer.allocate(4).putInt(p.length).array());
      b.write(p);
    }
    return MessageDigest.getInstance("SHA-256").digest(b.toByteArray());
  }

  @Nested
  class SmallManifest {
    @Test
    void canonicalBytesAreRfc8785OfTheFile() throws Exception {
      JsonNode e = expected("manifest-small.expected.json");
      byte[] file = resource("manifest-small.json");
      byte[] expectedBytes = HEX.parseHex(e.get("canonicalHex").asText());
      assertThat(new JsonCanonicalizer(file).getEncodedUTF8()).isEqualTo(expectedBytes);
      assertThat(ManifestJson.canonical(ManifestJson.parse(file))).isEqualTo(expectedBytes);
    }

    @Test
    void electionHashIsTheTaggedHashOfTheCanonicalBytes() throws Exception {
      JsonNode e = expected("manifest-small.expected.json");
      byte[] canonical = HEX.parseHex(e.get("canonicalHex").asText());
      assertThat(HEX.formatHex(specHash("election-manifest", canonical)))
          .isEqualTo(e.get("electionHash").asText());
      assertThat(ManifestJson.electionHash(ManifestJson.parse(resource("manifest-small.json"))))
          .isEqualTo(HEX.parseHex(e.get("electionHash").asText()));
    }
  }

  @Nested
  class SamplePackage {
    @Test
    void loadsAndYieldsTheVectorsValues() throws Exception {
      JsonNode e = expected("sample-package.expected.json");
      ElectionPackage p =
          ElectionPackage.load(
              resource("sample-package.json"),
              new TrustAnchor(e.get("trustAnchor").asText()),
              Instant.parse(e.get("loadAt").asText()));
      assertThat(p.electionKey().toHex()).isEqualTo(e.get("electionKey").asText());
      assertThat(HEX.formatHex(p.electionHash())).isEqualTo(e.get("electionHash").asText());
      assertThat(HEX.formatHex(p.extendedHash())).isEqualTo(e.get("extendedHash").asText());
      assertThat(p.signature().toHex()).isEqualTo(e.get("signature").asText());
      assertThat(p.authorityKey().toHex()).isEqualTo(e.get("authoritySigningKey").asText());
    }

    @Test
    void hashesAndSignatureFollowTheSpecByteLayout() throws Exception {
      JsonNode e = expected("sample-package.expected.json");
      JsonNode pkg = StrictJson.parse(resource("sample-package.json"), "package");
      byte[] canonical = new JsonCanonicalizer(pkg.get("manifest").toString()).getEncodedUTF8();
      byte[] electionHash = specHash("election-manifest", canonical);
      assertThat(HEX.formatHex(electionHash)).isEqualTo(e.get("electionHash").asText());
      byte[] key = HEX.parseHex(pkg.get("electionKey").asText());
      assertThat(HEX.formatHex(specHash("election-context", electionHash, key)))
          .isEqualTo(e.get("extendedHash").asText());
      byte[] input =
          specHash(
              "election-package",
              "urna/election-package/v1".getBytes(StandardCharsets.UTF_8),
              electionHash,
              key,
              java.util.Base64.getDecoder().decode(pkg.get("authorityCertificate").asText()),
              java.util.Base64.getDecoder().decode(pkg.get("authorityRoot").asText()));
      assertThat(HEX.formatHex(input)).isEqualTo(e.get("signatureInput").asText());
      SigningKey signer = SigningKey.fromHex(e.get("authoritySigningSeed").asText());
      assertThat(signer.sign(input)).isEqualTo(Signature.fromHex(e.get("signature").asText()));
      assertThat(
              signer.publicKey().verifies(input, Signature.fromHex(pkg.get("signature").asText())))
          .isTrue();
      byte[] root = java.util.Base64.getDecoder().decode(pkg.get("authorityRoot").asText());
      assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(root)))
          .isEqualTo(e.get("trustAnchor").asText());
    }

    @Test
    void theSampleIsStillReproducedByteForByte() throws Exception {
      assertThat(SampleElection.create().electionPackage().toJson())
          .isEqualTo(resource("sample-package.json"));
    }
  }
}
