package org.urna.core.vectors;

import static org.urna.core.vectors.Vectors.HEX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.DecryptionProof;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.RangeProof;
import org.urna.core.crypto.Scalar;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.tally.SelectionTotal;
import org.urna.core.tally.TallyDecryptor;

/**
 * Writes the test vectors into src/test/resources/vectors/core (run from election-core/). Every
 * input is fixed, so running it again writes the same bytes; {@link VectorTest} recomputes them.
 */
public final class VectorGenerator {
  private VectorGenerator() {}

  static byte[] fixed(String name) {
    return Hash.tagged("test-vector").part(name).digest();
  }

  static Scalar fixedScalar(String name) {
    return Hash.tagged("test-vector").part(name).toScalar();
  }

  public static void main(String[] args) throws Exception {
    ObjectNode e = Vectors.object();
    e.put("secretKey", fixedScalar("secret-key").toHex());
    e.put("extendedHash", HEX.formatHex(fixed("extended-hash")));
    e.put("stationKeySeed", HEX.formatHex(fixed("station-key")));
    e.put("stationId", "station-1");
    e.put("ballotStyleId", "style-1");
    e.put("opens", "2026-09-20T05:00:00Z");
    e.put("closes", "2026-09-20T17:00:00Z");
    ArrayNode contests = e.putArray("contests");
    contests
        .addObject()
        .put("contestId", "mayor")
        .put("limit", 1)
        .set("selectionIds", strings("ann", "boris", "chen"));
    contests
        .addObject()
        .put("contestId", "council")
        .put("limit", 2)
        .set("selectionIds", strings("d", "e", "f", "g"));
    Vectors.VectorElection ve = Vectors.election(e);
    e.put("publicKey", ve.key().key().toHex());
    e.put("stationPublicKey", ve.stationKey().publicKey().toHex());
    Vectors.write("election.json", e);

    // Hashing (spec 2.2).
    ArrayNode hashes = Vectors.array();
    for (String[] c :
        new String[][] {{"example"}, {"example", "00ff"}, {"nonce", "", "0102", "616263"}}) {
      Hash h = Hash.tagged(c[0]);
      ArrayNode parts = Vectors.array();
      for (int i = 1; i < c.length; i++) {
        h.part(HEX.parseHex(c[i]));
        parts.add(c[i]);
      }
      Hash h2 = Hash.tagged(c[0]);
      parts.forEach(p -> h2.part(HEX.parseHex(p.asText())));
      ObjectNode o = hashes.addObject().put("tag", Hash.TAG_PREFIX + c[0]);
      o.set("parts", parts);
      o.put("digest", HEX.formatHex(h.digest())).put("scalar", h2.toScalar().toHex());
    }
    Vectors.write("hash.json", wrap("cases", hashes));

    // ElGamal (spec 4.1).
    ArrayNode eg = Vectors.array();
    for (int m = 0; m <= 3; m++) {
      Scalar r = fixedScalar("elgamal-r-" + m);
      ElGamalCiphertext ct = ve.key().encrypt(m, r).normalize();
      eg.addObject()
          .put("m", m)
          .put("r", r.toHex())
          .put("alpha", ct.alpha().toHex())
          .put("beta", ct.beta().toHex());
    }
    Vectors.write("elgamal.json", wrap("cases", eg));

    // Range proofs (spec 4.2) with the nonces of spec 5.3.
    ArrayNode rp = Vectors.array();
    NonceSeed seed = NonceSeed.of(fixed("nonce-seed"));
    BallotId id = BallotId.of(java.util.Arrays.copyOf(fixed("ballot-id"), 16));
    int[][] cases = {{1, 0}, {1, 1}, {2, 0}, {2, 2}, {3, 1}};
    for (int[] c : cases) {
      int limit = c[0];
      int m = c[1];
      String label = id.toHex() + "/range-" + limit + "-" + m;
      Scalar r = fixedScalar("range-r-" + limit + "-" + m);
      ElGamalCiphertext ct = ve.key().encrypt(m, r).normalize();
      RangeProof p = RangeProof.prove(ve.key(), label, ct, m, r, limit, seed.proofNonces(id));
      rp.addObject()
          .put("label", label)
          .put("limit", limit)
          .put("m", m)
          .put("r", r.toHex())
          .put("nonceSeed", seed.toHex())
          .put("ballotId", id.toHex())
          .put("alpha", ct.alpha().toHex())
          .put("beta", ct.beta().toHex())
          .put("proof", HEX.formatHex(p.toBytes()));
    }
    Vectors.write("range-proof.json", wrap("cases", rp));

    // A whole ballot, cast and challenged (spec 5).
    BallotEncryptor enc = new BallotEncryptor(ve.manifest(), ve.key());
    ObjectNode choices = Vectors.object();
    choices.set("mayor", strings("boris"));
    choices.set("council", strings("d", "g"));
    PlaintextBallot p = Vectors.plaintext("style-1", choices);
    long hour = java.time.Instant.parse("2026-09-20T09:00:00Z").getEpochSecond() / 3600;
    EncryptedBallot body = enc.encrypt(p, id, "station-1", hour, seed);
    TrackingCode start = TrackingCode.seed(ve.key().extendedHash(), "station-1");
    RecordedBallot cast =
        RecordedBallot.record(body, BallotState.CAST, null, start, ve.stationKey());
    RecordedBallot challenged =
        RecordedBallot.record(
            body, BallotState.CHALLENGED, new ChallengeReveal(seed, p), start, ve.stationKey());
    ObjectNode b = Vectors.object();
    b.put("ballotId", id.toHex()).put("nonceSeed", seed.toHex()).put("epochHour", hour);
    b.set("choices", choices);
    b.put("body", HEX.formatHex(body.toBytes())).put("bodyHash", HEX.formatHex(body.hash()));
    b.put("trackingCodeSeed", start.toHex());
    b.set("cast", recorded(cast));
    b.set("challenged", recorded(challenged));
    Vectors.write("ballot.json", b);

    // Decryption proof (spec 4.4).
    ElGamalCiphertext total = ve.key().encrypt(5, fixedScalar("tally-r")).normalize();
    Scalar u = fixedScalar("decryption-u");
    DecryptionProof dp =
        DecryptionProof.prove(ve.key(), ve.secret(), "tally/mayor/ann", total, 5, u);
    ObjectNode d = Vectors.object();
    d.put("label", "tally/mayor/ann")
        .put("alpha", total.alpha().toHex())
        .put("beta", total.beta().toHex());
    d.put("total", 5).put("u", u.toHex()).put("proof", HEX.formatHex(dp.toBytes()));
    Vectors.write("decryption.json", d);

    // One failing input per verification step (spec 7).
    Vectors.write("steps.json", StepVectors.generate(ve, enc, seed));
  }

  static ObjectNode recorded(RecordedBallot r) {
    ObjectNode o = Vectors.object();
    o.put("state", r.state().name());
    o.put(
        "recordedHash",
        HEX.formatHex(RecordedBallot.recordedHash(r.ballot(), r.state(), r.reveal())));
    o.put("trackingCode", r.code().toHex()).put("display", r.code().display());
    o.put(
        "signatureMessage",
        HEX.formatHex(
            RecordedBallot.signatureMessage(
                r.ballot().extendedHash(), r.ballot().stationId(), r.code())));
    o.put("signature", r.signature().toHex());
    o.put("recorded", HEX.formatHex(r.toBytes()));
    return o;
  }

  static ArrayNode strings(String... s) {
    ArrayNode a = Vectors.array();
    for (String x : s) {
      a.add(x);
    }
    return a;
  }

  static ObjectNode wrap(String name, JsonNode n) {
    ObjectNode o = Vectors.object();
    o.set(name, n);
    return o;
  }

  /** A ballot whose first selection carries its sibling's proof, re-signed: only V5 fails. */
  static EncryptedBallot swapFirstProof(EncryptedBallot b) {
    List<EncryptedContest> cs = new ArrayList<>(b.contests());
    EncryptedContest c = cs.getFirst();
    List<EncryptedSelection> sels = new ArrayList<>(c.selections());
    sels.set(
        0,
        new EncryptedSelection(
            sels.get(0).selectionId(), sels.get(0).ciphertext(), sels.get(1).proof()));
    cs.set(0, new EncryptedContest(c.contestId(), c.limit(), sels, c.limitProof()));
    return new EncryptedBallot(
        b.extendedHash(), b.ballotId(), b.stationId(), b.ballotStyleId(), b.epochHour(), cs);
  }

  static List<SelectionTotal> totals(Vectors.VectorElection ve, List<RecordedBallot> ballots) {
    EncryptedTally t = new EncryptedTally(ve.manifest());
    ballots.forEach(t::add);
    return new TallyDecryptor(ve.manifest(), ve.key(), ve.secret()).decrypt(t);
  }
}
