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
    ObjectNode o = TrusteeJson.object(CHALLENGED_FORMAT);
    o.put("extendedHash", TrusteeJson.hex(extendedHash));
    ArrayNode a = o.putArray("ballots");
    for (Challenged c : list) {
      RecordedBallot r = c.ballot();
      if (r.state() != BallotState.CHALLENGED) {
        throw new IllegalArgumentException("not a challenged ballot");
      }
      ObjectNode e = a.addObject();
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
    }
    return TrusteeJson.canonical(o);
  }

  public static byte[] trustAnchor(String hex) {
    return (hex + "\n").getBytes(StandardCharsets.US_ASCII);
  }
}
