package org.urna.tally.record;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;
import org.urna.tally.files.TrusteeJson;

/**
 * The files of an election record that are derived from others and so written the one way a
 * verifier rewrites them (docs/spec/election-record.md 2): constants.json and challenged.json.
 */
public final class RecordDocuments {
  public static final String CHALLENGED_FORMAT = "urna/challenged-ballots/v1";

  private RecordDocuments() {}

  /** The constants of version 1 (docs/spec/election-record.md 2.1). */
  public static byte[] constants() {
    ObjectNode o = TrusteeJson.object(RecordLayout.FORMAT);
    o.put("group", "P-256");
    o.put("generator", Group.G.toHex());
    o.put("order", String.format("%064x", Group.ORDER));
    o.put("hash", "SHA-256");
    o.put("hashTagPrefix", Hash.TAG_PREFIX);
    o.put("ballotVersion", RecordedBallot.VERSION);
    o.put("ballotLeafType", RecordLayout.LEAF_BALLOT);
    o.put("merkleTree", "RFC 9162 SHA-256");
    o.put("stationSignature", "Ed25519 (RFC 8032)");
    return TrusteeJson.canonical(o);
  }

  /** One challenged ballot with where it is in the ledger. */
  public record Challenged(long entry, RecordedBallot ballot) {}

  /** challenged.json: every challenged ballot in ledger order with its nonce seed and choices. */
  public static byte[] challenged(byte[] extendedHash, List<Challenged> list) {
    ChallengedDocument d = new ChallengedDocument();
    list.forEach(d::add);
    return d.bytes(extendedHash);
  }

  /**
   * challenged.json built one ballot at a time: each ballot's object is made canonical when it is
   * added and only its bytes are kept (a few hundred a ballot), so a verifier or writer streaming
   * the ledger does not keep the challenged ballots themselves.
   */
  public static final class ChallengedDocument {
    private final java.io.ByteArrayOutputStream ballots = new java.io.ByteArrayOutputStream();
    private int count;

    public void add(Challenged c) {
      RecordedBallot r = c.ballot();
      if (r.state() != BallotState.CHALLENGED) {
        throw new IllegalArgumentException("not a challenged ballot");
      }
      ObjectNode e = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      e.put("entry", c.entry());
      e.put("ballotId", r.ballotId().toHex());
      e.put("station", r.ballot().stationId());
      e.put("ballotStyle", r.ballot().ballotStyleId());
      e.put("seed", r.reveal().seed().toHex());
      ObjectNode choices = e.putObject("choices");
      for (EncryptedContest ec : r.ballot().contests()) {
        ArrayNode sel = choices.putArray(ec.contestId());
        for (EncryptedSelection s : ec.selections()) {
          if (r.reveal().claimed().value(ec.contestId(), s.selectionId()) == 1) {
            sel.add(s.selectionId());
          }
        }
      }
      if (count++ > 0) {
        ballots.write(',');
      }
      ballots.writeBytes(TrusteeJson.canonical(e));
    }

    public int size() {
      return count;
    }

    /**
     * The canonical file: the object with an empty {@code ballots} array, canonical, with the
     * ballots' canonical objects spliced into that array ({@code ballots} sorts first, and the
     * canonical form of an array is its elements' canonical forms joined by commas).
     */
    public byte[] bytes(byte[] extendedHash) {
      ObjectNode o = TrusteeJson.object(CHALLENGED_FORMAT);
      o.put("extendedHash", TrusteeJson.hex(extendedHash));
      o.putArray("ballots");
      byte[] empty = TrusteeJson.canonical(o);
      byte[] head = "{\"ballots\":[".getBytes(StandardCharsets.UTF_8);
      if (!java.util.Arrays.equals(empty, 0, head.length, head, 0, head.length)) {
        throw new IllegalStateException("challenged.json does not start with its ballots");
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.write(empty, 0, head.length);
      out.writeBytes(ballots.toByteArray());
      out.write(empty, head.length, empty.length - head.length);
      return out.toByteArray();
    }
  }

  public static byte[] trustAnchor(String hex) {
    return (hex + "\n").getBytes(StandardCharsets.US_ASCII);
  }
}
