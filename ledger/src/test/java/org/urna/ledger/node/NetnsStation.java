package org.urna.ledger.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.replication.Commands;
import org.urna.ledger.replication.Stations;

/**
 * A station as its own process (run in its own network namespace by {@link NetnsNetworkTest}):
 * submits {@code total} ballots in batches over HTTPS, trying the validators in turn whenever one
 * cannot be reached or times out, repeating a batch until every ballot of it is accepted (the
 * ledger answers a repeat as resubmitted). Then waits until every validator publishes the same
 * cosigned checkpoint of the whole log and asks the last validator for every ballot's proof. Writes
 * what it saw to {@code <out>/station.properties}; the test judges it.
 *
 * <p>Arguments: out-dir ca-pem total batch-size url1,url2,url3
 */
public final class NetnsStation {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path ca = Path.of(args[1]);
    int total = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    List<URI> urls = new ArrayList<>();
    for (String u : args[4].split(",")) {
      urls.add(URI.create(u));
    }
    javax.net.ssl.SSLContext ssl = trustOnly(ca);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(ssl)
            .build();
    Stations stations = new Stations();
    Map<String, Long> index = new HashMap<>();
    int preferred = 0;
    long failovers = 0;
    Path progress = out.resolve("progress");
    for (int sent = 0; sent < total; sent += batch) {
      List<RecordedBallot> ballots =
          stations.next(sent / batch % 2 == 0 ? "s1" : "s2", Math.min(batch, total - sent));
      byte[] body = Commands.batch(Stations.bytes(ballots));
      while (true) {
        URI u = urls.get(preferred);
        try {
          HttpResponse<byte[]> r =
              http.send(
                  HttpRequest.newBuilder(u.resolve("/v1/batches"))
                      .timeout(Duration.ofSeconds(6))
                      .header("Content-Type", "application/octet-stream")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          if (r.statusCode() == 200) {
            boolean all = true;
            for (JsonNode n : JSON.readTree(r.body()).get("results")) {
              if (n.get("status").asText().equals("accepted")) {
                Long old = index.put(n.get("ballotId").asText(), n.get("index").asLong());
                if (old != null && old != n.get("index").asLong()) {
                  throw new IllegalStateException("a ballot got two indices: " + n);
                }
              } else {
                all = false;
                System.out.println("refused: " + n);
              }
            }
            if (all) {
              break;
            }
          }
          System.out.println(u + " answered " + r.statusCode());
        } catch (java.io.IOException e) {
          System.out.println(u + " failed: " + e);
        }
        preferred = (preferred + 1) % urls.size();
        failovers++;
        Thread.sleep(200);
      }
      Files.writeString(progress, String.valueOf(index.size()));
      Thread.sleep(40);
    }
    Properties p = new Properties();
    p.setProperty("accepted", String.valueOf(index.size()));
    p.setProperty("distinctIndices", String.valueOf(index.values().stream().distinct().count()));
    p.setProperty(
        "maxIndex",
        String.valueOf(index.values().stream().mapToLong(Long::longValue).max().orElse(-1)));
    p.setProperty("failovers", String.valueOf(failovers));
    // every validator, the cut one included, publishes the cosigned checkpoint of the whole log
    long deadline = System.currentTimeMillis() + 90_000;
    Map<URI, String> heads = new HashMap<>();
    while (System.currentTimeMillis() < deadline) {
      heads.clear();
      for (URI u : urls) {
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(u.resolve("/checkpoint"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            String[] lines = r.body().split("\n");
            heads.put(u, lines[1] + " " + lines[2]);
          }
        } catch (java.io.IOException e) {
          // not yet
        }
      }
      if (heads.size() == urls.size()
          && heads.values().stream().distinct().count() == 1
          && heads.values().iterator().next().startsWith(index.size() + " ")) {
        break;
      }
      Thread.sleep(500);
    }
    for (int i = 0; i < urls.size(); i++) {
      p.setProperty("checkpoint." + (i + 1), heads.getOrDefault(urls.get(i), "none"));
    }
    // the last validator (the one whose link is cut) proves each ballot at the index it was given
    URI last = urls.get(urls.size() - 1);
    int proven = 0;
    for (Map.Entry<String, Long> e : index.entrySet()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(last.resolve("/v1/proof/ballot/" + e.getKey()))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 && r.body().contains("index " + e.getValue() + "\n")) {
        proven++;
      } else if (proven == 0) {
        System.out.println("proof of " + e.getKey() + ": " + r.statusCode() + " " + r.body());
      }
    }
    p.setProperty("provenOnLast", String.valueOf(proven));
    try (var w = Files.newBufferedWriter(out.resolve("station.properties"))) {
      p.store(w, "station");
    }
    System.out.println("station done: " + p);
  }

  private static javax.net.ssl.SSLContext trustOnly(Path ca) throws Exception {
    java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    int i = 0;
    for (var c :
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificates(Files.newInputStream(ca))) {
      ts.setCertificateEntry("ca" + i++, c);
    }
    var tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
