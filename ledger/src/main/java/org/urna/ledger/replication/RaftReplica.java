package org.urna.ledger.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

/**
 * One validator's Ratis server and client. Ratis does the consensus (Raft); this class only wires
 * it: the configured bind address and TLS (see NetworkConfig), raised election time-outs, snapshots
 * every N entries with the Raft log purged up to them (so a lagging or wiped follower is caught up
 * by snapshot install).
 *
 * <p>A validator whose Raft storage is gone (a wiped or replaced disk) while its peers' group has a
 * history does not vote with an empty log under its old identity: Raft's safety assumes that a
 * member never forgets what it acknowledged or voted for, and a leader that stays up keeps the
 * wiped member's old match index (Ratis then re-sends from there on every heartbeat and the member
 * never catches up). It {@linkplain Rejoin rejoins} instead: it has the others remove it from the
 * group's configuration, starts its Raft server, and has itself added back as a new member, which
 * the leader brings up to date by log replay or snapshot install before the new configuration is
 * committed. See docs/spec/ledger.md, "A wiped validator".
 */
public final class RaftReplica implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RaftReplica.class);

  private final RaftServer server;
  private final RaftClient client;
  private final RaftGroup group;
  private final LedgerStateMachine machine;
  private final Rejoin rejoin;

  public RaftReplica(NodeConfig config, LedgerStateMachine machine) throws IOException {
    this.machine = machine;
    List<RaftPeer> peers =
        config.peers().stream()
            .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress()).build())
            .toList();
    group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.fromString(config.groupId())), peers);
    RaftProperties props = new RaftProperties();
    Peer self = config.self();
    var net = config.network();
    GrpcConfigKeys.Server.setHost(
        props,
        net.raftBindHost().isEmpty() ? Peer.raftHost(self.raftAddress()) : net.raftBindHost());
    GrpcConfigKeys.Server.setPort(
        props, net.raftBindPort() == 0 ? Peer.raftPort(self.raftAddress()) : net.raftBindPort());
    // With TLS: mutual TLS on the one gRPC port (server, client and admin services), for the
    // node's server and for its own client alike.
    Parameters parameters = new Parameters();
    net.tls().ifPresent(t -> GrpcConfigKeys.TLS.setConf(parameters, t.ratis()));
    RaftServerConfigKeys.setStorageDir(props, List.of(config.dataDir().resolve("raft").toFile()));
    long min = config.electionTimeout().toMillis();
    RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(min, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(
        props, TimeDuration.valueOf(min * 2, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(
        props, TimeDuration.valueOf(Math.max(3000, min * 3), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, config.snapshotEvery());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, 2);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
    // Ratis purges only when the snapshot is this many entries past the log start (default 1024):
    // at most one snapshot interval, so that a lagging follower really gets a snapshot install.
    RaftServerConfigKeys.Log.setPurgeGap(
        props, (int) Math.max(1, Math.min(config.snapshotEvery(), 1024)));
    RaftServerConfigKeys.Log.setSegmentSizeMax(
        props, org.apache.ratis.util.SizeInBytes.valueOf(config.raftSegmentBytes()));
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(props, true);
    RaftClientConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(15, TimeUnit.SECONDS));
    server =
        RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(config.id()))
            .setGroup(group)
            .setProperties(props)
            .setStateMachine(machine)
            .setParameters(parameters)
            .setOption(org.apache.ratis.server.storage.RaftStorage.StartupOption.RECOVER)
            .build();
    client =
        RaftClient.newBuilder()
            .setProperties(props)
            .setRaftGroup(group)
            .setClientId(ClientId.randomId())
            .setClientRpc(new GrpcFactory(parameters).newRaftClientRpc(ClientId.randomId(), props))
            .build();
    boolean fresh =
        !java.nio.file.Files.exists(
            config.dataDir().resolve("raft").resolve(group.getGroupId().getUuid().toString()));
    long history = fresh ? Rejoin.probe(group, self.id(), props, parameters) : -1;
    if (history >= Rejoin.HISTORY) {
      LOG.warn(
          "Validator {} has no Raft storage but its peers have committed up to index {}: it"
              + " rejoins the group as a new member instead of voting with an empty log",
          self.id(),
          history);
      machine.openEmpty();
      rejoin = new Rejoin(group, RaftPeerId.valueOf(self.id()), props, parameters, server, history);
      rejoin.begin();
    } else {
      rejoin = null;
      server.start();
    }
  }

  /**
   * Why this validator cannot yet count on its replicated state (a rejoin not finished, or the
   * entries its peers had committed when it rejoined not yet applied); empty once it can.
   */
  public java.util.Optional<String> catchingUp() {
    if (rejoin != null) {
      java.util.Optional<String> r = rejoin.pending();
      if (r.isPresent()) {
        return r;
      }
      if (machine.lastAppliedIndex() < rejoin.target()) {
        return java.util.Optional.of(
            "it rejoined the group and has applied Raft index "
                + machine.lastAppliedIndex()
                + " of the "
                + rejoin.target()
                + " its peers had committed");
      }
    }
    try {
      var division = server.getDivision(group.getGroupId());
      if (division.getInfo().getLeaderId() == null) {
        return java.util.Optional.of("it knows no Raft leader yet");
      }
      long committed = division.getRaftLog().getLastCommittedIndex();
      if (machine.lastAppliedIndex() < committed) {
        return java.util.Optional.of(
            "it has applied Raft index "
                + machine.lastAppliedIndex()
                + " of the "
                + committed
                + " committed");
      }
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.of("its Raft server is not running");
    }
    return java.util.Optional.empty();
  }

  /** The first index still in this validator's Raft log (above 0 once a snapshot purged it). */
  public long raftLogStartIndex() {
    try {
      return server.getDivision(group.getGroupId()).getRaftLog().getStartIndex();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Where this validator's rejoin stands, as /health, /ready and /metrics report it.
   *
   * @param state {@code none} (it kept its Raft storage), {@code rejoining} (its peers have not yet
   *     made it a member again: {@code step} says what it waits for), {@code catching up} (a member
   *     again, it has not yet applied the index its peers had committed), {@code caught up}
   * @param step the step of the rejoin not yet done (empty unless rejoining)
   * @param targetIndex the Raft index its peers had committed when it found its storage gone (-1:
   *     none)
   * @param caughtUpAtIndex once caught up, that same index, which it has applied (-1 before)
   */
  public record RejoinState(String state, String step, long targetIndex, long caughtUpAtIndex) {
    public static final RejoinState NONE = new RejoinState("none", "", -1, -1);

    /** Rejoining or catching up: alive, but its replicated state cannot be counted on yet. */
    public boolean inProgress() {
      return state.equals("rejoining") || state.equals("catching up");
    }
  }

  public RejoinState rejoinState() {
    if (rejoin == null) {
      return RejoinState.NONE;
    }
    java.util.Optional<String> step = rejoin.step();
    if (step.isPresent()) {
      return new RejoinState("rejoining", step.get(), rejoin.target(), -1);
    }
    if (machine.lastAppliedIndex() < rejoin.target()) {
      return new RejoinState("catching up", "", rejoin.target(), -1);
    }
    return new RejoinState("caught up", "", rejoin.target(), rejoin.target());
  }

  /** Whether this validator came back without Raft storage and rejoined as a new member. */
  public boolean rejoined() {
    return rejoin != null;
  }

  public boolean isLeader() {
    try {
      return server.getDivision(group.getGroupId()).getInfo().isLeader();
    } catch (IOException e) {
      return false;
    }
  }

  public String leaderId() {
    try {
      var id = server.getDivision(group.getGroupId()).getInfo().getLeaderId();
      return id == null ? "" : id.toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** Replicates a batch of recorded ballots; completes with every validator's shared verdicts. */
  public CompletableFuture<List<Verdict>> submit(List<byte[]> ballots) {
    return submitBatch(Commands.batch(ballots));
  }

  /**
   * Replicates a binary batch as received from a station ({@link Commands#batch}, framing already
   * checked): the command byte is prepended without copying the body.
   */
  public CompletableFuture<List<Verdict>> submitBatch(byte[] batch) {
    return submitCommand(Commands.SUBMIT, batch);
  }

  /**
   * Replicates a station-signed batch as received ({@link Commands#signedBatch}, framing already
   * checked), as a SUBMIT_SIGNED entry.
   */
  public CompletableFuture<List<Verdict>> submitSignedBatch(byte[] signedBatch) {
    return submitCommand(Commands.SUBMIT_SIGNED, signedBatch);
  }

  /**
   * Replicates station lifecycle events as received ({@code u32 n || n × (u32 length || event)},
   * framing already checked), as a SUBMIT_EVENTS entry.
   */
  public CompletableFuture<List<Verdict>> submitEvents(byte[] events) {
    return submitCommand(Commands.SUBMIT_EVENTS, events);
  }

  private CompletableFuture<List<Verdict>> submitCommand(byte kind, byte[] body) {
    ByteString command =
        ByteString.copyFrom(new byte[] {kind}).concat(UnsafeByteOperations.unsafeWrap(body));
    return client
        .async()
        .send(Message.valueOf(command))
        .thenApply(
            reply -> {
              try {
                return Commands.readVerdicts(content(reply));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /**
   * Replicates a command as given, whatever it holds: what a faulty or hostile leader could put in
   * the Raft log. Completes with the state machine's reply. For tests of the state machine.
   */
  CompletableFuture<byte[]> submitRaw(byte[] command) {
    return client
        .async()
        .send(Message.valueOf(ByteString.copyFrom(command)))
        .thenApply(
            reply -> {
              try {
                return content(reply);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /** This validator's view of the Raft group. */
  public record Status(
      String role, String leader, long term, long lastAppliedIndex, boolean alive) {}

  public Status status() {
    try {
      var info = server.getDivision(group.getGroupId()).getInfo();
      var leader = info.getLeaderId();
      return new Status(
          info.getCurrentRole().name().toLowerCase(java.util.Locale.ROOT),
          leader == null ? "" : leader.toString(),
          info.getCurrentTerm(),
          info.getLastAppliedIndex(),
          info.isAlive());
    } catch (IOException | RuntimeException e) {
      return new Status("unknown", "", -1, -1, false);
    }
  }

  public String submitCheckpoint(byte[] note) throws IOException {
    RaftClientReply reply =
        client.io().send(Message.valueOf(ByteString.copyFrom(Commands.checkpoint(note))));
    return new String(content(reply), StandardCharsets.UTF_8);
  }

  private static byte[] content(RaftClientReply reply) throws IOException {
    if (!reply.isSuccess()) {
      throw new IOException("the ledger network did not commit the entry: " + reply.getException());
    }
    return reply.getMessage().getContent().toByteArray();
  }

  public LedgerStateMachine machine() {
    return machine;
  }

  @Override
  public void close() throws IOException {
    if (rejoin != null) {
      rejoin.close();
    }
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
