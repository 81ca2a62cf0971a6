package org.urna.ledger.http;

import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.urna.ledger.node.NetworkConfig;
import org.urna.ledger.node.ValidatorNode;

/** Jetty 12 (core handler API, virtual threads) carrying {@link LedgerApi} and the public page. */
public final class LedgerHttpServer implements AutoCloseable {
  static final int MAX_BODY = 64 << 20;

  /**
   * The request bodies all concurrent POSTs may hold in memory together: each declares its length
   * (Content-Length) and reserves it before a byte is read; a request that finds no room gets 503
   * with Retry-After instead of growing the heap.
   */
  static final int BODY_BUDGET = 2 * MAX_BODY;

  /** The media type of a station-signed binary batch (docs/spec/ledger.md). */
  public static final String SIGNED_BATCH = "application/vnd.urna.signed-batch";

  private final int bodyBudgetBytes;
  private final java.util.concurrent.Semaphore bodyBudget;
  private final Server server;
  private final ServerConnector connector;
  private final LedgerApi api;

  public LedgerHttpServer(ValidatorNode node, int port) throws Exception {
    this(node, port, BODY_BUDGET);
  }

  /** A server whose concurrent request bodies may hold at most {@code bodyBudget} bytes. */
  public LedgerHttpServer(ValidatorNode node, int port, int bodyBudget) throws Exception {
    this.bodyBudgetBytes = bodyBudget;
    this.bodyBudget = new java.util.concurrent.Semaphore(bodyBudget);
    this.api = new LedgerApi(node);
    server = new Server(new VirtualThreadPool());
    connector = connector(server, node.config().network());
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            HttpAnswer a;
            try {
              a = route(request);
            } catch (RuntimeException e) {
              a = LedgerApi.error(500, "internal error");
            }
            response.setStatus(a.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
            response
                .getHeaders()
                .put(
                    HttpHeader.CACHE_CONTROL,
                    a.immutable() ? "public, max-age=604800, immutable" : "no-store");
            response.write(true, ByteBuffer.wrap(a.body()), callback);
            return true;
          }
        });
    server.start();
  }

  /**
   * Plain HTTP or, with TLS configured, HTTPS only (the node's certificate; TLS 1.2 or 1.3), on the
   * configured interface.
   */
  private static ServerConnector connector(Server server, NetworkConfig net) {
    ServerConnector c;
    if (net.tls().isPresent()) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setSslContext(net.tls().get().sslContext());
      tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      HttpConfiguration http = new HttpConfiguration();
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // validators are often reached by IP address, which a client never sends as SNI
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      c =
          new ServerConnector(
              server,
              new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
              new HttpConnectionFactory(http));
    } else {
      c = new ServerConnector(server);
    }
    c.setHost(net.httpBind());
    return c;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Why this validator's /ready answers 503 now; empty when it answers 200. */
  public java.util.Optional<String> notReadyBecause() {
    return api.notReadyBecause();
  }

  /** The bytes of request bodies reserved right now by uploads in progress. */
  public int bodyBytesReserved() {
    return bodyBudgetBytes - bodyBudget.availablePermits();
  }

  private HttpAnswer route(Request request) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (method.equals("POST")) {
      long declared = request.getLength();
      if (declared < 0) {
        return LedgerApi.error(411, "a request body needs a Content-Length");
      }
      if (declared > Math.min(MAX_BODY, bodyBudgetBytes)) {
        return LedgerApi.error(413, "the request body is too large");
      }
      int length = (int) declared;
      if (!bodyBudget.tryAcquire(length)) {
        return LedgerApi.error(503, "too many uploads at once; try again shortly");
      }
      try {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
          body = in.readNBytes(length);
        } catch (Exception e) {
          return LedgerApi.error(400, "could not read the request body");
        }
        if (body.length != length) {
          return LedgerApi.error(400, "the request body is shorter than its Content-Length");
        }
        return post(request, path, body);
      } finally {
        bodyBudget.release(length);
      }
    }
    return get(request, path, method);
  }

  private HttpAnswer post(Request request, String path, byte[] body) {
    return switch (path) {
      case "/v1/batches" -> {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null && type.startsWith(SIGNED_BATCH)) {
          yield api.submitSigned(body);
        }
        yield type != null && type.startsWith("application/octet-stream")
            ? api.submitBinary(body)
            : api.submit(body);
      }
      case "/v1/events" -> api.submitEvents(body);
      case "/add-checkpoint" -> api.addCheckpoint(body);
      default -> LedgerApi.error(404, "no such resource");
    };
  }

  private HttpAnswer get(Request request, String path, String method) {
    if (!method.equals("GET")) {
      return LedgerApi.error(405, "only GET and POST are served");
    }
    if (path.startsWith("/tile/")) {
      return api.tile(path.substring(1));
    }
    if (path.startsWith("/v1/proof/ballot/")) {
      return api.proofByBallot(path.substring("/v1/proof/ballot/".length()));
    }
    if (path.startsWith("/v1/proof/event/")) {
      return api.proofByEvent(path.substring("/v1/proof/event/".length()));
    }
    if (path.startsWith("/v1/proof/code/")) {
      return api.proofByCode(path.substring("/v1/proof/code/".length()));
    }
    if (path.startsWith("/v1/entries/") && path.endsWith("/verification")) {
      return api.verification(
          path.substring("/v1/entries/".length(), path.length() - "/verification".length()));
    }
    return switch (path) {
      case "/checkpoint" -> api.checkpoint();
      case "/policy" -> api.policy();
      case "/v1/checkpoints" -> api.checkpoints();
      case "/v1/stations" -> api.stations();
      case "/v1/consistency" -> {
        Fields q;
        try {
          q = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
          // a query that does not decode (%FF, a lone %) is the client's fault
          yield LedgerApi.error(400, "the query is not valid percent-encoded UTF-8");
        }
        yield api.consistency(q.getValue("old"), q.getValue("new"));
      }
      case "/health" -> api.health();
      case "/ready" -> api.ready();
      case "/metrics" -> api.metrics();
      case "/", "/index.html" -> PageResources.get("index.html");
      case "/app.js" -> PageResources.get("app.js");
      case "/style.css" -> PageResources.get("style.css");
      default -> LedgerApi.error(404, "no such resource");
    };
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
