package org.urna.ledger.replication;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a validator without Raft storage back into its group as a new member: (1) the others
 * remove it from the configuration (they must both be up: the change needs a majority of the old
 * and of the new configuration), (2) its Raft server starts with empty storage, (3) it is added
 * back; the leader creates a fresh follower record for it (match index unknown) and catches it up
 * by log replay, or by snapshot install where the log was purged, before the new configuration is
 * committed. Each step is retried until it succeeds; the node meanwhile neither votes nor counts
 * towards a commit, so it cannot help elect a leader that lacks entries it had acknowledged before
 * it was wiped.
 */
final class Rejoin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Rejoin.class);

  /**
   * The committed Raft index from which a group has a history worth protecting: index 0 holds the
   * first leader's configuration entry, so a peer that has committed index 1 or more has taken
   * entries that this validator may have acknowledged.
   */
  static final long HISTORY = 1;

  /** How long the leader is given, after the removal commits, to drop its follower record. */
  static final Duration RETIRE = Duration.ofSeconds(2);

  /** Refused adds in a row after which the leader's configuration change is taken as stuck. */
  static final int STUCK_AFTER = 2;

  private final RaftGroup group;
  private final RaftPeerId self;
  private final RaftServer server;
  private final long target;
  private final RaftClient others;
  private volatile String step = "waiting for its peers to remove it from the group";
  private volatile boolean done;
  private int failedAdds;
  private volatile boolean closed;
  private Thread thread;

  /**
   * @param tls the node's gRPC parameters: with TLS, its client certificate and the validators' CA
   *     (the peers' Raft ports speak mutual TLS only); empty parameters for plain gRPC
   */
  Rejoin(
      RaftGroup group,
      RaftPeerId self,
      RaftProperties base,
      Parameters tls,
      RaftServer server,
      long target) {
    this.group = group;
    this.self = self;
    this.server = server;
    this.target = target;
    RaftProperties props = new RaftProperties(base);
    RaftClientConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(30, TimeUnit.SECONDS));
    List<RaftPeer> rest = group.getPeers().stream().filter(p -> !p.getId().equals(self)).toList();
    this.others =
        RaftClient.newBuilder()
            .setProperties(props)
            .setRaftGroup(RaftGroup.valueOf(group.getGroupId(), rest))
            .setClientId(ClientId.randomId())
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    6, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
            .setClientRpc(new GrpcFactory(tls).newRaftClientRpc(ClientId.randomId(), props))
            .build();
  }

  /**
   * The highest Raft index any reachable peer reports as committed for this group (-1 when none
   * answers or none has committed anything): a new network's peers answer -1, a wiped member's
   * peers answer the group's progress. With TLS the probe presents the node's own client
   * certificate ({@code tls}): a probe without it is refused by every peer and would take a wiped
   * validator of a TLS network for a member of a new one.
   */
  static long probe(RaftGroup group, String selfId, RaftProperties base, Parameters tls) {
    RaftProperties props = new RaftProperties(base);
    RaftClientConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(3, TimeUnit.SECONDS));
    long best = -1;
    try (RaftClient probe =
        RaftClient.newBuilder()
            .setProperties(props)
            .setRaftGroup(group)
            .setClientId(ClientId.randomId())
            .setRetryPolicy(RetryPolicies.noRetry())
            .setClientRpc(new GrpcFactory(tls).newRaftClientRpc(ClientId.randomId(), props))
            .build()) {
      for (RaftPeer p : group.getPeers()) {
        if (p.getId().toString().equals(selfId)) {
          continue;
        }
        try {
          GroupInfoReply info = probe.getGroupManagementApi(p.getId()).info(group.getGroupId());
          best = Math.max(best, info.getLogInfoProto().getCommitted().getIndex());
          for (CommitInfoProto c : info.getCommitInfos()) {
            best = Math.max(best, c.getCommitIndex());
          }
        } catch (IOException | RuntimeException e) {
          LOG.debug("Peer {} did not answer the group probe: {}", p.getId(), e.toString());
        }
      }
    } catch (IOException e) {
      LOG.debug("Could not close the probe client: {}", e.toString());
    }
    return best;
  }

  void begin() {
    thread = Thread.ofPlatform().daemon().name("rejoin-" + self).start(this::run);
  }

  /** The Raft index the peers had committed when this validator found its storage gone. */
  long target() {
    return target;
  }

  /** The step of the rejoin not yet done; empty once this validator is a member again. */
  Optional<String> pending() {
    return step().map(s -> "it is rejoining the group: " + s);
  }

  /** The step not yet done, in words; empty once this validator is a member again. */
  Optional<String> step() {
    return done ? Optional.empty() : Optional.of(step);
  }

  private void run() {
    boolean removed = false;
    boolean started = false;
    while (!closed && !done) {
      try {
        if (!removed) {
          step = "waiting for its peers to remove it from the group (both must be up)";
          RaftClientReply r =
              others
                  .admin()
                  .setConfiguration(
                      group.getPeers().stream().filter(p -> !p.getId().equals(self)).toList());
          removed = r.isSuccess();
          if (!removed) {
            throw new IOException(String.valueOf(r.getException()));
          }
          LOG.info("Validator {} removed from the group's configuration", self);
          // The leader replies once the new configuration is committed but retires its follower
          // record for this validator a moment later; an add inside that window is refused and
          // leaves the leader's configuration change stuck (see unstick below).
          step = "letting the leader retire its old follower record";
          Thread.sleep(RETIRE.toMillis());
        }
        if (!started) {
          step = "starting its Raft server";
          server.start();
          started = true;
        }
        step = "waiting for the leader to add it back and bring it up to date";
        RaftClientReply r;
        try {
          r = others.admin().setConfiguration(List.copyOf(group.getPeers()));
        } catch (IOException | RuntimeException e) {
          failedAdds++;
          throw e;
        }
        if (!r.isSuccess()) {
          failedAdds++;
          throw new IOException(String.valueOf(r.getException()));
        }
        done = true;
        LOG.info("Validator {} is a member of the group again", self);
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.info("Rejoin of {}: {} ({}); retrying", self, step, e.toString());
        if (failedAdds >= STUCK_AFTER) {
          unstick();
          failedAdds = 0;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /**
   * Moves the leadership to the other remaining peer. A Raft leader that refused a configuration
   * change after registering it keeps it pending and refuses every later one while it leads (seen
   * with a follower record not yet retired); a new leader starts with no pending change and with
   * follower records built from the committed configuration.
   */
  private void unstick() {
    List<RaftPeer> rest = group.getPeers().stream().filter(p -> !p.getId().equals(self)).toList();
    RaftPeerId leader = null;
    for (RaftPeer p : rest) {
      try {
        GroupInfoReply info = others.getGroupManagementApi(p.getId()).info(group.getGroupId());
        if (info.getRoleInfoProto().getRole() == RaftPeerRole.LEADER) {
          leader = p.getId();
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("Peer {} did not answer the group probe: {}", p.getId(), e.toString());
      }
    }
    if (leader == null) {
      return;
    }
    for (RaftPeer p : rest) {
      if (p.getId().equals(leader)) {
        continue;
      }
      step = "moving the leadership off " + leader + ", whose configuration change is stuck";
      LOG.info("Rejoin of {}: {}", self, step);
      try {
        RaftClientReply r = others.admin().transferLeadership(p.getId(), 10_000);
        LOG.info("Leadership transfer to {}: {}", p.getId(), r.isSuccess() ? "done" : r);
      } catch (IOException | RuntimeException e) {
        LOG.info("Leadership transfer to {} failed: {}", p.getId(), e.toString());
      }
      return;
    }
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      others.close();
    } catch (IOException e) {
      LOG.debug("Could not close the rejoin client: {}", e.toString());
    }
  }
}
