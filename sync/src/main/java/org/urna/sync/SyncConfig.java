package org.urna.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.urna.tlog.TrustPolicy;

/**
 * How the kiosk reaches the ledger and whom it trusts: the validators' HTTP endpoints (tried in
 * turn), the trusted tlog-policy (log keys, validator cosigner keys, quorum) from the kiosk's own
 * configuration, the batch size, time-outs, backoff, and the directory that keeps the last verified
 * checkpoint and a standing alarm (beside the ballot box file).
 */
public record SyncConfig(
    List<URI> endpoints,
    TrustPolicy policy,
    Path stateDirectory,
    int batchSize,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration pollInterval,
    Duration confirmInterval,
    Duration backoffBase,
    Duration backoffCap,
    int proofParallelism,
    Duration resubmitAfter,
    java.util.Optional<Path> ledgerCa) {

  public SyncConfig {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("sync needs at least one ledger endpoint");
    }
    for (URI u : endpoints) {
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException("a ledger endpoint is an http(s) URL: " + u);
      }
    }
    ledgerCa = ledgerCa == null ? java.util.Optional.empty() : ledgerCa;
    if (policy == null || stateDirectory == null) {
      throw new IllegalArgumentException("sync needs a trust policy and a state directory");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("a batch holds 1 to 10000 ballots");
    }
    if (proofParallelism < 1 || proofParallelism > 64) {
      throw new IllegalArgumentException("proof parallelism is 1 to 64");
    }
    for (Duration d :
        List.of(connectTimeout, requestTimeout, pollInterval, confirmInterval, resubmitAfter)) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("time-outs and intervals are positive");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code ledger.endpoints} (comma-separated URLs), {@code ledger.policy} (a policy file,
   * relative to {@code base}) and optional {@code sync.batch}, {@code sync.timeout.seconds}, {@code
   * sync.poll.seconds} and {@code ledger.tls.ca} (PEM file of the CAs that issued the validators'
   * HTTPS certificates; without it, the JDK's default trust store).
   */
  public static SyncConfig fromProperties(Properties p, Path base, Path stateDirectory) {
    Builder b = builder().stateDirectory(stateDirectory);
    String urls = p.getProperty("ledger.endpoints", "").strip();
    for (String u : urls.split("\\s*,\\s*")) {
      if (!u.isEmpty()) {
        b.endpoint(URI.create(u));
      }
    }
    String policy = p.getProperty("ledger.policy");
    if (policy == null) {
      throw new IllegalArgumentException("ledger.policy names the trusted policy file");
    }
    try {
      b.policy(TrustPolicy.parse(Files.readAllBytes(base.resolve(policy))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ledger policy file " + policy, e);
    }
    String ca = p.getProperty("ledger.tls.ca", "").strip();
    if (!ca.isEmpty()) {
      b.ledgerCa(base.resolve(ca));
    }
    b.batchSize(Integer.parseInt(p.getProperty("sync.batch", "100")));
    b.requestTimeout(
        Duration.ofSeconds(Long.parseLong(p.getProperty("sync.timeout.seconds", "30"))));
    b.pollInterval(Duration.ofSeconds(Long.parseLong(p.getProperty("sync.poll.seconds", "2"))));
    return b.build();
  }

  /** Defaults: batches of 100, 3 s to connect, 30 s for an answer, backoff 0.5 s to 60 s. */
  public static final class Builder {
    private final List<URI> endpoints = new ArrayList<>();
    private TrustPolicy policy;
    private Path stateDirectory;
    private int batchSize = 100;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofSeconds(2);
    private Duration confirmInterval = Duration.ofMillis(500);
    private Duration backoffBase = Duration.ofMillis(500);
    private Duration backoffCap = Duration.ofSeconds(60);
    private int proofParallelism = 4;
    private Duration resubmitAfter = Duration.ofSeconds(30);
    private Path ledgerCa;

    /** Trust only the CAs in this PEM file for the validators' HTTPS certificates. */
    public Builder ledgerCa(Path pem) {
      ledgerCa = pem;
      return this;
    }

    public Builder endpoint(URI u) {
      endpoints.add(u);
      return this;
    }

    public Builder endpoints(List<URI> us) {
      endpoints.addAll(us);
      return this;
    }

    public Builder policy(TrustPolicy p) {
      policy = p;
      return this;
    }

    public Builder stateDirectory(Path d) {
      stateDirectory = d;
      return this;
    }

    public Builder batchSize(int n) {
      batchSize = n;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      connectTimeout = d;
      return this;
    }

    public Builder requestTimeout(Duration d) {
      requestTimeout = d;
      return this;
    }

    public Builder pollInterval(Duration d) {
      pollInterval = d;
      return this;
    }

    public Builder confirmInterval(Duration d) {
      confirmInterval = d;
      return this;
    }

    public Builder backoff(Duration base, Duration cap) {
      backoffBase = base;
      backoffCap = cap;
      return this;
    }

    public Builder proofParallelism(int n) {
      proofParallelism = n;
      return this;
    }

    public Builder resubmitAfter(Duration d) {
      resubmitAfter = d;
      return this;
    }

    public SyncConfig build() {
      return new SyncConfig(
          endpoints,
          policy,
          stateDirectory,
          batchSize,
          connectTimeout,
          requestTimeout,
          pollInterval,
          confirmInterval,
          backoffBase,
          backoffCap,
          proofParallelism,
          resubmitAfter,
          java.util.Optional.ofNullable(ledgerCa));
    }
  }
}
