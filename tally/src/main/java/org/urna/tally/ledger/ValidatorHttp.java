package org.urna.tally.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** GETs from one validator's HTTP API (the JDK's client); anything but 200 is an IOException. */
final class ValidatorHttp {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  byte[] get(URI validator, String path) throws IOException {
    URI uri = URI.create(validator.toString().replaceAll("/+$", "") + "/" + path);
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
    HttpResponse<byte[]> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted fetching " + path, e);
    } catch (IOException e) {
      throw new IOException("cannot fetch " + path + " (" + e + ")", e);
    }
    if (res.statusCode() != 200) {
      String body = new String(res.body(), StandardCharsets.UTF_8);
      throw new IOException(
          path
              + " answered HTTP "
              + res.statusCode()
              + (body.length() > 200 ? "" : " " + body.strip()));
    }
    return res.body();
  }
}
