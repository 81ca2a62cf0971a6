package org.urna.ledger.node;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a validator listens and how it speaks to its peers. The addresses the others dial (the
 * advertised ones) are this validator's entry in the peer list ({@code Peer}); the bind addresses
 * here are the local interfaces it listens on, which differ behind NAT or when listening on every
 * interface ({@code 0.0.0.0}).
 *
 * @param httpBind the interface of the HTTP API (default 127.0.0.1)
 * @param raftBindHost the interface of the Raft gRPC port; empty: the host of the advertised Raft
 *     address
 * @param raftBindPort the Raft gRPC port; 0: the port of the advertised Raft address
 * @param tls when present, the HTTP API is HTTPS only and the Raft port speaks mutual TLS
 */
public record NetworkConfig(
    String httpBind, String raftBindHost, int raftBindPort, Optional<TlsMaterial> tls) {
  public static final String DEFAULT_HTTP_BIND = "127.0.0.1";

  public NetworkConfig {
    if (httpBind == null || httpBind.isBlank()) {
      throw new IllegalArgumentException("http.bind: an interface address is needed");
    }
    if (raftBindHost == null) {
      raftBindHost = "";
    }
    if (raftBindPort < 0 || raftBindPort > 65_535) {
      throw new IllegalArgumentException("raft.bind: the port is 1 to 65535");
    }
    tls = tls == null ? Optional.empty() : tls;
  }

  /** HTTP on 127.0.0.1, Raft on the advertised address, no TLS: one machine. */
  public static NetworkConfig loopback() {
    return new NetworkConfig(DEFAULT_HTTP_BIND, "", 0, Optional.empty());
  }

  /** The URL scheme of every validator's HTTP API under this configuration. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  /**
   * An HTTP client for calls to peers' APIs (witness requests): with TLS, it trusts only the
   * configured CAs and presents this node's certificate.
   */
  public HttpClient httpClient(Duration connectTimeout) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
    tls.ifPresent(t -> b.sslContext(t.sslContext()));
    return b.build();
  }
}
