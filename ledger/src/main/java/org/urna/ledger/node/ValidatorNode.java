package org.urna.ledger.node;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.core.verify.BallotVerifier;
import org.urna.ledger.http.LedgerHttpServer;
import org.urna.ledger.merkle.TreeHead;
import org.urna.ledger.replication.Checkpointer;
import org.urna.ledger.replication.LedgerStateMachine;
import org.urna.ledger.replication.NodeConfig;
import org.urna.ledger.replication.RaftReplica;
import org.urna.ledger.witness.Cosigner;
import org.urna.ledger.witness.LogAgreement;
import org.urna.ledger.witness.WitnessMemory;

/** One running validator: Raft replica, cosigner, checkpointer, proof audit and HTTP server. */
public final class ValidatorNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ValidatorNode.class);

  private final NodeConfig config;
  private final LedgerStateMachine machine;
  private volatile RaftReplica replica;
  private final Cosigner cosigner;
  private final Checkpointer checkpointer;
  private final Optional<ProofAudit> audit;
  private final LedgerHttpServer http;
  private final Thread loop;
  private volatile boolean running = true;

  private ValidatorNode(NodeConfig config, Optional<BallotVerifier> verifier) throws Exception {
    this.config = config;
    this.machine =
        new LedgerStateMachine(
            config.dataDir().resolve("state"), config.validator(), config.policy());
    this.cosigner =
        new Cosigner(
            config.cosignerKey(),
            config.origin(),
            config.policy().logKeys(config.origin()),
            this::agree,
            config.dataDir().resolve("cosigner-state"),
            Clock.systemUTC(),
            new WitnessMemory() {
              @Override
              public Optional<String> unknownBecause() {
                RaftReplica r = replica;
                if (r == null) {
                  return Optional.of("its Raft server is starting");
                }
                Optional<String> stop = machine.stoppedBecause();
                return stop.isPresent() ? Optional.of("its state machine stopped") : r.catchingUp();
              }

              @Override
              public Optional<TreeHead> agreed() {
                return machine.latestAgreedHead();
              }
            });
    this.replica = new RaftReplica(config, machine);
    this.checkpointer =
        new Checkpointer(
            config.origin(),
            config.logKey(),
            cosigner,
            config.cosignerKey().name(),
            config.policy(),
            machine,
            replica::isLeader,
            replica::submitCheckpoint,
            config.network().httpClient(java.time.Duration.ofSeconds(2)));
    this.audit = verifier.map(v -> new ProofAudit(v, machine));
    this.http = new LedgerHttpServer(this, config.httpPort());
    this.loop = Thread.ofVirtual().name("checkpointer-" + config.id()).start(this::checkpointLoop);
    LOG.info(
        "Validator {} started: HTTP{} on {}:{}, Raft on {}",
        config.id(),
        config.network().tls().isPresent() ? "S" : "",
        config.network().httpBind(),
        http.port(),
        config.self().raftAddress());
  }

  public static ValidatorNode start(NodeConfig config, Optional<BallotVerifier> verifier)
      throws Exception {
    return new ValidatorNode(config, verifier);
  }

  private LogAgreement.Verdict agree(TreeHead head) {
    try {
      if (!machine.awaitSize(head.size(), 3000)) {
        return LogAgreement.Verdict.BEHIND;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LogAgreement.Verdict.BEHIND;
    }
    return machine.state().log().root(head.size()).equals(head.root())
        ? LogAgreement.Verdict.AGREES
        : LogAgreement.Verdict.DISAGREES;
  }

  private void checkpointLoop() {
    while (running) {
      try {
        Thread.sleep(config.checkpointInterval().toMillis());
        checkpointer.round();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Checkpoint round failed: {}", e.toString());
      }
    }
  }

  public NodeConfig config() {
    return config;
  }

  public LedgerStateMachine machine() {
    return machine;
  }

  public RaftReplica replica() {
    return replica;
  }

  public Cosigner cosigner() {
    return cosigner;
  }

  public Optional<ProofAudit> audit() {
    return audit;
  }

  public int httpPort() {
    return http.port();
  }

  /**
   * Why this validator should not take traffic now, as /ready says it (its state machine stopped,
   * it is rejoining or catching up, it knows no leader, its entries wait for a cosigned
   * checkpoint); empty when /ready answers 200.
   */
  public Optional<String> notReadyBecause() {
    return http.notReadyBecause();
  }

  @Override
  public void close() throws Exception {
    running = false;
    loop.interrupt();
    checkpointer.close();
    audit.ifPresent(ProofAudit::close);
    try {
      http.close();
    } finally {
      replica.close();
      machine.state().log().close();
    }
  }
}
