package org.urna.ledger.replication;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A validator of the network: its Raft id, the Raft address (host:port) the others dial and the
 * base URL of its HTTP API. These are the addresses a validator advertises; where it binds is
 * {@code org.urna.ledger.node.NetworkConfig}.
 */
public record Peer(String id, String raftAddress, String httpUrl) {
  public Peer {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException(
          "a validator id is 1-32 lowercase letters, digits or '-': " + id);
    }
    if (raftAddress == null || raftAddress.lastIndexOf(':') < 1) {
      throw new IllegalArgumentException(
          "the Raft address of " + id + " is host:port, not " + raftAddress);
    }
    String port = raftAddress.substring(raftAddress.lastIndexOf(':') + 1);
    if (!port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65_535) {
      throw new IllegalArgumentException(
          "the Raft address of " + id + " ends in a port 1 to 65535, not '" + port + "'");
    }
    String host = raftHost(raftAddress);
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      throw new IllegalArgumentException(
          "the Raft address of "
              + id
              + " is the address the other validators dial, not '"
              + host
              + "' (bind to every interface with raft.bind)");
    }
    URI url;
    try {
      url = new URI(httpUrl == null ? "" : httpUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the HTTP URL of " + id + " is not a URL: " + httpUrl);
    }
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null
        || !(url.getPath() == null || url.getPath().isEmpty())
        || url.getQuery() != null) {
      throw new IllegalArgumentException(
          "the HTTP URL of " + id + " is http(s)://host[:port] with no path, not " + httpUrl);
    }
  }

  /** The host of a host:port address ([v6] brackets removed). */
  public static String raftHost(String address) {
    String h = address.substring(0, address.lastIndexOf(':'));
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** The port of a host:port address. */
  public static int raftPort(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }
}
