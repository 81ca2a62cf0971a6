package org.urna.ledger.replication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.NoteSignature;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.witness.AddCheckpointRequest;
import org.urna.ledger.witness.Cosigner;
import org.urna.ledger.witness.WitnessPolicy;
import org.urna.ledger.witness.WitnessResponse;

/**
 * On the Raft leader: signs a checkpoint of the current log, collects cosignatures through the
 * tlog-witness add-checkpoint protocol (its own cosigner and every witness with a URL in the
 * policy) and, once the quorum is reached, replicates the cosigned checkpoint through Raft so that
 * every validator publishes it.
 */
public final class Checkpointer {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private final String origin;
  private final SigningKey logKey;
  private final Cosigner ownCosigner;
  private final String ownWitnessName;
  private final WitnessPolicy policy;
  private final LedgerStateMachine machine;
  private final BooleanSupplier isLeader;
  private final Submitter submitter;
  private final HttpClient http;
  private final Map<String, Long> witnessSizes = new ConcurrentHashMap<>();
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

  public interface Submitter {
    String submitCheckpoint(byte[] note) throws IOException;
  }

  public Checkpointer(
      String origin,
      SigningKey logKey,
      Cosigner ownCosigner,
      String ownWitnessName,
      WitnessPolicy policy,
      LedgerStateMachine machine,
      BooleanSupplier isLeader,
      Submitter submitter) {
    this(
        origin,
        logKey,
        ownCosigner,
        ownWitnessName,
        policy,
        machine,
        isLeader,
        submitter,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
  }

  /** With the HTTP client for witness requests (with TLS: one that trusts the validators' CAs). */
  public Checkpointer(
      String origin,
      SigningKey logKey,
      Cosigner ownCosigner,
      String ownWitnessName,
      WitnessPolicy policy,
      LedgerStateMachine machine,
      BooleanSupplier isLeader,
      Submitter submitter,
      HttpClient http) {
    this.http = http;
    this.origin = origin;
    this.logKey = logKey;
    this.ownCosigner = ownCosigner;
    this.ownWitnessName = ownWitnessName;
    this.policy = policy;
    this.machine = machine;
    this.isLeader = isLeader;
    this.submitter = submitter;
  }

  /** One round; returns true when a new cosigned checkpoint was agreed. */
  public boolean round() {
    if (!isLeader.getAsBoolean()) {
      return false;
    }
    LedgerState state = machine.state();
    MerkleLog log = state.log();
    long size = log.size();
    long agreed = state.latestCheckpoint().map(n -> Checkpoint.parse(n.text()).size()).orElse(0L);
    if (size == 0 || size <= agreed) {
      return false;
    }
    String text = new Checkpoint(origin, size, log.root(size), List.of()).text();
    SignedNote note = new SignedNote(text, List.of(SignedNote.sign(logKey, text)));
    List<Future<List<NoteSignature>>> asks = new ArrayList<>();
    long ownOld = ownCosigner.latest().map(h -> h.size()).orElse(0L);
    asks.add(pool.submit(() -> local(note, log, ownOld)));
    for (WitnessPolicy.Witness w : policy.witnesses().values()) {
      if (w.name().equals(ownWitnessName) || w.url().isEmpty()) {
        continue;
      }
      asks.add(pool.submit(() -> remote(w, note, log, size)));
    }
    SignedNote cosigned = note;
    for (Future<List<NoteSignature>> f : asks) {
      try {
        for (NoteSignature s : f.get(10, TimeUnit.SECONDS)) {
          cosigned = cosigned.withSignature(s);
        }
      } catch (Exception e) {
        LOG.debug("A cosignature did not arrive: {}", e.toString());
      }
    }
    if (!policy.accepts(cosigned)) {
      LOG.info("Checkpoint {} lacks a quorum of cosignatures for now", size);
      return false;
    }
    try {
      String outcome = submitter.submitCheckpoint(cosigned.bytes());
      LOG.info("Checkpoint {} cosigned by {}: {}", size, policy.cosigners(cosigned), outcome);
      return outcome.equals("ok");
    } catch (IOException e) {
      LOG.warn("Could not replicate checkpoint {}: {}", size, e.toString());
      return false;
    }
  }

  private List<NoteSignature> local(SignedNote note, MerkleLog log, long old) {
    long size = Checkpoint.parse(note.text()).size();
    if (old > size) {
      return List.of();
    }
    byte[] body =
        new AddCheckpointRequest(old, log.consistencyProof(old, size), note)
            .format()
            .getBytes(StandardCharsets.UTF_8);
    return switch (ownCosigner.addCheckpoint(body)) {
      case WitnessResponse.Cosigned c -> c.cosignatures();
      case WitnessResponse.Conflict c -> List.of();
      case WitnessResponse.Refused r -> List.of();
    };
  }

  private List<NoteSignature> remote(
      WitnessPolicy.Witness w, SignedNote note, MerkleLog log, long size)
      throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 3; attempt++) {
      long old = witnessSizes.getOrDefault(w.name(), 0L);
      if (old > size) {
        return List.of();
      }
      String body = new AddCheckpointRequest(old, log.consistencyProof(old, size), note).format();
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(w.url().orElseThrow() + "/add-checkpoint"))
              .timeout(Duration.ofSeconds(8))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> resp =
          http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      switch (resp.statusCode()) {
        case 200 -> {
          witnessSizes.put(w.name(), size);
          List<NoteSignature> sigs = new ArrayList<>();
          for (String line : resp.body().split("\n")) {
            try {
              sigs.add(NoteSignature.parseLine(line));
            } catch (NoteFormatException e) {
              LOG.warn("Witness {} sent a malformed line", w.name());
            }
          }
          return sigs;
        }
        case 409 -> {
          String latest = resp.body().strip();
          if (!latest.matches("[0-9]{1,19}")) {
            return List.of();
          }
          witnessSizes.put(w.name(), Long.parseLong(latest));
        }
        case 503 -> Thread.sleep(100);
        default -> {
          LOG.warn(
              "Witness {} refused checkpoint {}: {} {}",
              w.name(),
              size,
              resp.statusCode(),
              resp.body().strip());
          return List.of();
        }
      }
    }
    return List.of();
  }

  public void close() {
    pool.shutdownNow();
  }
}
