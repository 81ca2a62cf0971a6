package org.urna.core.vectors;

import static org.urna.core.vectors.Vectors.HEX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotFormatException;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.DecryptionProof;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.SigningKey;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.tally.SelectionTotal;
import org.urna.core.tally.TallyVerifier;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.RecordVerifier;
import org.urna.core.verify.Step;
import org.urna.core.verify.VerificationFailure;

/** Writes and checks the per-step vectors: each input fails exactly at its step. */
final class StepVectors {
  private StepVectors() {}

  static ObjectNode generate(Vectors.VectorElection ve, BallotEncryptor enc, NonceSeed seed) {
    PlaintextBallot p =
        new PlaintextBallot("style-1", Map.of("mayor", Set.of("ann"), "council", Set.of("e")));
    long hour = java.time.Instant.parse("2026-09-20T10:00:00Z").getEpochSecond() / 3600;
    TrackingCode start = TrackingCode.seed(ve.key().extendedHash(), "station-1");
    SigningKey key = ve.stationKey();
    ArrayNode cases = Vectors.array();

    List<RecordedBallot> chain = new ArrayList<>();
    TrackingCode prev = start;
    for (int i = 0; i < 3; i++) {
      RecordedBallot r =
          RecordedBallot.record(
              enc.encrypt(p, id(i), "station-1", hour, seed), BallotState.CAST, null, prev, key);
      chain.add(r);
      prev = r.code();
    }
    byte[] good = chain.getFirst().toBytes();

    ballotCase(
        cases, Step.V1, "truncated by 10 bytes", java.util.Arrays.copyOf(good, good.length - 10));
    ElectionKey other = new ElectionKey(ve.key().key(), VectorGenerator.fixed("another-election"));
    ballotCase(
        cases,
        Step.V2,
        "made for another election (extended hash)",
        RecordedBallot.record(
                new BallotEncryptor(ve.manifest(), other)
                    .encrypt(p, id(10), "station-1", hour, seed),
                BallotState.CAST,
                null,
                TrackingCode.seed(other.extendedHash(), "station-1"),
                key)
            .toBytes());
    ballotCase(
        cases,
        Step.V3,
        "from a station not in the manifest",
        RecordedBallot.record(
                enc.encrypt(p, id(11), "station-9", hour, seed),
                BallotState.CAST,
                null,
                TrackingCode.seed(ve.key().extendedHash(), "station-9"),
                key)
            .toBytes());
    ballotCase(
        cases,
        Step.V4,
        "recorded a day after the window closed",
        RecordedBallot.record(
                enc.encrypt(p, id(12), "station-1", hour + 24, seed),
                BallotState.CAST,
                null,
                start,
                key)
            .toBytes());
    ballotCase(
        cases,
        Step.V5,
        "first selection carries its sibling's proof, re-signed",
        RecordedBallot.record(
                VectorGenerator.swapFirstProof(chain.getFirst().ballot()),
                BallotState.CAST,
                null,
                start,
                key)
            .toBytes());
    EncryptedBallot b0 = chain.getFirst().ballot();
    List<EncryptedContest> cs = new ArrayList<>(b0.contests());
    EncryptedContest council = cs.get(1);
    cs.set(
        1,
        new EncryptedContest(
            council.contestId(),
            council.limit(),
            council.selections(),
            chain.get(1).ballot().contests().get(1).limitProof()));
    ballotCase(
        cases,
        Step.V6,
        "council limit proof taken from another ballot, re-signed",
        RecordedBallot.record(
                new EncryptedBallot(
                    b0.extendedHash(),
                    b0.ballotId(),
                    b0.stationId(),
                    b0.ballotStyleId(),
                    b0.epochHour(),
                    cs),
                BallotState.CAST,
                null,
                start,
                key)
            .toBytes());
    ballotCase(
        cases,
        Step.V8,
        "signed by a key that is not the station's",
        RecordedBallot.record(
                b0,
                BallotState.CAST,
                null,
                start,
                SigningKey.fromSeed(VectorGenerator.fixed("other-key")))
            .toBytes());
    PlaintextBallot lie =
        new PlaintextBallot("style-1", Map.of("mayor", Set.of("chen"), "council", Set.of("e")));
    ballotCase(
        cases,
        Step.V9,
        "challenged, but the revealed choices are not what was encrypted",
        RecordedBallot.record(
                b0, BallotState.CHALLENGED, new ChallengeReveal(seed, lie), start, key)
            .toBytes());

    ObjectNode v7 =
        cases
            .addObject()
            .put("step", "V7")
            .put("description", "the middle of three ballots removed");
    v7.set("sequence", hexes(List.of(chain.get(0), chain.get(2))));
    ObjectNode v10 =
        cases
            .addObject()
            .put("step", "V10")
            .put("description", "a fourth ballot, chained, reusing the first id");
    RecordedBallot reused =
        RecordedBallot.record(
            enc.encrypt(p, id(0), "station-1", hour, seed), BallotState.CAST, null, prev, key);
    v10.set("sequence", hexes(List.of(chain.get(0), chain.get(1), chain.get(2), reused)));

    List<SelectionTotal> totals = VectorGenerator.totals(ve, chain);
    SelectionTotal t0 = totals.getFirst();
    tallyCase(
        cases,
        Step.V11,
        "the encrypted total of mayor/ann doubled",
        chain,
        new SelectionTotal(
            t0.contestId(),
            t0.selectionId(),
            t0.count(),
            t0.encryptedTotal().add(t0.encryptedTotal()),
            t0.proof()));
    tallyCase(
        cases,
        Step.V12,
        "the count of mayor/ann raised by one",
        chain,
        new SelectionTotal(
            t0.contestId(), t0.selectionId(), t0.count() + 1, t0.encryptedTotal(), t0.proof()));
    ObjectNode out = Vectors.object();
    out.set("cases", cases);
    return out;
  }

  private static BallotId id(int i) {
    return BallotId.of(java.util.Arrays.copyOf(VectorGenerator.fixed("step-ballot-" + i), 16));
  }

  private static void ballotCase(ArrayNode cases, Step step, String description, byte[] recorded) {
    cases
        .addObject()
        .put("step", step.name())
        .put("description", description)
        .put("recorded", HEX.formatHex(recorded));
  }

  private static void tallyCase(
      ArrayNode cases,
      Step step,
      String description,
      List<RecordedBallot> ballots,
      SelectionTotal t) {
    ObjectNode o = cases.addObject().put("step", step.name()).put("description", description);
    o.set("ballots", hexes(ballots));
    o.putObject("total")
        .put("contestId", t.contestId())
        .put("selectionId", t.selectionId())
        .put("count", t.count())
        .put("encryptedTotal", HEX.formatHex(t.encryptedTotal().normalize().toBytes()))
        .put("proof", HEX.formatHex(t.proof().toBytes()));
  }

  private static ArrayNode hexes(List<RecordedBallot> rs) {
    ArrayNode a = Vectors.array();
    rs.forEach(r -> a.add(HEX.formatHex(r.toBytes())));
    return a;
  }

  /** The step at which a case fails, as the project's verifier reports it. */
  static Step firstFailingStep(Vectors.VectorElection ve, JsonNode c) {
    if (c.has("recorded")) {
      RecordedBallot r;
      try {
        r = RecordedBallot.decode(Vectors.hex(c.get("recorded")));
      } catch (BallotFormatException e) {
        return Step.V1;
      }
      return first(new BallotVerifier(ve.manifest(), ve.key()).verify(r));
    }
    if (c.has("sequence")) {
      List<RecordedBallot> seq = new ArrayList<>();
      c.get("sequence").forEach(h -> seq.add(RecordedBallot.decode(Vectors.hex(h))));
      return first(new RecordVerifier(ve.key()).verifySequence(seq));
    }
    EncryptedTally tally = new EncryptedTally(ve.manifest());
    c.get("ballots").forEach(h -> tally.add(RecordedBallot.decode(Vectors.hex(h))));
    JsonNode t = c.get("total");
    byte[] ct = Vectors.hex(t.get("encryptedTotal"));
    SelectionTotal total =
        new SelectionTotal(
            t.get("contestId").asText(),
            t.get("selectionId").asText(),
            t.get("count").asLong(),
            new ElGamalCiphertext(
                Point.decode(java.util.Arrays.copyOfRange(ct, 0, 65)),
                Point.decode(java.util.Arrays.copyOfRange(ct, 65, 130))),
            DecryptionProof.decode(Vectors.hex(t.get("proof"))));
    // The vector publishes one total; judge the failures that concern it.
    String item = "total of " + total.contestId() + "/" + total.selectionId();
    return first(
        new TallyVerifier(ve.key())
            .verify(tally, List.of(total)).stream().filter(f -> f.item().equals(item)).toList());
  }

  private static Step first(List<VerificationFailure> f) {
    return f.isEmpty() ? null : f.getFirst().step();
  }
}
