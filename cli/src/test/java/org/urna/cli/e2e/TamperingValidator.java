package org.urna.cli.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A lying validator: answers every GET with what the real validator behind it answers, except that
 * it changes byte 100 of every response whose path starts with {@code prefix} (a tile): in an entry
 * bundle a byte inside the first entry's ballot (after its 2-byte length, its type byte and its
 * tracking code), in a hash tile a byte of the fourth leaf hash.
 */
final class TamperingValidator implements AutoCloseable {
  private final HttpServer server;

  TamperingValidator(URI real, String prefix) throws IOException {
    HttpClient client = HttpClient.newHttpClient();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            HttpResponse<byte[]> r =
                client.send(
                    HttpRequest.newBuilder(URI.create(real + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if (path.startsWith(prefix) && r.statusCode() == 200 && body.length > 100) {
              body[100] ^= 1;
            }
            exchange.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream o = exchange.getResponseBody()) {
              o.write(body);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
