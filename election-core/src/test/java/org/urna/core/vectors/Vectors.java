package org.urna.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.crypto.ElGamalSecretKey;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Scalar;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.Station;
import org.urna.core.election.VotingWindow;

/** Reads and writes the JSON test vectors of docs/spec/ballot-cryptography.md section 9. */
final class Vectors {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final HexFormat HEX = HexFormat.of();
  static final Path SOURCE_DIR = Path.of("src/test/resources/vectors/core");

  private Vectors() {}

  static JsonNode read(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/core/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test vector file " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(String name, JsonNode node) throws IOException {
    Files.createDirectories(SOURCE_DIR);
    Files.writeString(SOURCE_DIR.resolve(name), JSON.writeValueAsString(node) + "\n");
  }

  static byte[] hex(JsonNode n) {
    return HEX.parseHex(n.asText());
  }

  /** The election every vector uses, described by the fields encryption needs. */
  record VectorElection(
      ElectionManifest manifest, ElectionKey key, ElGamalSecretKey secret, SigningKey stationKey) {}

  static VectorElection election(JsonNode e) {
    ElGamalSecretKey secret = new ElGamalSecretKey(Scalar.decode(hex(e.get("secretKey"))));
    ElectionKey key = new ElectionKey(secret.publicKey(), hex(e.get("extendedHash")));
    SigningKey station = SigningKey.fromSeed(hex(e.get("stationKeySeed")));
    List<Contest> contests = new ArrayList<>();
    List<String> styleContests = new ArrayList<>();
    for (JsonNode c : e.get("contests")) {
      List<CandidateContest.Candidate> cands = new ArrayList<>();
      for (JsonNode s : c.get("selectionIds")) {
        cands.add(
            new CandidateContest.Candidate(s.asText(), LocalizedText.of("en", s.asText()), null));
      }
      contests.add(
          new CandidateContest(
              c.get("contestId").asText(),
              LocalizedText.of("en", "x"),
              c.get("limit").asInt(),
              cands));
      styleContests.add(c.get("contestId").asText());
    }
    ElectionManifest m =
        new ElectionManifest(
            "vectors",
            LocalizedText.of("en", "Vectors"),
            List.of("en"),
            new VotingWindow(
                Instant.parse(e.get("opens").asText()), Instant.parse(e.get("closes").asText())),
            contests,
            List.of(
                new BallotStyle(
                    e.get("ballotStyleId").asText(), LocalizedText.of("en", "s"), styleContests)),
            List.of(
                new Station(
                    e.get("stationId").asText(),
                    LocalizedText.of("en", "s"),
                    station.publicKey())));
    return new VectorElection(m, key, secret, station);
  }

  static PlaintextBallot plaintext(String styleId, JsonNode choices) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    choices
        .properties()
        .forEach(
            en -> {
              Set<String> s = new LinkedHashSet<>();
              en.getValue().forEach(x -> s.add(x.asText()));
              m.put(en.getKey(), s);
            });
    return new PlaintextBallot(styleId, m);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }
}
