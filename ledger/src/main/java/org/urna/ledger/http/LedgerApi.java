package org.urna.ledger.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.NoteSignature;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.proof.TlogProof;
import org.urna.ledger.replication.Commands;
import org.urna.ledger.replication.LedgerState;
import org.urna.ledger.replication.LedgerView;
import org.urna.ledger.replication.RaftReplica;
import org.urna.ledger.replication.Verdict;
import org.urna.ledger.tiles.TilePath;
import org.urna.ledger.tiles.TileStore;
import org.urna.ledger.witness.WitnessPolicy;
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

  /**
   * POST /v1/batches with {@code Content-Type: application/vnd.urna.signed-batch}: {@code signature
   * (64) || u32 n || n × (u32 length || recorded ballot)}, the station's signature over the batch's
   * statement (election-core's {@code BatchStatement}), replicated as received. The validators
   * check the signature; this validator checks the framing.
   */
  public HttpAnswer submitSigned(byte[] body) {
    try {
      Commands.checkSignedBatch(body, MAX_BATCH);
    } catch (Commands.TooManyBallots e) {
      return error(413, "the signed batch is malformed: " + e.getMessage());
    } catch (IOException e) {
      return error(400, "the signed batch is malformed: " + e.getMessage());
    }
    Optional<String> unfit = Admission.refusal(Commands.ballotsOf(body, Commands.SIGNATURE_BYTES));
    if (unfit.isPresent()) {
      return error(400, unfit.get());
    }
    return answer(node.replica().submitSignedBatch(body));
  }

  /**
   * POST /v1/batches: {"ballots": ["<base64 recorded ballot>", ...]}, with an optional "signature"
   * (base64, the station's batch signature; without it every ballot's own signature is verified).
   */
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
      JsonNode sig = root.get("signature");
      if (sig != null) {
        byte[] signature = sig.isTextual() ? Base64.getDecoder().decode(sig.asText()) : null;
        if (signature == null || signature.length != Commands.SIGNATURE_BYTES) {
          return error(400, "\"signature\" is the 64-byte batch signature in base64");
        }
        Optional<String> unfit = Admission.refusal(ballots);
        if (unfit.isPresent()) {
          return error(400, unfit.get());
        }
        return answer(node.replica().submitSignedBatch(Commands.signedBatch(signature, ballots)));
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
    return proofAt(state().indexOfBallot(hex), "no ballot with this id is in the ledger", "ballot");
  }

  public HttpAnswer proofByCode(String typed) {
    Optional<String> code = TrackingCode.normaliseTyped(typed);
    if (code.isEmpty()) {
      return error(400, "a tracking code has 16 letters and digits, e.g. 7K3M-9QXA-2PDF-HW4R");
    }
    return proofAt(
        state().indexOfCode(code.get()),
        "no ballot with this tracking code is in the ledger",
        "ballot");
  }

  /** GET /v1/proof/event/{station}/{sequence}: the tlog-proof of a station's lifecycle event. */
  public HttpAnswer proofByEvent(String stationAndSequence) {
    int slash = stationAndSequence.lastIndexOf('/');
    if (slash < 1
        || !stationAndSequence.substring(0, slash).matches("[a-z0-9][a-z0-9._-]{0,63}")
        || !stationAndSequence.substring(slash + 1).matches("[1-9][0-9]{0,17}")) {
      return error(400, "give a station id and an event number: /v1/proof/event/s1/3");
    }
    String station = stationAndSequence.substring(0, slash);
    long sequence = Long.parseLong(stationAndSequence.substring(slash + 1));
    Optional<Long> index =
        state().stationEvents(station).stream()
            .filter(e -> e.sequence() == sequence)
            .map(LedgerView.StationEventEntry::index)
            .findFirst();
    return proofAt(
        index, "station " + station + " has no event " + sequence + " in the ledger", "event");
  }

  private HttpAnswer proofAt(Optional<Long> index, String missing, String what) {
    if (index.isEmpty()) {
      return error(404, missing);
    }
    Optional<SignedNote> cp = state().latestCheckpoint();
    long i = index.get();
    if (cp.isEmpty() || Checkpoint.parse(cp.get().text()).size() <= i) {
      return error(
          404,
          "the "
              + what
              + " is in the ledger but not yet under a cosigned checkpoint; try again shortly");
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

  /**
   * GET /v1/stations: each station's ballot count, and its lifecycle events with when its polls
   * opened and closed and when it was last reset (docs/spec/ledger.md, "Station events").
   */
  public HttpAnswer stations() {
    ObjectNode root = JSON.createObjectNode().putPOJO("stations", state().stationCounts());
    ObjectNode polls = root.putObject("polls");
    state()
        .allStationEvents()
        .forEach(
            (station, events) -> {
              ObjectNode s = polls.putObject(station);
              s.put("state", events.getLast().kind().words());
              putTime(s, "openedAt", events, StationLifecycleEvent.Kind.POLLS_OPENED);
              putTime(s, "closedAt", events, StationLifecycleEvent.Kind.POLLS_CLOSED);
              putTime(s, "resetAt", events, StationLifecycleEvent.Kind.RESET);
              ArrayNode list = s.putArray("events");
              for (LedgerView.StationEventEntry e : events) {
                ObjectNode o =
                    list.addObject()
                        .put("sequence", e.sequence())
                        .put("kind", e.kind().words())
                        .put("time", java.time.Instant.ofEpochSecond(e.time()).toString())
                        .put("ballots", e.ballots())
                        .put("index", e.index());
                e.reportHex().ifPresent(r -> o.put("report", r));
                e.reason().ifPresent(r -> o.put("reason", r));
              }
            });
    return json(root);
  }

  private static void putTime(
      ObjectNode s,
      String name,
      List<LedgerView.StationEventEntry> events,
      StationLifecycleEvent.Kind kind) {
    Optional<LedgerView.StationEventEntry> e =
        events.stream().filter(x -> x.kind() == kind).reduce((a, b) -> b);
    if (e.isPresent()) {
      s.put(name, java.time.Instant.ofEpochSecond(e.get().time()).toString());
    } else {
      s.putNull(name);
    }
  }

  /**
   * POST /v1/events, {@code Content-Type: application/vnd.urna.station-events}: {@code u32 n || n ×
   * (u32 length || signed event)}, 1 to 64 events, replicated as received; the validators check
   * each event's signature and order.
   */
  public HttpAnswer submitEvents(byte[] body) {
    int n;
    try {
      n = Commands.checkBatch(body, Commands.MAX_EVENTS);
    } catch (Commands.TooManyBallots e) {
      return error(413, "at most " + Commands.MAX_EVENTS + " events in one request");
    } catch (IOException e) {
      return error(400, "the events are malformed: " + e.getMessage().replace("ballot", "event"));
    }
    List<byte[]> events = Commands.ballotsOf(body);
    for (int i = 0; i < n; i++) {
      try {
        StationLifecycleEvent.decode(events.get(i));
      } catch (IllegalArgumentException e) {
        return error(400, "event " + i + ": malformed station event: " + e.getMessage());
      }
    }
    List<Verdict> verdicts;
    try {
      verdicts = node.replica().submitEvents(body).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return error(
          503, "the ledger network did not commit the events; submit them again (it is safe)");
    }
    ArrayNode results = JSON.createArrayNode();
    for (Verdict v : verdicts) {
      ObjectNode o = results.addObject();
      switch (v) {
        case Verdict.Accepted a ->
            o.put("station", a.stationId())
                .put("sequence", Long.parseLong(a.ballotId()))
                .put("status", "accepted")
                .put("index", a.index())
                .put("resubmitted", a.resubmitted());
        case Verdict.Rejected r -> {
          if (r.ballotId().matches("[0-9]{1,18}")) {
            o.put("sequence", Long.parseLong(r.ballotId()));
          }
          o.put("status", "rejected").put("reason", r.reason());
        }
      }
    }
    return json(JSON.createObjectNode().set("results", results));
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

  /** A validator's state as /health, /ready and /metrics report it. */
  record Vitals(
      String validator,
      Optional<String> stoppedBecause,
      RaftReplica.Status raft,
      RaftReplica.RejoinState rejoin,
      long treeSize,
      String root,
      int checkpoints,
      long checkpointSize,
      OptionalLong checkpointAgeSeconds) {
    /**
     * Running: the state machine applies entries and the Raft server runs, or it has not started
     * yet because this wiped validator waits for its peers to make it a member again (a rejoin in
     * progress is no reason to restart it).
     */
    boolean live() {
      return stoppedBecause.isEmpty() && (raft.alive() || rejoin.state().equals("rejoining"));
    }

    /** Why this validator should not take traffic now; empty when it is ready. */
    Optional<String> notReady() {
      if (stoppedBecause.isPresent()) {
        return Optional.of("the state machine stopped: " + stoppedBecause.get());
      }
      if (rejoin.state().equals("rejoining")) {
        return Optional.of("it is rejoining the group: " + rejoin.step());
      }
      if (rejoin.state().equals("catching up")) {
        return Optional.of(
            "it rejoined the group and has applied Raft index "
                + raft.lastAppliedIndex()
                + " of the "
                + rejoin.targetIndex()
                + " its peers had committed");
      }
      if (!raft.alive()) {
        return Optional.of("the Raft server is not running");
      }
      if (raft.leader().isEmpty()) {
        return Optional.of("no leader is known");
      }
      if (treeSize > checkpointSize
          && (checkpointAgeSeconds.isEmpty()
              || checkpointAgeSeconds.getAsLong() > READY_CHECKPOINT_AGE_SECONDS)) {
        return Optional.of(
            (treeSize - checkpointSize)
                + " entries are not under a quorum-cosigned checkpoint and none was cosigned in the"
                + " last "
                + READY_CHECKPOINT_AGE_SECONDS
                + " s");
      }
      return Optional.empty();
    }
  }

  /** How old the latest cosigned checkpoint may be while entries wait outside it, for /ready. */
  static final long READY_CHECKPOINT_AGE_SECONDS = 30;

  private final java.util.concurrent.atomic.AtomicReference<Object[]> cosignedAt =
      new java.util.concurrent.atomic.AtomicReference<>(new Object[] {null, OptionalLong.empty()});

  /**
   * The newest timestamp among the cosignatures of the policy's validators on {@code note} that
   * verify (the note's own time of agreement, the same on every validator and after restarts).
   */
  private OptionalLong cosignedAtSeconds(SignedNote note) {
    Object[] cached = cosignedAt.get();
    if (cached[0] == note) {
      return (OptionalLong) cached[1];
    }
    long newest = -1;
    for (WitnessPolicy.Witness w : node.config().policy().witnesses().values()) {
      for (NoteSignature sig : note.signatures()) {
        OptionalLong ts = Cosignatures.verify(w.key(), note.text(), sig);
        if (ts.isPresent()) {
          newest = Math.max(newest, ts.getAsLong());
        }
      }
    }
    OptionalLong out = newest < 0 ? OptionalLong.empty() : OptionalLong.of(newest);
    cosignedAt.set(new Object[] {note, out});
    return out;
  }

  Vitals vitals() {
    LedgerState s = state();
    Optional<SignedNote> cp = s.latestCheckpoint();
    long cpSize = cp.map(n -> Checkpoint.parse(n.text()).size()).orElse(0L);
    OptionalLong age = OptionalLong.empty();
    if (cp.isPresent()) {
      OptionalLong at = cosignedAtSeconds(cp.get());
      if (at.isPresent()) {
        age = OptionalLong.of(Math.max(0, System.currentTimeMillis() / 1000 - at.getAsLong()));
      }
    }
    return new Vitals(
        node.config().id(),
        node.machine().stoppedBecause(),
        node.replica().status(),
        node.replica().rejoinState(),
        s.log().size(),
        s.log().head().root().base64(),
        s.checkpoints().size(),
        cpSize,
        age);
  }

  private ObjectNode vitalsJson(Vitals v) {
    ObjectNode o =
        JSON.createObjectNode()
            .put("validator", v.validator())
            .put(
                "status",
                !v.live() ? "stopped" : v.rejoin().inProgress() ? v.rejoin().state() : "ok")
            .put("stateMachine", v.stoppedBecause().isEmpty() ? "running" : "stopped");
    v.stoppedBecause().ifPresent(why -> o.put("stoppedBecause", why));
    o.put("raftRole", v.raft().role())
        .put("raftAlive", v.raft().alive())
        .put("term", v.raft().term())
        .put("leader", v.raft().leader())
        .put("lastAppliedIndex", v.raft().lastAppliedIndex())
        .put("treeSize", v.treeSize())
        .put("root", v.root())
        .put("checkpointSize", v.checkpointSize());
    ObjectNode rejoin = o.putObject("rejoin").put("state", v.rejoin().state());
    if (!v.rejoin().step().isEmpty()) {
      rejoin.put("step", v.rejoin().step());
    }
    if (v.rejoin().targetIndex() >= 0) {
      rejoin.put("targetIndex", v.rejoin().targetIndex());
    }
    if (v.rejoin().caughtUpAtIndex() >= 0) {
      rejoin.put("caughtUpAtIndex", v.rejoin().caughtUpAtIndex());
    }
    if (v.checkpointAgeSeconds().isPresent()) {
      o.put("checkpointAgeSeconds", v.checkpointAgeSeconds().getAsLong());
    } else {
      o.putNull("checkpointAgeSeconds");
    }
    return o;
  }

  private static HttpAnswer json(int status, ObjectNode o) {
    return HttpAnswer.json(status, o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * GET /health, liveness: 200 while the state machine applies entries and the Raft server runs,
   * 503 once either stopped (restarting the process is then the remedy). The body says why.
   */
  public HttpAnswer health() {
    Vitals v = vitals();
    return json(v.live() ? 200 : 503, vitalsJson(v));
  }

  /**
   * GET /ready, readiness: 200 when this validator should take traffic: live, a leader known, and
   * the log's entries are under a recent quorum-cosigned checkpoint. 503 with the reason otherwise.
   */
  public HttpAnswer ready() {
    Vitals v = vitals();
    Optional<String> why = v.notReady();
    ObjectNode o = vitalsJson(v).put("ready", why.isEmpty());
    why.ifPresent(w -> o.put("reason", w));
    return json(why.isEmpty() ? 200 : 503, o);
  }

  /** Why /ready answers 503 now (in the words of its {@code reason}); empty when it answers 200. */
  public Optional<String> notReadyBecause() {
    return vitals().notReady();
  }

  /** GET /metrics in the Prometheus text exposition format (version 0.0.4). */
  public HttpAnswer metrics() {
    Vitals v = vitals();
    PrometheusText m = new PrometheusText();
    m.gauge(
        "urna_ledger_state_machine_running",
        "1 while this validator's state machine applies entries, 0 once it stopped",
        v.stoppedBecause().isEmpty() ? 1 : 0);
    m.gauge("urna_ledger_raft_alive", "1 while the Raft server runs", v.raft().alive() ? 1 : 0);
    m.gauge(
        "urna_ledger_is_leader",
        "1 when this validator is the Raft leader",
        v.raft().role().equals("leader") ? 1 : 0);
    m.gauge(
        "urna_ledger_leader_known",
        "1 when this validator knows a leader",
        v.raft().leader().isEmpty() ? 0 : 1);
    m.gauge("urna_ledger_raft_term", "the current Raft term", v.raft().term());
    m.gauge(
        "urna_ledger_last_applied_index",
        "the Raft index of the last entry applied here",
        v.raft().lastAppliedIndex());
    m.gauge("urna_ledger_tree_size", "entries in this validator's Merkle log", v.treeSize());
    m.gauge("urna_ledger_checkpoints", "quorum-cosigned checkpoints agreed", v.checkpoints());
    m.gauge(
        "urna_ledger_checkpoint_size",
        "tree size of the latest quorum-cosigned checkpoint",
        v.checkpointSize());
    m.gauge(
        "urna_ledger_checkpoint_age_seconds",
        "seconds since the newest validator cosignature on the latest checkpoint (NaN: none)",
        v.checkpointAgeSeconds().isPresent() ? v.checkpointAgeSeconds().getAsLong() : Double.NaN);
    m.gauge("urna_ledger_ready", "1 when /ready answers 200", v.notReady().isEmpty() ? 1 : 0);
    m.gauge(
        "urna_ledger_rejoining",
        "1 while this validator, found without Raft storage, rejoins or catches up; 0 otherwise",
        v.rejoin().inProgress() ? 1 : 0);
    m.gauge(
        "urna_ledger_rejoin_target_index",
        "the Raft index its peers had committed when this validator rejoined (NaN: it never did)",
        v.rejoin().targetIndex() >= 0 ? v.rejoin().targetIndex() : Double.NaN);
    m.gauge(
        "urna_ledger_rejoin_caught_up_index",
        "the Raft index at which the rejoined validator caught up (NaN: not rejoined or not yet)",
        v.rejoin().caughtUpAtIndex() >= 0 ? v.rejoin().caughtUpAtIndex() : Double.NaN);
    node.audit()
        .ifPresent(
            a -> {
              m.counter(
                  "urna_ledger_proofs_checked_total",
                  "entries whose proofs the audit checked",
                  a.checked());
              m.counter(
                  "urna_ledger_proofs_failed_total",
                  "entries whose proofs the audit found invalid",
                  a.failed());
            });
    return new HttpAnswer(
        200, PrometheusText.CONTENT_TYPE, m.text().getBytes(StandardCharsets.UTF_8), false);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
