package org.urna.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.TestNetwork;
import org.urna.ledger.replication.Verdict;

/**
 * The request-body budget (decision 0207) with a small budget, so that the test is about the rule
 * and not about moving 128 MiB: N slow uploads hold the whole budget, the next is refused at once
 * with 503, the validator stays healthy, and each finished upload gives its room back. Every wait
 * is for an observed state (the bytes reserved), never for a time.
 */
class BodyBudgetTest {
  static final int BODY = 16 * 1024;
  static final int HELD = 4;

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  /** A POST that declares {@code length} bytes and sends only the first 100. */
  static Socket openUpload(int port, int length) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(60_000);
    String head =
        "POST /v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Length: "
            + length
            + "\r\n\r\n";
    s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().write(new byte[100]);
    s.getOutputStream().flush();
    return s;
  }

  static String statusLine(Socket s) throws Exception {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
        .readLine();
  }

  @Test
  void slowUploadsHoldTheBudgetTheNextIsRefusedAtOnceAndTheValidatorStaysHealthy()
      throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000);
        LedgerHttpServer server =
            new LedgerHttpServer(net.nodes[0], TestNetwork.freePort(), HELD * BODY)) {
      int port = server.port();
      URI base = URI.create("http://127.0.0.1:" + port);
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < HELD; i++) {
          held.add(openUpload(port, BODY));
          int want = (i + 1) * BODY;
          waitFor(() -> server.bodyBytesReserved() == want, want + " bytes reserved");
        }
        // The budget is full: one more byte of body does not fit, and is refused before it is read.
        try (Socket extra = openUpload(port, 101)) {
          assertThat(statusLine(extra)).contains(" 503 ");
        }
        assertThat(server.bodyBytesReserved()).isEqualTo(HELD * BODY);
        // A body larger than the whole budget can never fit: 413, not "try again".
        try (Socket huge = openUpload(port, HELD * BODY + 1)) {
          assertThat(statusLine(huge)).contains(" 413 ");
        }
        // Reading is unaffected: the validator is live and ready.
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");

        // One upload completes (its body is no batch: 400) and gives its room back.
        Socket first = held.removeFirst();
        first.getOutputStream().write(new byte[BODY - 100]);
        first.getOutputStream().flush();
        assertThat(statusLine(first)).contains(" 400 ");
        first.close();
        waitFor(
            () -> server.bodyBytesReserved() == (HELD - 1) * BODY, "the finished upload's room");
        // ... so exactly one more upload of that size is taken in, and the next is refused again.
        held.add(openUpload(port, BODY));
        waitFor(() -> server.bodyBytesReserved() == HELD * BODY, "the budget full again");
        try (Socket extra = openUpload(port, BODY)) {
          assertThat(statusLine(extra)).contains(" 503 ");
        }
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
      // Closed half-way, every upload gives its reservation back; a real batch goes through.
      waitFor(() -> server.bodyBytesReserved() == 0, "every reservation released");
      List<RecordedBallot> ballots = new Stations().next("s1", 3);
      assertThat(new LedgerClient(base).submit(Stations.bytes(ballots)))
          .hasSize(3)
          .allMatch(v -> v instanceof Verdict.Accepted);
    }
  }
}
