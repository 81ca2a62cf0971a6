package org.urna.tally;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;
import org.urna.tally.files.TrusteeFiles;

/**
 * Builds the trustee test vectors of docs/spec/trustees.md section 8 from fixed inputs: the same
 * bytes every run. {@code main} writes them to src/test/resources/vectors/trustees.json (run from
 * tally/); {@link TrusteeVectorTest} rebuilds and compares, and checks the failure vectors.
 */
public final class TrusteeVectors {
  static final Path FILE = Path.of("src/test/resources/vectors/trustees.json");
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final HexFormat HEX = HexFormat.of();
  static final String PASSPHRASE = "correct horse battery staple";

  private TrusteeVectors() {}

  /** A fixed scalar: {@code Hs("test-vector", name)}. */
  static Scalar fixed(String name) {
    return Hash.tagged("test-vector").part(name).toScalar();
  }

  static byte[] fixedBytes(String name, int n) {
    return java.util.Arrays.copyOf(Hash.tagged("test-vector").part(name).digest(), n);
  }

  static String text(byte[] canonical) {
    return new String(canonical, StandardCharsets.UTF_8);
  }

  static ObjectNode build() throws Exception {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put(
        "description",
        "Urna trustee vectors (docs/spec/trustees.md 8): 3 trustees, k = 2, every nonce fixed as"
            + " Hs(\"test-vector\", name). Hex is lowercase; *File members hold canonical file text.");
    CeremonyParameters p =
        CeremonyParameters.of(
            fixedBytes("election-hash", 32), 2, List.of("Ana", "Boris", "Chulpan"));
    byte[] c = p.ceremonyHash();
    ObjectNode cer = root.putObject("ceremony");
    cer.put("electionHash", HEX.formatHex(p.electionHash()));
    cer.put("threshold", 2);
    ArrayNode names = cer.putArray("trustees");
    p.trustees().forEach(names::add);
    cer.put("ceremonyHash", HEX.formatHex(c));
    cer.put("ceremonyFile", text(TrusteeFiles.write(p)));

    List<Trustee> trustees = new ArrayList<>();
    List<KeyAnnouncement> announcements = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Scalar[] a = {fixed("a/" + i + "/0"), fixed("a/" + i + "/1")};
      Trustee t = new Trustee(p, i, fixed("d/" + i), new Polynomial(a), null);
      trustees.add(t);
      Scalar d = t.encryptionSecret();
      announcements.add(
          new KeyAnnouncement(
              i,
              Group.mulG(d).normalize(),
              SchnorrProof.proveWithNonce(
                  KeyAnnouncement.PROOF_TAG, c, i, 0, d, fixed("w/key/" + i))));
    }
    List<Deal> deals = new ArrayList<>();
    ArrayNode tr = root.putArray("trustees");
    for (Trustee t : trustees) {
      int i = t.index();
      ObjectNode o = tr.addObject();
      o.put("index", i);
      o.put("encryptionSecret", t.encryptionSecret().toHex());
      KeyAnnouncement an = announcements.get(i - 1);
      o.put("encryptionKey", an.encryptionKey().toHex());
      o.put("announcementNonce", fixed("w/key/" + i).toHex());
      o.put("announcementProof", HEX.formatHex(an.proof().toBytes()));
      o.put("announcementFile", text(TrusteeFiles.write(p, an)));
      ArrayNode co = o.putArray("coefficients");
      ArrayNode cm = o.putArray("commitments");
      ArrayNode cn = o.putArray("coefficientNonces");
      ArrayNode cp = o.putArray("coefficientProofs");
      Point[] commitments = t.polynomial().commitments();
      List<SchnorrProof> proofs = new ArrayList<>();
      for (int j = 0; j < 2; j++) {
        Scalar w = fixed("w/coefficient/" + i + "/" + j);
        SchnorrProof pr =
            SchnorrProof.proveWithNonce(Deal.PROOF_TAG, c, i, j, t.polynomial().coefficient(j), w);
        proofs.add(pr);
        co.add(t.polynomial().coefficient(j).toHex());
        cm.add(commitments[j].toHex());
        cn.add(w.toHex());
        cp.add(HEX.formatHex(pr.toBytes()));
      }
      ArrayNode sh = o.putArray("shares");
      List<EncryptedShare> enc = new ArrayList<>();
      for (int j = 1; j <= 3; j++) {
        if (j == i) {
          continue;
        }
        Scalar e = fixed("e/" + i + "/" + j);
        Scalar value = t.polynomial().at(j);
        EncryptedShare es =
            EncryptedShare.encryptWith(c, i, j, announcements.get(j - 1).encryptionKey(), value, e);
        enc.add(es);
        ObjectNode so = sh.addObject();
        so.put("recipient", j);
        so.put("value", value.toHex());
        so.put("ephemeralSecret", e.toHex());
        so.put("ephemeral", es.ephemeral().toHex());
        so.put("ciphertext", HEX.formatHex(es.ciphertext()));
      }
      Deal deal = new Deal(i, List.of(commitments), proofs, enc);
      deals.add(deal);
      o.put("dealFile", text(TrusteeFiles.write(p, deal)));
    }
    List<CheckReport> reports = new ArrayList<>();
    for (Trustee t : trustees) {
      int j = t.index();
      reports.add(
          new CheckReport(
              j,
              new TreeSet<>(),
              SchnorrProof.proveWithNonce(
                  CheckReport.TAG,
                  c,
                  j,
                  0,
                  t.encryptionSecret(),
                  fixed("w/check/" + j),
                  CheckReport.message(new TreeSet<>()))));
    }
    ArrayNode rep = root.putArray("checkFiles");
    reports.forEach(r -> rep.add(text(TrusteeFiles.write(p, r))));
    JointKey joint =
        Ceremony.combine(p, new Ceremony.Published(announcements, deals, reports, List.of()));
    for (Trustee t : trustees) {
      t.finish(joint, deals, List.of());
      ObjectNode o = (ObjectNode) tr.get(t.index() - 1);
      o.put("finalShare", t.finalShare().orElseThrow().toHex());
      o.put("publicShare", joint.publicShare(t.index()).toHex());
    }
    ObjectNode jk = root.putObject("jointKey");
    jk.put("electionKey", joint.electionKey().toHex());
    jk.put("extendedHash", HEX.formatHex(joint.extendedHash()));
    jk.put("jointKeyFile", text(TrusteeFiles.write(joint)));

    // A complaint: trustee 3 accuses trustee 2, trustee 2 reveals s_23.
    ObjectNode comp = root.putObject("complaint");
    TreeSet<Integer> accused = new TreeSet<>(List.of(2));
    CheckReport accusing =
        new CheckReport(
            3,
            accused,
            SchnorrProof.proveWithNonce(
                CheckReport.TAG,
                c,
                3,
                0,
                trustees.get(2).encryptionSecret(),
                fixed("w/complaint/3"),
                CheckReport.message(accused)));
    Scalar s23 = trustees.get(1).polynomial().at(3);
    ComplaintAnswer answer =
        new ComplaintAnswer(
            2,
            3,
            s23,
            SchnorrProof.proveWithNonce(
                ComplaintAnswer.TAG,
                c,
                2,
                3,
                trustees.get(1).encryptionSecret(),
                fixed("w/answer/2/3"),
                s23.toBytes()));
    comp.put("checkFile", text(TrusteeFiles.write(p, accusing)));
    comp.put("answerFile", text(TrusteeFiles.write(p, answer)));

    // Decryption of Enc(5; r) by trustees 1 and 3.
    ObjectNode dec = root.putObject("decryption");
    Scalar r = fixed("r/total");
    ElGamalCiphertext ct = joint.toElectionKey().encrypt(5, r).normalize();
    EncryptedTotal total = new EncryptedTotal("mayor", "alice", ct);
    dec.put("label", total.label());
    dec.put("nonce", r.toHex());
    dec.put("ciphertext", HEX.formatHex(ct.toBytes()));
    dec.put("totalsFile", text(TrusteeFiles.writeTotals(joint.extendedHash(), List.of(total))));
    ArrayNode ds = dec.putArray("shares");
    List<DecryptionShare> used = new ArrayList<>();
    for (int j : new int[] {1, 3}) {
      Scalar sj = trustees.get(j - 1).finalShare().orElseThrow();
      Point m = ct.alpha().multiply(sj).normalize();
      Scalar u = fixed("u/share/" + j);
      ShareProof proof =
          ShareProof.prove(
              joint.extendedHash(), total.label(), j, joint.publicShare(j), ct, m, sj, u);
      DecryptionShare share = new DecryptionShare(j, "mayor", "alice", m, proof);
      used.add(share);
      ObjectNode so = ds.addObject();
      so.put("trustee", j);
      so.put("share", m.toHex());
      so.put("nonce", u.toHex());
      so.put("proof", HEX.formatHex(proof.toBytes()));
      so.put(
          "sharesFile",
          text(
              TrusteeFiles.write(new DecryptionShareSet(j, joint.extendedHash(), List.of(share)))));
      so.put("lagrange", Lagrange.coefficient(j, List.of(1, 3)).toHex());
    }
    dec.put("combined", Combiner.combineShares(used).normalize().toHex());
    dec.put("count", 5);

    ObjectNode kf = root.putObject("keyFile");
    TrusteeKeyFile.Argon2 argon2 = TrusteeKeyFile.Argon2.MINIMUM;
    byte[] salt = fixedBytes("salt", 16);
    byte[] nonce = fixedBytes("gcm-nonce", 12);
    kf.put("trustee", 1);
    kf.put("passphrase", PASSPHRASE);
    kf.put("memoryKiB", argon2.memoryKiB());
    kf.put("iterations", argon2.iterations());
    kf.put("parallelism", argon2.parallelism());
    kf.put("salt", HEX.formatHex(salt));
    kf.put("nonce", HEX.formatHex(nonce));
    kf.put("key", HEX.formatHex(TrusteeKeyFile.derive(PASSPHRASE.toCharArray(), salt, argon2)));
    kf.put(
        "file",
        HEX.formatHex(
            TrusteeKeyFile.seal(trustees.get(0), PASSPHRASE.toCharArray(), argon2, salt, nonce)));

    // Inputs that fail at exactly one step.
    ArrayNode fails = root.putArray("failures");
    List<Point> badC = new ArrayList<>(deals.get(1).commitments());
    badC.set(1, badC.get(1).add(Group.G).normalize());
    Deal badDeal = new Deal(2, badC, deals.get(1).proofs(), deals.get(1).shares());
    fails.addObject().put("step", "T4").put("dealFile", text(TrusteeFiles.write(p, badDeal)));
    EncryptedShare wrong =
        EncryptedShare.encryptWith(
            c, 2, 3, announcements.get(2).encryptionKey(), s23.add(Scalar.ONE), fixed("e/wrong"));
    Deal wrongDeal =
        new Deal(
            2,
            deals.get(1).commitments(),
            deals.get(1).proofs(),
            List.of(deals.get(1).shareFor(1), wrong));
    fails
        .addObject()
        .put("step", "T5")
        .put("recipient", 3)
        .put("dealFile", text(TrusteeFiles.write(p, wrongDeal)));
    Scalar bogus = s23.add(Scalar.ONE);
    ComplaintAnswer badAnswer =
        new ComplaintAnswer(
            2,
            3,
            bogus,
            SchnorrProof.proveWithNonce(
                ComplaintAnswer.TAG,
                c,
                2,
                3,
                trustees.get(1).encryptionSecret(),
                fixed("w/answer/bad"),
                bogus.toBytes()));
    fails.addObject().put("step", "T7").put("answerFile", text(TrusteeFiles.write(p, badAnswer)));
    DecryptionShare s1 = used.get(0);
    DecryptionShare badShare =
        new DecryptionShare(1, "mayor", "alice", s1.share().add(Group.G).normalize(), s1.proof());
    fails
        .addObject()
        .put("step", "T11")
        .put(
            "sharesFile",
            text(
                TrusteeFiles.write(
                    new DecryptionShareSet(1, joint.extendedHash(), List.of(badShare)))));
    fails.addObject().put("step", "T12").put("count", 6);
    return root;
  }

  static String render() throws Exception {
    return JSON.writeValueAsString(build()) + "\n";
  }

  public static void main(String[] args) throws Exception {
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, render());
    System.out.println("wrote " + FILE.toAbsolutePath());
  }
}
