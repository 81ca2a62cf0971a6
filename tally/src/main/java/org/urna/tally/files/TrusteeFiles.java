package org.urna.tally.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.Point;
import org.urna.tally.CeremonyParameters;
import org.urna.tally.CheckReport;
import org.urna.tally.Combiner;
import org.urna.tally.ComplaintAnswer;
import org.urna.tally.Deal;
import org.urna.tally.DecryptionShare;
import org.urna.tally.DecryptionShareSet;
import org.urna.tally.EncryptedShare;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.JointKey;
import org.urna.tally.KeyAnnouncement;
import org.urna.tally.SchnorrProof;
import org.urna.tally.ShareProof;
import org.urna.tally.ThresholdTotal;
import org.urna.tally.TrusteeException;
import org.urna.tally.TrusteeFailure;
import org.urna.tally.files.TrusteeJson.Obj;

/** Reads and writes every trustee file of docs/spec/trustees.md section 2, canonically. */
public final class TrusteeFiles {
  public static final String CEREMONY = CeremonyParameters.FORMAT;
  public static final String ANNOUNCEMENT = "urna/trustee-announcement/v1";
  public static final String DEAL = "urna/trustee-deal/v1";
  public static final String CHECK = "urna/trustee-check/v1";
  public static final String ANSWER = "urna/complaint-answer/v1";
  public static final String JOINT_KEY = "urna/joint-key/v1";
  public static final String TOTALS = "urna/encrypted-totals/v1";
  public static final String SHARES = "urna/decryption-shares/v1";
  public static final String RESULTS = "urna/trustee-results/v1";

  /** The most totals (selections) one file may carry. */
  public static final int MAX_TOTALS = 10_000;

  private TrusteeFiles() {}

  // ---- ceremony.json

  public static byte[] write(CeremonyParameters p) {
    ObjectNode o = TrusteeJson.object(CEREMONY);
    o.put("electionHash", TrusteeJson.hex(p.electionHash()));
    o.put("threshold", p.threshold());
    ArrayNode names = o.putArray("trustees");
    p.trustees().forEach(names::add);
    o.put("ceremonyHash", p.ceremonyHashHex());
    return TrusteeJson.canonical(o);
  }

  public static CeremonyParameters readCeremony(byte[] bytes, String what)
      throws FileFormatException, TrusteeException {
    Obj o =
        TrusteeJson.parse(
            bytes, what, CEREMONY, "electionHash", "threshold", "trustees", "ceremonyHash");
    byte[] eh = o.bytes("electionHash", 32);
    int k = o.integer("threshold", 1, CeremonyParameters.MAX_TRUSTEES);
    List<String> names = new ArrayList<>();
    List<JsonNode> list = o.array("trustees", CeremonyParameters.MAX_TRUSTEES);
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isTextual()) {
        throw o.error("trustees[" + i + "]", "must be a string");
      }
      names.add(list.get(i).asText());
    }
    CeremonyParameters p = CeremonyParameters.of(eh, k, names);
    if (!Arrays.equals(o.bytes("ceremonyHash", 32), p.ceremonyHash())) {
      throw o.error("ceremonyHash", "does not match the parameters (the file was changed)");
    }
    return p;
  }

  private static void ceremony(Obj o, CeremonyParameters p) throws FileFormatException {
    if (!Arrays.equals(o.bytes("ceremonyHash", 32), p.ceremonyHash())) {
      throw o.error(
          "ceremonyHash", "is for another key ceremony (this one is " + p.ceremonyHashHex() + ")");
    }
  }

  private static int trusteeIndex(Obj o, String field, CeremonyParameters p)
      throws FileFormatException {
    return o.integer(field, 1, p.size());
  }

  // ---- trustee-<i>.announcement.json

  public static byte[] write(CeremonyParameters p, KeyAnnouncement a) {
    ObjectNode o = TrusteeJson.object(ANNOUNCEMENT);
    o.put("ceremonyHash", p.ceremonyHashHex());
    o.put("trustee", a.trustee());
    o.put("encryptionKey", a.encryptionKey().toHex());
    o.put("proof", TrusteeJson.hex(a.proof().toBytes()));
    return TrusteeJson.canonical(o);
  }

  public static KeyAnnouncement readAnnouncement(byte[] b, String what, CeremonyParameters p)
      throws FileFormatException {
    Obj o =
        TrusteeJson.parse(
            b, what, ANNOUNCEMENT, "ceremonyHash", "trustee", "encryptionKey", "proof");
    ceremony(o, p);
    return new KeyAnnouncement(
        trusteeIndex(o, "trustee", p), o.point("encryptionKey"), schnorr(o, "proof"));
  }

  private static SchnorrProof schnorr(Obj o, String field) throws FileFormatException {
    try {
      return SchnorrProof.decode(o.bytes(field, SchnorrProof.BYTES));
    } catch (CryptoFormatException e) {
      throw o.error(field, e.getMessage());
    }
  }

  // ---- trustee-<i>.deal.json

  public static byte[] write(CeremonyParameters p, Deal d) {
    ObjectNode o = TrusteeJson.object(DEAL);
    o.put("ceremonyHash", p.ceremonyHashHex());
    o.put("dealer", d.dealer());
    ArrayNode c = o.putArray("commitments");
    d.commitments().forEach(x -> c.add(x.toHex()));
    ArrayNode pr = o.putArray("proofs");
    d.proofs().forEach(x -> pr.add(TrusteeJson.hex(x.toBytes())));
    ArrayNode s = o.putArray("shares");
    for (EncryptedShare e : d.shares()) {
      ObjectNode so = s.addObject();
      so.put("recipient", e.recipient());
      so.put("ephemeral", e.ephemeral().toHex());
      so.put("ciphertext", TrusteeJson.hex(e.ciphertext()));
    }
    return TrusteeJson.canonical(o);
  }

  public static Deal readDeal(byte[] b, String what, CeremonyParameters p)
      throws FileFormatException {
    Obj o =
        TrusteeJson.parse(
            b, what, DEAL, "ceremonyHash", "dealer", "commitments", "proofs", "shares");
    ceremony(o, p);
    int dealer = trusteeIndex(o, "dealer", p);
    List<Point> commitments = new ArrayList<>();
    List<JsonNode> cs = o.array("commitments", p.threshold());
    for (int i = 0; i < cs.size(); i++) {
      try {
        commitments.add(Point.decode(o.hexElement("commitments", i, cs.get(i), Point.BYTES)));
      } catch (CryptoFormatException e) {
        throw o.error("commitments[" + i + "]", e.getMessage());
      }
    }
    List<SchnorrProof> proofs = new ArrayList<>();
    List<JsonNode> ps = o.array("proofs", p.threshold());
    for (int i = 0; i < ps.size(); i++) {
      try {
        proofs.add(SchnorrProof.decode(o.hexElement("proofs", i, ps.get(i), SchnorrProof.BYTES)));
      } catch (CryptoFormatException e) {
        throw o.error("proofs[" + i + "]", e.getMessage());
      }
    }
    List<EncryptedShare> shares = new ArrayList<>();
    List<JsonNode> ss = o.array("shares", p.size());
    for (int i = 0; i < ss.size(); i++) {
      Obj so = o.element("shares", i, ss.get(i), "recipient", "ephemeral", "ciphertext");
      shares.add(
          new EncryptedShare(
              dealer,
              trusteeIndex(so, "recipient", p),
              so.point("ephemeral"),
              so.bytes("ciphertext", EncryptedShare.CIPHERTEXT_BYTES)));
    }
    return new Deal(dealer, commitments, proofs, shares);
  }

  // ---- trustee-<i>.commitments.json (an election record's deal without the encrypted shares)

  public static final String COMMITMENTS = "urna/trustee-commitments/v1";

  public static byte[] writeCommitments(CeremonyParameters p, Deal d) {
    ObjectNode o = TrusteeJson.object(COMMITMENTS);
    o.put("ceremonyHash", p.ceremonyHashHex());
    o.put("dealer", d.dealer());
    ArrayNode c = o.putArray("commitments");
    d.commitments().forEach(x -> c.add(x.toHex()));
    ArrayNode pr = o.putArray("proofs");
    d.proofs().forEach(x -> pr.add(TrusteeJson.hex(x.toBytes())));
    return TrusteeJson.canonical(o);
  }

  /** Reads commitments into a {@link Deal} without shares (check it with verify(p, false)). */
  public static Deal readCommitments(byte[] b, String what, CeremonyParameters p)
      throws FileFormatException {
    Obj o =
        TrusteeJson.parse(b, what, COMMITMENTS, "ceremonyHash", "dealer", "commitments", "proofs");
    ceremony(o, p);
    int dealer = trusteeIndex(o, "dealer", p);
    List<Point> commitments = new ArrayList<>();
    List<JsonNode> cs = o.array("commitments", p.threshold());
    for (int i = 0; i < cs.size(); i++) {
      try {
        commitments.add(Point.decode(o.hexElement("commitments", i, cs.get(i), Point.BYTES)));
      } catch (CryptoFormatException e) {
        throw o.error("commitments[" + i + "]", e.getMessage());
      }
    }
    List<SchnorrProof> proofs = new ArrayList<>();
    List<JsonNode> ps = o.array("proofs", p.threshold());
    for (int i = 0; i < ps.size(); i++) {
      try {
        proofs.add(SchnorrProof.decode(o.hexElement("proofs", i, ps.get(i), SchnorrProof.BYTES)));
      } catch (CryptoFormatException e) {
        throw o.error("proofs[" + i + "]", e.getMessage());
      }
    }
    return new Deal(dealer, commitments, proofs, List.of());
  }

  // ---- trustee-<j>.check.json

  public static byte[] write(CeremonyParameters p, CheckReport r) {
    ObjectNode o = TrusteeJson.object(CHECK);
    o.put("ceremonyHash", p.ceremonyHashHex());
    o.put("trustee", r.trustee());
    ArrayNode a = o.putArray("accused");
    r.accused().forEach(a::add);
    o.put("signature", TrusteeJson.hex(r.signature().toBytes()));
    return TrusteeJson.canonical(o);
  }

  public static CheckReport readCheck(byte[] b, String what, CeremonyParameters p)
      throws FileFormatException {
    Obj o = TrusteeJson.parse(b, what, CHECK, "ceremonyHash", "trustee", "accused", "signature");
    ceremony(o, p);
    TreeSet<Integer> accused = new TreeSet<>();
    List<JsonNode> list = o.array("accused", p.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      int v = e.isIntegralNumber() && e.canConvertToInt() ? e.asInt() : -1;
      if (v < 1 || v > p.size() || !accused.add(v)) {
        throw o.error("accused[" + i + "]", "must be a trustee index 1.." + p.size() + ", once");
      }
    }
    return new CheckReport(trusteeIndex(o, "trustee", p), accused, schnorr(o, "signature"));
  }

  // ---- trustee-<i>.answer-<j>.json

  public static byte[] write(CeremonyParameters p, ComplaintAnswer a) {
    ObjectNode o = TrusteeJson.object(ANSWER);
    o.put("ceremonyHash", p.ceremonyHashHex());
    o.put("dealer", a.dealer());
    o.put("recipient", a.recipient());
    o.put("share", a.share().toHex());
    o.put("signature", TrusteeJson.hex(a.signature().toBytes()));
    return TrusteeJson.canonical(o);
  }

  public static ComplaintAnswer readAnswer(byte[] b, String what, CeremonyParameters p)
      throws FileFormatException {
    Obj o =
        TrusteeJson.parse(
            b, what, ANSWER, "ceremonyHash", "dealer", "recipient", "share", "signature");
    ceremony(o, p);
    return new ComplaintAnswer(
        trusteeIndex(o, "dealer", p),
        trusteeIndex(o, "recipient", p),
        o.scalar("share"),
        schnorr(o, "signature"));
  }

  // ---- joint-key.json (an output; readers recompute it from the ceremony folder)

  public static byte[] write(JointKey k) {
    CeremonyParameters p = k.params();
    ObjectNode o = TrusteeJson.object(JOINT_KEY);
    o.put("ceremonyHash", p.ceremonyHashHex());
    o.put("electionHash", TrusteeJson.hex(p.electionHash()));
    o.put("threshold", p.threshold());
    ArrayNode q = o.putArray("qualified");
    k.qualified().forEach(q::add);
    ArrayNode d = o.putArray("disqualified");
    k.disqualified()
        .forEach(
            (i, why) -> {
              ObjectNode e = d.addObject();
              e.put("trustee", i);
              e.put("reason", why);
            });
    o.put("electionKey", k.electionKey().toHex());
    o.put("extendedHash", TrusteeJson.hex(k.extendedHash()));
    ArrayNode s = o.putArray("publicShares");
    k.publicShares()
        .forEach(
            (i, pt) -> {
              ObjectNode e = s.addObject();
              e.put("trustee", i);
              e.put("key", pt.toHex());
            });
    return TrusteeJson.canonical(o);
  }

  // ---- encrypted-totals.json

  public static byte[] writeTotals(byte[] extendedHash, List<EncryptedTotal> totals) {
    ObjectNode o = TrusteeJson.object(TOTALS);
    o.put("extendedHash", TrusteeJson.hex(extendedHash));
    ArrayNode a = o.putArray("totals");
    for (EncryptedTotal t : totals) {
      ObjectNode e = a.addObject();
      e.put("contest", t.contestId());
      e.put("selection", t.selectionId());
      e.put("ciphertext", TrusteeJson.hex(t.ciphertext().toBytes()));
    }
    return TrusteeJson.canonical(o);
  }

  /** Reads the totals and checks they are for the joint key's election (Q). */
  public static List<EncryptedTotal> readTotals(byte[] b, String what, JointKey joint)
      throws FileFormatException {
    Obj o = TrusteeJson.parse(b, what, TOTALS, "extendedHash", "totals");
    if (!Arrays.equals(o.bytes("extendedHash", 32), joint.extendedHash())) {
      throw o.error("extendedHash", "is not this election's and joint key's extended hash Q");
    }
    List<EncryptedTotal> out = new ArrayList<>();
    List<JsonNode> list = o.array("totals", MAX_TOTALS);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Obj e = o.element("totals", i, list.get(i), "contest", "selection", "ciphertext");
      byte[] ct = e.bytes("ciphertext", ElGamalCiphertext.BYTES);
      ElGamalCiphertext c;
      try {
        c =
            new ElGamalCiphertext(
                Point.decode(Arrays.copyOfRange(ct, 0, Point.BYTES)),
                Point.decode(Arrays.copyOfRange(ct, Point.BYTES, ct.length)));
      } catch (CryptoFormatException x) {
        throw e.error("ciphertext", x.getMessage());
      }
      String contest = e.string("contest");
      String selection = e.string("selection");
      if (!seen.add(contest + "/" + selection)) {
        throw e.error("selection", "the total of " + contest + "/" + selection + " appears twice");
      }
      out.add(new EncryptedTotal(contest, selection, c));
    }
    return out;
  }

  // ---- decryption-share-<j>.json

  public static byte[] write(DecryptionShareSet s) {
    ObjectNode o = TrusteeJson.object(SHARES);
    o.put("extendedHash", TrusteeJson.hex(s.extendedHash()));
    o.put("trustee", s.trustee());
    ArrayNode a = o.putArray("shares");
    for (DecryptionShare d : s.shares()) {
      ObjectNode e = a.addObject();
      e.put("contest", d.contestId());
      e.put("selection", d.selectionId());
      e.put("share", d.share().toHex());
      e.put("proof", TrusteeJson.hex(d.proof().toBytes()));
    }
    return TrusteeJson.canonical(o);
  }

  public static DecryptionShareSet readShares(byte[] b, String what, int maxTrustee)
      throws FileFormatException {
    Obj o = TrusteeJson.parse(b, what, SHARES, "extendedHash", "trustee", "shares");
    int j = o.integer("trustee", 1, maxTrustee);
    List<DecryptionShare> out = new ArrayList<>();
    List<JsonNode> list = o.array("shares", MAX_TOTALS);
    for (int i = 0; i < list.size(); i++) {
      Obj e = o.element("shares", i, list.get(i), "contest", "selection", "share", "proof");
      ShareProof proof;
      try {
        proof = ShareProof.decode(e.bytes("proof", ShareProof.BYTES));
      } catch (CryptoFormatException x) {
        throw e.error("proof", x.getMessage());
      }
      out.add(
          new DecryptionShare(
              j, e.string("contest"), e.string("selection"), e.point("share"), proof));
    }
    return new DecryptionShareSet(j, o.bytes("extendedHash", 32), out);
  }

  // ---- results.json

  public static byte[] write(JointKey joint, Combiner.Combination c) {
    ObjectNode o = TrusteeJson.object(RESULTS);
    o.put("extendedHash", TrusteeJson.hex(joint.extendedHash()));
    o.put("threshold", joint.threshold());
    ArrayNode used = o.putArray("trustees");
    c.used().forEach(used::add);
    ArrayNode absent = o.putArray("absent");
    c.absent().forEach(absent::add);
    ArrayNode refused = o.putArray("refused");
    for (TrusteeFailure f : c.refused()) {
      ObjectNode e = refused.addObject();
      e.put("step", f.step().name());
      e.put("item", f.item());
      e.put("reason", f.reason());
    }
    ArrayNode totals = o.putArray("totals");
    for (ThresholdTotal t : c.totals()) {
      ObjectNode e = totals.addObject();
      e.put("contest", t.contestId());
      e.put("selection", t.selectionId());
      e.put("count", t.count());
    }
    return TrusteeJson.canonical(o);
  }

  /** Reads results.json into contest/selection -> count (for checking and reports). */
  public static Map<String, Long> readResultCounts(byte[] b, String what)
      throws FileFormatException {
    Obj o =
        TrusteeJson.parse(
            b,
            what,
            RESULTS,
            "extendedHash",
            "threshold",
            "trustees",
            "absent",
            "refused",
            "totals");
    Map<String, Long> out = new TreeMap<>();
    List<JsonNode> list = o.array("totals", MAX_TOTALS);
    for (int i = 0; i < list.size(); i++) {
      Obj e = o.element("totals", i, list.get(i), "contest", "selection", "count");
      out.put(
          e.string("contest") + "/" + e.string("selection"),
          e.longInteger("count", 0, Long.MAX_VALUE));
    }
    return out;
  }
}
