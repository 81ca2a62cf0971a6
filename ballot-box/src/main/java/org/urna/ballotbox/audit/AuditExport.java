package org.urna.ballotbox.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * The station's audit log for people and tools outside the kiosk (docs/spec/ballot-box.md section
 * 9): JSON lines, and NIST SP 1500-101 election event log XML, each event with its chain hash; and
 * a detached signature by the station key over the exported file.
 */
public final class AuditExport {
  public static final String NIST_NAMESPACE = "http://itl.nist.gov/ns/voting/1500-101/v1";
  public static final String SIGNATURE_FORMAT = "urna/audit-export-signature/v1";
  public static final String SIGNATURE_TAG = "audit-export";
  private static final HexFormat HEX = HexFormat.of();

  private AuditExport() {}

  /** One JSON object a line, in sequence order: every field the chain hash covers, and the hash. */
  public static byte[] jsonLines(String stationId, List<AuditEntry> entries) {
    JsonMapper mapper = JsonMapper.builder().build();
    StringBuilder sb = new StringBuilder();
    for (AuditEntry e : entries) {
      ObjectNode o = mapper.createObjectNode();
      o.put("station", stationId)
          .put("seq", e.seq())
          .put("hour", e.hour())
          .put("time", Instant.ofEpochSecond(e.hour() * 3600).toString())
          .put("role", e.role().name())
          .put("action", e.action())
          .put("details", e.details())
          .put("prevHash", HEX.formatHex(e.prevHash()))
          .put("hash", HEX.formatHex(e.hash()));
      try {
        sb.append(mapper.writeValueAsString(o)).append('\n');
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * NIST SP 1500-101 (version 1) XML: one {@code Device} (the station) with one {@code Event} per
   * audit entry, its {@code Hash} the entry's chain hash; {@code TimeStamp} is the start of the
   * entry's hour (the box keeps hours only, spec section 3.2).
   */
  public static byte[] nistXml(
      String stationId,
      String electionId,
      String version,
      Instant generated,
      List<AuditEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.setDefaultNamespace(NIST_NAMESPACE);
      w.writeStartElement(NIST_NAMESPACE, "ElectionEventLog");
      w.writeDefaultNamespace(NIST_NAMESPACE);
      element(
          w,
          "Details",
          "Urna station audit log; each Hash is the entry's chain hash"
              + " H(\"audit-entry\", ...) of the ballot box specification, section 3.2.");
      w.writeStartElement(NIST_NAMESPACE, "Device");
      for (AuditEntry e : entries) {
        w.writeStartElement(NIST_NAMESPACE, "Event");
        if (!e.details().isEmpty()) {
          element(w, "Description", e.details());
        }
        element(
            w, "Details", "role=" + e.role().name() + "; prevHash=" + HEX.formatHex(e.prevHash()));
        element(w, "Disposition", disposition(e.action()));
        element(w, "Hash", HEX.formatHex(e.hash()));
        element(w, "Id", e.action());
        element(w, "Sequence", Long.toString(e.seq()));
        element(w, "TimeStamp", Instant.ofEpochSecond(e.hour() * 3600).toString());
        element(w, "Type", e.action());
        element(w, "UserId", e.role().name());
        w.writeEndElement();
      }
      element(w, "HashType", "other");
      element(w, "Id", stationId);
      element(w, "Manufacturer", "Urna project");
      element(w, "Model", "Urna kiosk");
      element(w, "OtherHashType", "urna-audit-entry-sha256");
      element(w, "Type", "electronic-cast-paper");
      element(w, "Version", version);
      w.writeEndElement();
      element(w, "ElectionId", electionId);
      element(w, "GeneratedTime", generated.toString());
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the XML writer failed", e);
    }
    byte[] xml = out.toByteArray();
    byte[] withNewline = new byte[xml.length + 1];
    System.arraycopy(xml, 0, withNewline, 0, xml.length);
    withNewline[xml.length] = '\n';
    return withNewline;
  }

  /** Success, unless the action names a refusal or a failure. */
  static String disposition(String action) {
    return action.endsWith("-refused") || action.endsWith("-failed") || action.contains("-error")
        ? "failure"
        : "success";
  }

  /**
   * The detached signature file: {@code SIGNATURE_FORMAT}, the station, its public key, the file's
   * SHA-256 and the Ed25519 signature of {@code H("audit-export", station, sha256)}.
   */
  public static String sign(byte[] file, String stationId, SigningKey stationKey) {
    byte[] digest = sha256(file);
    Signature sig = stationKey.sign(message(stationId, digest));
    return SIGNATURE_FORMAT
        + "\n"
        + "station "
        + stationId
        + "\n"
        + "key "
        + stationKey.publicKey().toHex()
        + "\n"
        + "sha256 "
        + HEX.formatHex(digest)
        + "\n"
        + "signature "
        + sig.toHex()
        + "\n";
  }

  /** Why a signature file does not vouch for {@code file} by {@code key}; empty when it does. */
  public static Optional<String> verify(byte[] file, String signatureFile, VerifyingKey key) {
    List<String> lines = signatureFile.lines().toList();
    if (lines.size() != 5 || !lines.get(0).equals(SIGNATURE_FORMAT)) {
      return Optional.of("not an audit export signature (" + SIGNATURE_FORMAT + ")");
    }
    String station = value(lines.get(1), "station");
    String keyHex = value(lines.get(2), "key");
    String sha = value(lines.get(3), "sha256");
    String sigHex = value(lines.get(4), "signature");
    if (station == null || keyHex == null || sha == null || sigHex == null) {
      return Optional.of("the signature file is malformed");
    }
    if (!keyHex.equals(key.toHex())) {
      return Optional.of("it was signed by another key than the station's");
    }
    byte[] digest = sha256(file);
    if (!sha.equals(HEX.formatHex(digest))) {
      return Optional.of("the exported file was changed after it was signed");
    }
    Signature sig;
    try {
      sig = Signature.decode(HEX.parseHex(sigHex));
    } catch (RuntimeException e) {
      return Optional.of("the signature is malformed");
    }
    if (!key.verifies(message(station, digest), sig)) {
      return Optional.of("the signature does not verify");
    }
    return Optional.empty();
  }

  private static String value(String line, String name) {
    return line.startsWith(name + " ") ? line.substring(name.length() + 1) : null;
  }

  static byte[] message(String stationId, byte[] digest) {
    return Hash.tagged(SIGNATURE_TAG).part(stationId).part(digest).digest();
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(NIST_NAMESPACE, name);
    w.writeCharacters(xmlSafe(text));
    w.writeEndElement();
  }

  /** XML 1.0 cannot carry most control characters even escaped: each becomes U+FFFD. */
  static String xmlSafe(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              boolean ok =
                  c == 0x9
                      || c == 0xA
                      || c == 0xD
                      || (c >= 0x20 && c <= 0xD7FF)
                      || (c >= 0xE000 && c <= 0xFFFD)
                      || (c >= 0x10000 && c <= 0x10FFFF);
              sb.appendCodePoint(ok ? c : 0xFFFD);
            });
    return sb.toString();
  }
}
