package org.urna.ballotbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.ballotbox.audit.AuditExport;
import org.urna.core.ballot.TestElection;
import org.urna.core.crypto.SigningKey;
import org.urna.core.role.Role;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code export-log}: every audit entry exported with its chain hash, in JSON lines and NIST SP
 * 1500-101 XML, the chain re-derivable from the export alone, the export signed by the station.
 */
class ExportLogCommandTest {
  private static final TestElection ELECTION = new TestElection();
  private static final String PASSWORD = "a-long-box-password";
  private static final HexFormat HEX = HexFormat.of();
  @TempDir Path dir;
  private Path password;
  private Path box;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private ElectionInputs inputs() {
    return new ElectionInputs(ELECTION.manifest, ELECTION.key, ELECTION.stationKey);
  }

  @BeforeEach
  void aBoxWithBallotsAndAnOperatorEntry() throws Exception {
    password = dir.resolve("password");
    Files.writeString(password, PASSWORD + "\n");
    box = dir.resolve("box");
    Clock clock = Clock.fixed(Instant.parse("2026-09-20T08:30:00Z"), ZoneOffset.UTC);
    CommandLine cast = new CommandLine(new CastCommand(this::inputs, clock));
    cast.setOut(new PrintWriter(out, true));
    cast.setErr(new PrintWriter(err, true));
    assertThat(
            cast.execute(
                "--box",
                box.toString(),
                "--password-file",
                password.toString(),
                "--station",
                "s1",
                "--count",
                "4",
                "--seed",
                "1"))
        .as(err.toString())
        .isZero();
    try (BallotBox b =
        BallotBox.open(
            box,
            PASSWORD.toCharArray(),
            ELECTION.manifest,
            ELECTION.key,
            "s1",
            ELECTION.stationKey,
            Clock.fixed(Instant.parse("2026-09-20T09:10:00Z"), ZoneOffset.UTC))) {
      // text a log must carry safely: markup, quotes, a control character, Cyrillic
      b.appendAudit(Role.TECHNICIAN, "printer-test-failed", "<b>\"paper\" & \u0001 бумага</b>");
    }
  }

  private int export(String format, Path file) {
    CommandLine cli =
        new CommandLine(
            new ExportLogCommand(
                this::inputs, Clock.fixed(Instant.parse("2026-09-20T10:00:00Z"), ZoneOffset.UTC)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(
        "--box",
        box.toString(),
        "--password-file",
        password.toString(),
        "--station",
        "s1",
        "--format",
        format,
        "--out",
        file.toString());
  }

  @Test
  void jsonLinesCarryEveryFieldAndTheChainRecomputesFromThemAlone() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    assertThat(export("jsonl", file)).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.size()).isGreaterThanOrEqualTo(6); // created, 4 casts at least, the test
    byte[] prev = AuditEntry.seed(ELECTION.key.extendedHash(), "s1");
    JsonMapper m = JsonMapper.builder().build();
    long seq = 0;
    for (String line : lines) {
      JsonNode e = m.readTree(line);
      assertThat(e.get("seq").asLong()).isEqualTo(++seq);
      assertThat(e.get("prevHash").asText()).isEqualTo(HEX.formatHex(prev));
      byte[] hash =
          AuditEntry.hashOf(
              e.get("seq").asLong(),
              e.get("hour").asLong(),
              Role.valueOf(e.get("role").asText()),
              e.get("action").asText(),
              e.get("details").asText(),
              prev);
      assertThat(e.get("hash").asText()).isEqualTo(HEX.formatHex(hash));
      prev = hash;
    }
    JsonNode last = m.readTree(lines.getLast());
    assertThat(last.get("action").asText()).isEqualTo("printer-test-failed");
    assertThat(last.get("details").asText()).isEqualTo("<b>\"paper\" & \u0001 бумага</b>");
    assertThat(last.get("time").asText()).isEqualTo("2026-09-20T09:00:00Z");
  }

  @Test
  void nistXmlHasOneEventPerEntryWithItsChainHashAndParses() throws Exception {
    Path json = dir.resolve("audit.jsonl");
    assertThat(export("jsonl", json)).isZero();
    Path file = dir.resolve("audit.xml");
    assertThat(export("nist", file)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("exported as NIST SP 1500-101 XML");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    Element root = d.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("ElectionEventLog");
    assertThat(root.getNamespaceURI()).isEqualTo(AuditExport.NIST_NAMESPACE);
    assertThat(text(root, "ElectionId")).isEqualTo(ELECTION.manifest.electionId());
    assertThat(text(root, "GeneratedTime")).isEqualTo("2026-09-20T10:00:00Z");
    NodeList events = root.getElementsByTagNameNS(AuditExport.NIST_NAMESPACE, "Event");
    List<String> hashes = new ArrayList<>();
    for (String line : Files.readAllLines(json)) {
      hashes.add(JsonMapper.builder().build().readTree(line).get("hash").asText());
    }
    assertThat(events.getLength()).isEqualTo(hashes.size());
    for (int i = 0; i < events.getLength(); i++) {
      Element e = (Element) events.item(i);
      assertThat(text(e, "Hash")).isEqualTo(hashes.get(i));
      assertThat(text(e, "Sequence")).isEqualTo(Integer.toString(i + 1));
    }
    Element last = (Element) events.item(events.getLength() - 1);
    assertThat(text(last, "Disposition")).isEqualTo("failure");
    assertThat(text(last, "UserId")).isEqualTo("TECHNICIAN");
    assertThat(text(last, "Description")).isEqualTo("<b>\"paper\" & \uFFFD бумага</b>");
    Element device =
        (Element) root.getElementsByTagNameNS(AuditExport.NIST_NAMESPACE, "Device").item(0);
    assertThat(text(device, "Id")).isEqualTo("s1");
  }

  @Test
  void theExportIsSignedByTheStationAndAChangedByteOrAnotherKeyIsRefused() throws Exception {
    Path file = dir.resolve("audit.xml");
    assertThat(export("nist", file)).isZero();
    byte[] bytes = Files.readAllBytes(file);
    String sig = Files.readString(dir.resolve("audit.xml.sig"));
    assertThat(AuditExport.verify(bytes, sig, ELECTION.stationKey.publicKey())).isEmpty();
    byte[] changed = bytes.clone();
    changed[changed.length / 2] ^= 1;
    assertThat(AuditExport.verify(changed, sig, ELECTION.stationKey.publicKey()))
        .contains("the exported file was changed after it was signed");
    SigningKey other = SigningKey.fromSeed(new byte[32]);
    assertThat(AuditExport.verify(bytes, sig, other.publicKey()))
        .contains("it was signed by another key than the station's");
    // a signature file re-made by someone else for the changed file still fails the key check,
    // and one whose digest is adjusted fails the signature
    String forged =
        sig.replaceFirst(
            "sha256 [0-9a-f]{64}",
            "sha256 "
                + HEX.formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(changed)));
    assertThat(AuditExport.verify(changed, forged, ELECTION.stationKey.publicKey()))
        .contains("the signature does not verify");
  }

  @Test
  void exportingNeverChangesTheBoxAndAMissingBoxIsRefused() throws Exception {
    byte[] before = Files.readAllBytes(dir.resolve("box.mv.db"));
    assertThat(export("nist", dir.resolve("a.xml"))).isZero();
    assertThat(Files.readAllBytes(dir.resolve("box.mv.db"))).isEqualTo(before);
    box = dir.resolve("nowhere");
    assertThat(export("jsonl", dir.resolve("b.jsonl"))).isEqualTo(ExitCodes.NO_BOX);
    assertThat(dir.resolve("b.jsonl")).doesNotExist();
  }

  private static String text(Element parent, String name) {
    NodeList l = parent.getElementsByTagNameNS(AuditExport.NIST_NAMESPACE, name);
    // direct child only
    for (int i = 0; i < l.getLength(); i++) {
      if (l.item(i).getParentNode() == parent) {
        return l.item(i).getTextContent();
      }
    }
    return null;
  }
}
