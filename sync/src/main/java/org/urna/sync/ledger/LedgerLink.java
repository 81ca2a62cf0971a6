package org.urna.sync.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.urna.sync.ledger.LedgerCallException.Kind;
import org.urna.tlog.InclusionProof;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.TreeHash;

/**
 * The ledger's HTTP API (docs/spec/ledger.md) as the kiosk uses it, over several validators: a call
 * goes to the validator that answered last and, when it cannot be reached, times out or is busy, to
 * the next one. Verifies nothing: {@code org.urna.sync.ConfirmationCheck} does.
 */
public final class LedgerLink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<URI> endpoints;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final AtomicInteger preferred = new AtomicInteger();

  public LedgerLink(List<URI> endpoints, Duration connectTimeout, Duration requestTimeout) {
    this(endpoints, connectTimeout, requestTimeout, java.util.Optional.empty());
  }

  /** With {@code tls}: HTTPS validators are trusted only when a CA of that context issued them. */
  public LedgerLink(
      List<URI> endpoints,
      Duration connectTimeout,
      Duration requestTimeout,
      java.util.Optional<javax.net.ssl.SSLContext> tls) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one ledger endpoint");
    }
    this.endpoints = List.copyOf(endpoints);
    this.requestTimeout = requestTimeout;
    HttpClient.Builder b =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
    tls.ifPresent(b::sslContext);
    this.http = b.build();
  }

  /**
   * A TLS context trusting exactly the CA certificates of a PEM file (the authorities that issued
   * the validators' HTTPS certificates; validators run by several parties: one file, all CAs).
   */
  public static javax.net.ssl.SSLContext trusting(java.nio.file.Path caPem) {
    try (var in = java.nio.file.Files.newInputStream(caPem)) {
      java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      int n = 0;
      for (var c :
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ts.setCertificateEntry("ca" + n++, c);
      }
      if (n == 0) {
        throw new IllegalArgumentException("ledger.tls.ca: " + caPem + " holds no PEM certificate");
      }
      var tmf =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new IllegalArgumentException("ledger.tls.ca: cannot read " + caPem + " (" + e + ")", e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "ledger.tls.ca: " + caPem + " holds no readable PEM certificate: " + e.getMessage(), e);
    }
  }

  /** An answer and the validator that gave it. */
  public record Answer<T>(T value, URI endpoint) {}

  private interface Call<T> {
    T on(URI endpoint) throws LedgerCallException;
  }

  /** Tries each validator once, starting with the one that answered last. */
  private <T> Answer<T> anyValidator(Call<T> call) throws LedgerCallException {
    LedgerCallException last = null;
    int start = preferred.get();
    for (int i = 0; i < endpoints.size(); i++) {
      int n = (start + i) % endpoints.size();
      URI endpoint = endpoints.get(n);
      try {
        T value = call.on(endpoint);
        preferred.set(n);
        return new Answer<>(value, endpoint);
      } catch (LedgerCallException e) {
        if (!e.transientFault()) {
          throw e;
        }
        last = e;
      }
    }
    preferred.set((start + 1) % endpoints.size());
    throw last;
  }

  /**
   * POST /v1/batches as a binary batch ({@code u32 n || n × (u32 length || recorded ballot)},
   * docs/spec/sync.md). Safe to repeat: the ledger answers a ballot it has as resubmitted.
   */
  public Answer<List<SubmitVerdict>> submit(List<byte[]> recordedBallots)
      throws LedgerCallException {
    byte[] batch = binaryBatch(recordedBallots);
    return anyValidator(
        e -> {
          byte[] answer =
              send(
                  e,
                  HttpRequest.newBuilder(e.resolve("/v1/batches"))
                      .header("Content-Type", "application/octet-stream")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(batch)));
          return verdicts(e, answer, recordedBallots.size());
        });
  }

  /**
   * POST /v1/batches as a signed batch ({@code signature (64) || u32 n || n × (u32 length ||
   * recorded ballot)}, {@code Content-Type: application/vnd.urna.signed-batch}, docs/spec/sync.md):
   * {@code signature} is the station's over election-core's {@code BatchStatement} of exactly these
   * ballots. Safe to repeat.
   */
  public Answer<List<SubmitVerdict>> submitSigned(List<byte[]> recordedBallots, byte[] signature)
      throws LedgerCallException {
    byte[] batch = binaryBatch(recordedBallots);
    byte[] body = new byte[signature.length + batch.length];
    System.arraycopy(signature, 0, body, 0, signature.length);
    System.arraycopy(batch, 0, body, signature.length, batch.length);
    return anyValidator(
        e -> {
          byte[] answer =
              send(
                  e,
                  HttpRequest.newBuilder(e.resolve("/v1/batches"))
                      .header("Content-Type", "application/vnd.urna.signed-batch")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
          return verdicts(e, answer, recordedBallots.size());
        });
  }

  /**
   * POST /v1/events ({@code Content-Type: application/vnd.urna.station-events}, {@code u32 n || n ×
   * (u32 length || signed event)}, docs/spec/ledger.md "Station events"). Each verdict's id is the
   * event's number. Safe to repeat: the ledger answers an event it has as resubmitted.
   */
  public Answer<List<SubmitVerdict>> submitEvents(List<byte[]> signedEvents)
      throws LedgerCallException {
    byte[] body = binaryBatch(signedEvents);
    return anyValidator(
        e -> {
          byte[] answer =
              send(
                  e,
                  HttpRequest.newBuilder(e.resolve("/v1/events"))
                      .header("Content-Type", "application/vnd.urna.station-events")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
          try {
            JsonNode results = JSON.readTree(answer).get("results");
            if (results == null || !results.isArray() || results.size() != signedEvents.size()) {
              throw malformed(e, "the ledger's answer does not list one result per event", null);
            }
            List<SubmitVerdict> out = new ArrayList<>();
            for (JsonNode n : results) {
              String id = n.path("sequence").asText("");
              switch (n.path("status").asText()) {
                case "accepted" ->
                    out.add(
                        new SubmitVerdict.Accepted(
                            id, n.path("index").asLong(-1), n.path("resubmitted").asBoolean()));
                case "rejected" ->
                    out.add(new SubmitVerdict.Rejected(id, n.path("reason").asText()));
                default -> throw malformed(e, "a result is neither accepted nor rejected", null);
              }
            }
            return out;
          } catch (IOException | RuntimeException ex) {
            throw malformed(e, "the ledger's answer to events is not the documented JSON", ex);
          }
        });
  }

  /** GET /v1/proof/event/{station}/{number}: a tlog-proof of a station's lifecycle event. */
  public Answer<InclusionProof> eventProof(String station, long sequence)
      throws LedgerCallException {
    return anyValidator(
        e -> {
          byte[] body =
              send(
                  e,
                  HttpRequest.newBuilder(e.resolve("/v1/proof/event/" + station + "/" + sequence)));
          try {
            return InclusionProof.parse(new String(body, StandardCharsets.UTF_8));
          } catch (LedgerFormatException ex) {
            throw malformed(e, "the ledger's proof is not a tlog-proof: " + ex.getMessage(), ex);
          }
        });
  }

  static byte[] binaryBatch(List<byte[]> recordedBallots) {
    int total = 4;
    for (byte[] b : recordedBallots) {
      total += 4 + b.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total).putInt(recordedBallots.size());
    for (byte[] b : recordedBallots) {
      buf.putInt(b.length).put(b);
    }
    return buf.array();
  }

  private static List<SubmitVerdict> verdicts(URI e, byte[] answer, int expected)
      throws LedgerCallException {
    try {
      JsonNode results = JSON.readTree(answer).get("results");
      if (results == null || !results.isArray() || results.size() != expected) {
        throw malformed(e, "the ledger's answer does not list one result per ballot", null);
      }
      List<SubmitVerdict> out = new ArrayList<>();
      for (JsonNode n : results) {
        String id = n.path("ballotId").asText();
        switch (n.path("status").asText()) {
          case "accepted" ->
              out.add(
                  new SubmitVerdict.Accepted(
                      id, n.path("index").asLong(-1), n.path("resubmitted").asBoolean()));
          case "rejected" -> out.add(new SubmitVerdict.Rejected(id, n.path("reason").asText()));
          default -> throw malformed(e, "a result is neither accepted nor rejected", null);
        }
      }
      return out;
    } catch (IOException | RuntimeException ex) {
      throw malformed(e, "the ledger's answer to a batch is not the documented JSON", ex);
    }
  }

  /** GET /v1/proof/ballot/{id}: a tlog-proof for the ballot against the latest checkpoint. */
  public Answer<InclusionProof> proof(String ballotIdHex) throws LedgerCallException {
    return anyValidator(
        e -> {
          byte[] body =
              send(e, HttpRequest.newBuilder(e.resolve("/v1/proof/ballot/" + ballotIdHex)));
          try {
            return InclusionProof.parse(new String(body, StandardCharsets.UTF_8));
          } catch (LedgerFormatException ex) {
            throw malformed(e, "the ledger's proof is not a tlog-proof: " + ex.getMessage(), ex);
          }
        });
  }

  /** The validators this link speaks to, in the configured order. */
  public List<URI> endpoints() {
    return endpoints;
  }

  /**
   * GET /v1/stations from one validator: how many ballots of {@code station} its log holds (0 when
   * the station is not listed). The validator's word, not a proof.
   */
  public long stationCount(URI endpoint, String station) throws LedgerCallException {
    byte[] body = send(endpoint, HttpRequest.newBuilder(endpoint.resolve("/v1/stations")));
    try {
      JsonNode stations = JSON.readTree(body).get("stations");
      if (stations == null || !stations.isObject()) {
        throw malformed(endpoint, "the ledger's station counts are not the documented JSON", null);
      }
      JsonNode n = stations.get(station);
      if (n == null) {
        return 0;
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
        throw malformed(endpoint, "the ledger's count of a station is not a number", null);
      }
      return n.asLong();
    } catch (IOException ex) {
      throw malformed(endpoint, "the ledger's station counts are not the documented JSON", ex);
    }
  }

  /** GET /v1/consistency?old=&new= from one validator: the RFC 9162 consistency path. */
  public List<TreeHash> consistency(URI endpoint, long oldSize, long newSize)
      throws LedgerCallException {
    byte[] body =
        send(
            endpoint,
            HttpRequest.newBuilder(
                endpoint.resolve("/v1/consistency?old=" + oldSize + "&new=" + newSize)));
    try {
      JsonNode proof = JSON.readTree(body).get("proof");
      if (proof == null || !proof.isArray() || proof.size() > 64) {
        throw malformed(endpoint, "a consistency proof is a list of at most 64 hashes", null);
      }
      List<TreeHash> out = new ArrayList<>();
      for (JsonNode h : proof) {
        out.add(TreeHash.fromBase64(h.asText()));
      }
      return out;
    } catch (IOException | LedgerFormatException ex) {
      throw malformed(endpoint, "the ledger's consistency proof is not the documented JSON", ex);
    }
  }

  private byte[] send(URI endpoint, HttpRequest.Builder request) throws LedgerCallException {
    HttpResponse<byte[]> r;
    String where = endpoint.toString();
    try {
      r =
          http.send(
              request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new LedgerCallException(
          Kind.TIMED_OUT, where, "the ledger at " + where + " did not answer in time", e);
    } catch (ConnectException e) {
      throw new LedgerCallException(
          Kind.UNREACHABLE, where, "the ledger at " + where + " cannot be reached", e);
    } catch (IOException e) {
      throw new LedgerCallException(
          Kind.UNREACHABLE, where, "the connection to the ledger at " + where + " broke", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerCallException(Kind.UNREACHABLE, where, "the sync was stopped", e);
    }
    int status = r.statusCode();
    if (status == 200) {
      return r.body();
    }
    String reason = reason(r.body());
    Kind kind = status == 404 ? Kind.NOT_FOUND : status >= 500 ? Kind.BUSY : Kind.REFUSED;
    throw new LedgerCallException(
        kind, where, "the ledger at " + where + " answered " + status + ": " + reason, null);
  }

  private static String reason(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      JsonNode n = JSON.readTree(text);
      if (n != null && n.hasNonNull("error")) {
        text = n.get("error").asText();
      }
    } catch (IOException | RuntimeException e) {
      // a plain-text reason
    }
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private static LedgerCallException malformed(URI e, String message, Throwable cause) {
    return new LedgerCallException(Kind.MALFORMED, e.toString(), message, cause);
  }
}
