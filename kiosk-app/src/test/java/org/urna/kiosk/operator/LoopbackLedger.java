package org.urna.kiosk.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.urna.core.ballot.RecordedBallot;
import org.urna.tlog.KeyType;
import org.urna.tlog.NoteKey;

/**
 * A one-validator ledger on loopback that speaks the part of the ledger's HTTP API the station's
 * sync uses (docs/spec/sync.md): {@code POST /v1/batches} (a signed binary batch), {@code GET
 * /v1/proof/ballot/{id}} (a C2SP tlog-proof whose checkpoint is signed by the log key and cosigned
 * by one validator) and {@code GET /v1/consistency}. kiosk-app may not depend on the ledger module
 * (decision 0313), so the RFC 6962 tree and the signed notes are built here, from the RFCs and the
 * C2SP texts; the station's sync verifies every byte of them as it would a real validator's.
 */
final class LoopbackLedger implements AutoCloseable {
  static final String ORIGIN = "ledger.urna.test/uik-1701";
  static final String WITNESS = "v1.validators.urna.test";

  private final HttpServer server;
  private final KeyPair logKey;
  private final KeyPair witnessKey;
  private final List<byte[]> leaves = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Long> perStation = new java.util.TreeMap<>();
  private final long cosignTime;

  LoopbackLedger(long cosignTime) throws Exception {
    this.cosignTime = cosignTime;
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    logKey = g.generateKeyPair();
    witnessKey = g.generateKeyPair();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** A ledger for a story (a failure to start it fails the story). */
  static LoopbackLedger startForStory(long cosignTime) {
    try {
      return new LoopbackLedger(cosignTime);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The tlog-policy a station trusting this ledger is configured with. */
  String policy() {
    return "log "
        + logVerifier().vkey()
        + "\nwitness v1 "
        + witnessVerifier().vkey()
        + "\nquorum v1\n";
  }

  synchronized int size() {
    return leaves.size();
  }

  private NoteKey logVerifier() {
    return new NoteKey(ORIGIN, KeyType.ED25519, raw(logKey));
  }

  private NoteKey witnessVerifier() {
    return new NoteKey(WITNESS, KeyType.COSIGNATURE_V1, raw(witnessKey));
  }

  private static byte[] raw(KeyPair k) {
    byte[] x509 = k.getPublic().getEncoded();
    return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      try {
        if (ex.getRequestMethod().equals("POST") && path.equals("/v1/batches")) {
          answer(ex, 200, batch(body));
        } else if (path.startsWith("/v1/proof/ballot/")) {
          String proof = proof(path.substring("/v1/proof/ballot/".length()));
          if (proof == null) {
            answer(ex, 404, "{\"error\":\"no ballot with this id\"}");
          } else {
            answer(ex, 200, proof);
          }
        } else if (path.equals("/v1/stations")) {
          answer(ex, 200, stations());
        } else if (path.equals("/v1/consistency")) {
          answer(ex, 200, consistency(ex.getRequestURI().getQuery()));
        } else {
          answer(ex, 404, "{\"error\":\"no such call\"}");
        }
      } catch (Exception e) {
        answer(ex, 400, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
      }
    }
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  /** {@code signature (64) || u32 n || n × (u32 length || recorded ballot)}. */
  private synchronized String batch(byte[] body) {
    ByteBuffer in = ByteBuffer.wrap(body);
    in.position(64);
    int n = in.getInt();
    List<String> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] recorded = new byte[in.getInt()];
      in.get(recorded);
      RecordedBallot r = RecordedBallot.decode(recorded);
      String id = r.ballotId().toHex();
      boolean again = index.containsKey(id);
      if (!again) {
        byte[] code = r.code().toBytes();
        byte[] leaf = new byte[1 + code.length + recorded.length];
        leaf[0] = 0x01;
        System.arraycopy(code, 0, leaf, 1, code.length);
        System.arraycopy(recorded, 0, leaf, 1 + code.length, recorded.length);
        index.put(id, leaves.size());
        leaves.add(leaf);
        perStation.merge(r.ballot().stationId(), 1L, Long::sum);
      }
      results.add(
          "{\"ballotId\":\""
              + id
              + "\",\"status\":\"accepted\",\"index\":"
              + index.get(id)
              + ",\"resubmitted\":"
              + again
              + "}");
    }
    return "{\"results\":[" + String.join(",", results) + "]}";
  }

  /** GET /v1/stations: how many ballots of each station the log holds (the sync checks its box). */
  private synchronized String stations() {
    List<String> counts = new ArrayList<>();
    perStation.forEach((station, n) -> counts.add("\"" + station + "\":" + n));
    return "{\"stations\":{" + String.join(",", counts) + "}}";
  }

  private synchronized String proof(String idHex) throws Exception {
    Integer at = index.get(idHex);
    if (at == null) {
      return null;
    }
    List<byte[]> hashes = leafHashes();
    StringBuilder sb = new StringBuilder("c2sp.org/tlog-proof@v1\n");
    sb.append("extra ").append(b64(leaves.get(at))).append('\n');
    sb.append("index ").append(at).append('\n');
    for (byte[] h : path(at, hashes)) {
      sb.append(b64(h)).append('\n');
    }
    sb.append('\n').append(checkpoint(hashes));
    return sb.toString();
  }

  private synchronized String consistency(String query) {
    Map<String, Long> q = new HashMap<>();
    for (String part : query.split("&")) {
      String[] kv = part.split("=");
      q.put(kv[0], Long.parseLong(kv[1]));
    }
    List<byte[]> hashes = leafHashes().subList(0, (int) (long) q.get("new"));
    List<String> out = new ArrayList<>();
    for (byte[] h : subproof((int) (long) q.get("old"), hashes, true)) {
      out.add("\"" + b64(h) + "\"");
    }
    return "{\"proof\":[" + String.join(",", out) + "]}";
  }

  /** The checkpoint of the whole tree, signed by the log key and cosigned by the validator. */
  private String checkpoint(List<byte[]> hashes) throws Exception {
    String text = ORIGIN + "\n" + hashes.size() + "\n" + b64(root(hashes)) + "\n";
    byte[] logSig = sign(logKey.getPrivate(), text.getBytes(StandardCharsets.UTF_8));
    byte[] cosig =
        sign(
            witnessKey.getPrivate(),
            ("cosignature/v1\ntime " + cosignTime + "\n" + text).getBytes(StandardCharsets.UTF_8));
    byte[] cosigBody = ByteBuffer.allocate(72).putLong(cosignTime).put(cosig).array();
    return text
        + "\n"
        + line(ORIGIN, logVerifier().keyId(), logSig)
        + line(WITNESS, witnessVerifier().keyId(), cosigBody);
  }

  private static String line(String name, int keyId, byte[] sig) {
    return "\u2014 "
        + name
        + " "
        + b64(ByteBuffer.allocate(4 + sig.length).putInt(keyId).put(sig).array())
        + "\n";
  }

  private static byte[] sign(PrivateKey key, byte[] message) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update(message);
    return s.sign();
  }

  // ---- RFC 6962 section 2.1 ----

  private List<byte[]> leafHashes() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] leaf : leaves) {
      out.add(hash(new byte[] {0x00}, leaf));
    }
    return out;
  }

  private static byte[] root(List<byte[]> h) {
    if (h.isEmpty()) {
      return hash();
    }
    if (h.size() == 1) {
      return h.get(0);
    }
    int k = split(h.size());
    return hash(new byte[] {0x01}, root(h.subList(0, k)), root(h.subList(k, h.size())));
  }

  /** PATH(m, D[n]). */
  private static List<byte[]> path(int m, List<byte[]> h) {
    List<byte[]> out = new ArrayList<>();
    if (h.size() <= 1) {
      return out;
    }
    int k = split(h.size());
    if (m < k) {
      out.addAll(path(m, h.subList(0, k)));
      out.add(root(h.subList(k, h.size())));
    } else {
      out.addAll(path(m - k, h.subList(k, h.size())));
      out.add(root(h.subList(0, k)));
    }
    return out;
  }

  /** SUBPROOF(m, D[n], b). */
  private static List<byte[]> subproof(int m, List<byte[]> h, boolean b) {
    List<byte[]> out = new ArrayList<>();
    int n = h.size();
    if (m == n) {
      if (!b) {
        out.add(root(h));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(m, h.subList(0, k), b));
      out.add(root(h.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, h.subList(k, n), false));
      out.add(root(h.subList(0, k)));
    }
    return out;
  }

  /** The largest power of two smaller than {@code n}. */
  private static int split(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  private static byte[] hash(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
