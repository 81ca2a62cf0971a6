package org.urna.ledger.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.urna.core.ballot.TrackingCode;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.proof.TlogProof;
import org.urna.ledger.replication.Commands;
import org.urna.ledger.replication.LedgerState;
import org.urna.ledger.replication.Verdict;
import org.urna.ledger.tiles.TilePath;
import org.urna.ledger.tiles.TileStore;
import org.urna.ledger.witness.WitnessResponse;

/** The ledger's HTTP API, independent of the server that carries it. */
public final class LedgerApi {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_BATCH = 10_000;
  private final ValidatorNode node;

  public LedgerApi(ValidatorNode node) {
    this.node = node;
  }

  private LedgerState state() {
    return node.machine().state();
  }

  static HttpAnswer error(int status, String reason) {
    ObjectNode o = JSON.createObjectNode().put("error", reason);
    return HttpAnswer.json(status, o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static HttpAnswer json(Object value) {
    try {
      return HttpAnswer.json(200, JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      return error(500, "could not write the answer");
    }
  }

  /**
   * POST /v1/batches with {@code Content-Type: application/octet-stream}: the binary batch {@code
   * u32 n || n × (u32 length || recorded ballot)}, replicated as received.
   */
  public HttpAnswer submitBinary(byte[] body) {
    try {
      Commands.checkBatch(body, MAX_BATCH);
    } catch (Commands.TooManyBallots e) {
      return error(413, "the binary batch is malformed: " + e.getMessage());
    } catch (IOException e) {
      return error(400, "the binary batch is malformed: " + e.getMessage());
    }
    Optional<String> unfit = Admission.refusal(Commands.ballotsOf(body));
    if (unfit.isPresent()) {
      return error(400, unfit.get());
    }
    return answer(node.replica().submitBatch(body));
  }

  /** POST /v1/batches: {"ballots": ["<base64 recorded ballot>", ...]}. */
  public HttpAnswer submit(byte[] body) {
    List<byte[]> ballots = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode list = root == null ? null : root.get("ballots");
      if (list == null || !list.isArray() || list.isEmpty()) {
        return error(400, "the batch needs a non-empty \"ballots\" array");
      }
      if (list.size() > MAX_BATCH) {
        return error(413, "at most 10000 ballots in one batch");
      }
      for (JsonNode b : list) {
        if (!b.isTextual()) {
          return error(400, "each ballot is a base64 string");
        }
        ballots.add(Base64.getDecoder().decode(b.asText()));
      }
    } catch (IOException e) {
      return error(400, "the batch is not valid JSON");
    } catch (IllegalArgumentException e) {
      return error(400, "a ballot is not valid base64");
    }
    Optional<String> unfit = Admission.refusal(ballots);
    if (unfit.isPresent()) {
      return error(400, unfit.get());
    }
    return answer(node.replica().submit(ballots));
  }

  private HttpAnswer answer(java.util.concurrent.CompletableFuture<List<Verdict>> replicated) {
    List<Verdict> verdicts;
    try {
      verdicts = replicated.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return error(
          503, "the ledger network did not commit the batch; submit it again (it is safe)");
    }
    ArrayNode results = JSON.createArrayNode();
    for (Verdict v : verdicts) {
      ObjectNode o = results.addObject().put("ballotId", v.ballotId());
      switch (v) {
        case Verdict.Accepted a ->
            o.put("status", "accepted")
                .put("index", a.index())
                .put("trackingCode", a.trackingCode())
                .put("station", a.stationId())
                .put("resubmitted", a.resubmitted());
        case Verdict.Rejected r -> o.put("status", "rejected").put("reason", r.reason());
      }
    }
    return json(JSON.createObjectNode().set("results", results));
  }

  public HttpAnswer checkpoint() {
    return state()
        .latestCheckpoint()
        .map(n -> HttpAnswer.text(200, n.format()))
        .orElse(error(404, "no checkpoint has been cosigned by a quorum yet"));
  }

  public HttpAnswer checkpoints() {
    ArrayNode a = JSON.createArrayNode();
    state().checkpoints().forEach(n -> a.add(n.format()));
    return json(JSON.createObjectNode().set("checkpoints", a));
  }

  public HttpAnswer tile(String path) {
    TilePath tile;
    try {
      tile = TilePath.parse(path);
    } catch (NoteFormatException e) {
      return error(400, e.getMessage());
    }
    try {
      Optional<byte[]> bytes = new TileStore(state().log()).read(tile);
      return bytes
          .map(b -> new HttpAnswer(200, "application/octet-stream", b, true))
          .orElse(error(404, "no such tile in this log yet"));
    } catch (IOException e) {
      return error(500, "could not read the tile");
    }
  }

  public HttpAnswer addCheckpoint(byte[] body) {
    return switch (node.cosigner().addCheckpoint(body)) {
      case WitnessResponse.Cosigned c -> HttpAnswer.text(200, c.body());
      case WitnessResponse.Conflict c ->
          new HttpAnswer(409, "text/x.tlog.size", (c.latestSize() + "\n").getBytes(), false);
      case WitnessResponse.Refused r -> HttpAnswer.text(r.status(), r.reason() + "\n");
    };
  }

  public HttpAnswer policy() {
    return HttpAnswer.text(200, node.config().policy().format());
  }

  public HttpAnswer proofByBallot(String hex) {
    if (!hex.matches("[0-9a-f]{32}")) {
      return error(400, "a ballot id is 32 lowercase hex digits");
    }
    return proofAt(state().indexOfBallot(hex), "no ballot with this id is in the ledger");
  }

  public HttpAnswer proofByCode(String typed) {
    Optional<String> code = TrackingCode.normaliseTyped(typed);
    if (code.isEmpty()) {
      return error(400, "a tracking code has 16 letters and digits, e.g. 7K3M-9QXA-2PDF-HW4R");
    }
    return proofAt(
        state().indexOfCode(code.get()), "no ballot with this tracking code is in the ledger");
  }

  private HttpAnswer proofAt(Optional<Long> index, String missing) {
    if (index.isEmpty()) {
      return error(404, missing);
    }
    Optional<SignedNote> cp = state().latestCheckpoint();
    long i = index.get();
    if (cp.isEmpty() || Checkpoint.parse(cp.get().text()).size() <= i) {
      return error(
          404,
          "the ballot is in the ledger but not yet under a cosigned checkpoint; try again shortly");
    }
    long size = Checkpoint.parse(cp.get().text()).size();
    MerkleLog log = state().log();
    try {
      TlogProof proof =
          new TlogProof(Optional.of(log.entry(i)), i, log.inclusionProof(i, size), cp.get());
      return HttpAnswer.text(200, proof.format());
    } catch (IOException e) {
      return error(500, "could not read the entry");
    }
  }

  public HttpAnswer consistency(String oldText, String newText) {
    if (oldText == null
        || newText == null
        || !oldText.matches("[0-9]{1,18}")
        || !newText.matches("[0-9]{1,18}")) {
      return error(400, "give old and new tree sizes as decimals");
    }
    long old = Long.parseLong(oldText);
    long neu = Long.parseLong(newText);
    MerkleLog log = state().log();
    if (old > neu || neu > log.size()) {
      return error(400, "need old <= new <= the log's size (" + log.size() + ")");
    }
    ArrayNode a = JSON.createArrayNode();
    log.consistencyProof(old, neu).forEach(h -> a.add(h.base64()));
    ObjectNode o = JSON.createObjectNode().put("old", old).put("new", neu);
    o.set("proof", a);
    return json(o);
  }

  public HttpAnswer stations() {
    return json(JSON.createObjectNode().putPOJO("stations", state().stationCounts()));
  }

  public HttpAnswer verification(String indexText) {
    if (!indexText.matches("[0-9]{1,18}")) {
      return error(400, "an entry index is a decimal");
    }
    long i = Long.parseLong(indexText);
    if (i >= state().log().size()) {
      return error(404, "no such entry");
    }
    String status = node.audit().map(a -> a.status(i)).orElse("not configured on this validator");
    return json(JSON.createObjectNode().put("index", i).put("proofs", status));
  }

  public HttpAnswer health() {
    ObjectNode o =
        JSON.createObjectNode()
            .put("validator", node.config().id())
            .put("leader", node.replica().leaderId())
            .put("treeSize", state().log().size())
            .put("root", state().log().head().root().base64());
    state()
        .latestCheckpoint()
        .ifPresent(n -> o.put("checkpointSize", Checkpoint.parse(n.text()).size()));
    return json(o);
  }

  public HttpAnswer metrics() {
    StringBuilder sb = new StringBuilder();
    sb.append("urna_ledger_tree_size ").append(state().log().size()).append('\n');
    sb.append("urna_ledger_checkpoints ").append(state().checkpoints().size()).append('\n');
    sb.append("urna_ledger_is_leader ").append(node.replica().isLeader() ? 1 : 0).append('\n');
    node.audit()
        .ifPresent(
            a ->
                sb.append("urna_ledger_proofs_checked ")
                    .append(a.checked())
                    .append('\n')
                    .append("urna_ledger_proofs_failed ")
                    .append(a.failed())
                    .append('\n'));
    return HttpAnswer.text(200, sb.toString());
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
