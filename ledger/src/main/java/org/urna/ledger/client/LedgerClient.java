package org.urna.ledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.proof.TlogProof;
import org.urna.ledger.replication.Commands;
import org.urna.ledger.replication.Verdict;

/**
 * A small client of one validator's HTTP API (see docs/spec/ledger.md). It verifies nothing itself:
 * check checkpoints with {@code WitnessPolicy.accepts} and proofs with {@code ProofVerifier}.
 */
public final class LedgerClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http;

  public LedgerClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A client of an HTTPS validator, trusting the authorities of {@code tls}. */
  public LedgerClient(URI base, javax.net.ssl.SSLContext tls) {
    this.base = base;
    this.http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
  }

  /** A refusal by the validator: the HTTP status and its reason. */
  public static final class LedgerException extends IOException {
    private final int status;

    public LedgerException(int status, String reason) {
      super(reason);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /**
   * Submits recorded ballots (election-core bytes) as one binary batch. Safe to repeat after a lost
   * reply.
   */
  public List<Verdict> submit(List<byte[]> recordedBallots)
      throws IOException, InterruptedException {
    return post("application/octet-stream", Commands.batch(recordedBallots));
  }

  /**
   * Submits one station's recorded ballots as a signed batch: {@code signature} is the station's
   * signature over election-core's {@code BatchStatement} of exactly these ballots. Safe to repeat.
   */
  public List<Verdict> submitSigned(List<byte[]> recordedBallots, byte[] signature)
      throws IOException, InterruptedException {
    return post(
        "application/vnd.urna.signed-batch", Commands.signedBatch(signature, recordedBallots));
  }

  private List<Verdict> post(String type, byte[] body) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        send(
            HttpRequest.newBuilder(base.resolve("/v1/batches"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    List<Verdict> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(r.body()).get("results")) {
      String id = n.get("ballotId").asText();
      if (n.get("status").asText().equals("accepted")) {
        out.add(
            new Verdict.Accepted(
                id,
                n.get("station").asText(),
                n.get("index").asLong(),
                n.get("trackingCode").asText(),
                n.get("resubmitted").asBoolean()));
      } else {
        out.add(new Verdict.Rejected(id, n.get("reason").asText()));
      }
    }
    return out;
  }

  /** The latest quorum-cosigned checkpoint (signed note), if any. */
  public Optional<SignedNote> checkpoint() throws IOException, InterruptedException {
    try {
      return Optional.of(SignedNote.parse(get("/checkpoint")));
    } catch (LedgerException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public String policy() throws IOException, InterruptedException {
    return new String(get("/policy"), StandardCharsets.UTF_8);
  }

  public TlogProof proofByBallotId(String ballotIdHex) throws IOException, InterruptedException {
    return TlogProof.parse(
        new String(get("/v1/proof/ballot/" + ballotIdHex), StandardCharsets.UTF_8));
  }

  public TlogProof proofByTrackingCode(String code) throws IOException, InterruptedException {
    return TlogProof.parse(
        new String(get("/v1/proof/code/" + code.replace(" ", "")), StandardCharsets.UTF_8));
  }

  public List<NodeHash> consistencyProof(long oldSize, long newSize)
      throws IOException, InterruptedException {
    JsonNode n = JSON.readTree(get("/v1/consistency?old=" + oldSize + "&new=" + newSize));
    List<NodeHash> out = new ArrayList<>();
    n.get("proof").forEach(h -> out.add(NodeHash.fromBase64(h.asText())));
    return out;
  }

  private byte[] get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build())
        .body();
  }

  private HttpResponse<byte[]> send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      String reason = new String(r.body(), StandardCharsets.UTF_8);
      try {
        JsonNode n = JSON.readTree(reason);
        if (n != null && n.has("error")) {
          reason = n.get("error").asText();
        }
      } catch (IOException e) {
        // plain text reason
      }
      throw new LedgerException(r.statusCode(), reason.strip());
    }
    return r;
  }
}
