package org.urna.ledger.replication;

/** A validator of the network: its Raft id, Raft address (host:port) and HTTP base URL. */
public record Peer(String id, String raftAddress, String httpUrl) {
  public Peer {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException("a validator id is 1-32 lowercase letters, digits or '-'");
    }
    if (raftAddress == null || !raftAddress.contains(":")) {
      throw new IllegalArgumentException("a Raft address is host:port");
    }
  }
}
