package org.urna.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.NoteSignature;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.proof.TlogProof;

/**
 * A lying validator on loopback: forwards every request to a real one and rewrites the inclusion
 * proofs it answers: a flipped byte in the path, a checkpoint signed by keys nobody trusts, or a
 * checkpoint of another history signed with the real (stolen) log key and a quorum of real cosigner
 * keys.
 */
final class TamperingLedger implements AutoCloseable {
  enum Lie {
    NONE,
    FLIPPED_PROOF_BYTE,
    WRONG_KEYS,
    OTHER_HISTORY,
    /** A relay flips a byte of the signature of the second ballot of each uploaded batch. */
    FLIPPED_BALLOT_SIGNATURE_IN_BATCH
  }

  private final HttpServer server;
  private final URI target;
  private final LedgerNetwork network;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile Lie lie = Lie.NONE;

  TamperingLedger(LedgerNetwork network, int node) throws IOException {
    this.network = network;
    this.target = network.endpoint(node);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void lie(Lie l) {
    lie = l;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (lie == Lie.FLIPPED_BALLOT_SIGNATURE_IN_BATCH
          && ex.getRequestMethod().equals("POST")
          && ex.getRequestURI().getPath().equals("/v1/batches")) {
        body = flipSecondBallotsSignature(body);
      }
      HttpRequest.Builder req =
          HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()));
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        req.header("Content-Type", type);
      }
      req =
          ex.getRequestMethod().equals("POST")
              ? req.POST(HttpRequest.BodyPublishers.ofByteArray(body))
              : req.GET();
      HttpResponse<byte[]> r;
      try {
        r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(503, -1);
        return;
      }
      byte[] out = r.body();
      if (r.statusCode() == 200 && ex.getRequestURI().getPath().startsWith("/v1/proof/")) {
        out = tamper(new String(out, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      }
      ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
      ex.getResponseBody().write(out);
    }
  }

  /**
   * In a signed batch (64-byte signature, u32 n, n × (u32 length, ballot)), ballot 1's signature.
   */
  static byte[] flipSecondBallotsSignature(byte[] body) {
    byte[] b = body.clone();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
    buf.position(64);
    if (buf.getInt() < 3) {
      return b;
    }
    int first = buf.getInt();
    buf.position(buf.position() + first);
    int length = buf.getInt();
    int end = buf.position() + length;
    b[end - 20] ^= 0x01;
    return b;
  }

  private String tamper(String text) {
    TlogProof p = TlogProof.parse(text);
    return switch (lie) {
      case NONE, FLIPPED_BALLOT_SIGNATURE_IN_BATCH -> text;
      case FLIPPED_PROOF_BYTE -> {
        List<NodeHash> path = new ArrayList<>(p.path());
        byte[] h = path.getFirst().bytes();
        h[7] ^= 0x01;
        path.set(0, new NodeHash(h));
        yield new TlogProof(p.extra(), p.index(), path, p.checkpoint()).format();
      }
      case WRONG_KEYS -> {
        SecureRandom rnd = new SecureRandom();
        String cp = p.checkpoint().text();
        SignedNote forged =
            new SignedNote(
                cp,
                List.of(
                    SignedNote.sign(
                        SigningKey.generate(LedgerNetwork.ORIGIN, SignatureType.ED25519, rnd),
                        cp)));
        for (SigningKey real : network.cosignerKeys) {
          SigningKey fake = SigningKey.generate(real.name(), SignatureType.COSIGNATURE_V1, rnd);
          forged =
              forged.withSignature(Cosignatures.sign(fake, cp, System.currentTimeMillis() / 1000));
        }
        yield new TlogProof(p.extra(), p.index(), p.path(), forged).format();
      }
      case OTHER_HISTORY -> {
        Checkpoint real = Checkpoint.parse(p.checkpoint().text());
        byte[] root = real.root().bytes();
        root[0] ^= 0x55;
        String cp =
            new Checkpoint(real.origin(), real.size(), new NodeHash(root), List.of()).text();
        SignedNote forged =
            new SignedNote(cp, List.of(SignedNote.sign(network.logKeys.getFirst(), cp)));
        for (SigningKey k : network.cosignerKeys) {
          NoteSignature s = Cosignatures.sign(k, cp, System.currentTimeMillis() / 1000);
          forged = forged.withSignature(s);
        }
        yield new TlogProof(p.extra(), p.index(), p.path(), forged).format();
      }
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
