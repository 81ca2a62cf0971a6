package org.urna.ledger.replication;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urna.core.ballot.BatchStatement;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.VerifyingKey;
import org.urna.ledger.merkle.MerkleLog;

/**
 * The ledger's validation of recorded ballots (election-core's format, read by {@link
 * RecordedBallotFrame} without decoding curve points): well-formed bytes, this election's hash, an
 * authorised station, inside the voting window, not a duplicate ballot id, linked to the station's
 * tracking-code chain, and signed by the station.
 *
 * <p>What "signed" means depends on the batch (decision 0208). A <em>signed batch</em> carries the
 * station's signature over election-core's {@link BatchStatement}, which covers every byte of every
 * ballot in it, their own signatures included: one Ed25519 verification vouches for the whole
 * batch, and if it fails, or the batch mixes stations or holds a malformed ballot, every ballot of
 * it is refused. An <em>unsigned batch</em> has every ballot's own signature verified, in chain
 * order; the first that fails is refused, and so is every later ballot of its station in the entry
 * (they chain on it). Either way no byte the station did not sign enters the log, so a ballot id
 * cannot be taken by bytes that are not the station's.
 */
public final class BallotValidator implements EntryValidator {
  private final ElectionRules rules;

  public BallotValidator(ElectionRules rules) {
    this.rules = rules;
  }

  @Override
  public Decision decideEvents(List<byte[]> events, LedgerView view) {
    return new StationEventValidator(rules).decide(events, view);
  }

  private record Pending(int position, RecordedBallotFrame ballot, String id, TrackingCode code) {}

  @Override
  public Decision decide(
      List<byte[]> submissions, Optional<byte[]> batchSignature, LedgerView view) {
    int n = submissions.size();
    Verdict[] verdicts = new Verdict[n];
    RecordedBallotFrame[] frames = new RecordedBallotFrame[n];
    for (int i = 0; i < n; i++) {
      byte[] bytes = submissions.get(i);
      if (bytes.length + LedgerLeaf.OVERHEAD > MerkleLog.MAX_ENTRY) {
        verdicts[i] = new Verdict.Rejected("", "the ballot is larger than a ledger entry can be");
        continue;
      }
      try {
        frames[i] = RecordedBallotFrame.read(bytes);
      } catch (RuntimeException e) {
        verdicts[i] = new Verdict.Rejected("", "malformed ballot: " + e.getMessage());
      }
    }
    if (batchSignature.isPresent()) {
      Optional<String> refusal = batchRefusal(submissions, frames, batchSignature.get());
      if (refusal.isPresent()) {
        for (int i = 0; i < n; i++) {
          if (verdicts[i] == null) {
            verdicts[i] = new Verdict.Rejected(frames[i].ballotIdHex(), refusal.get());
          }
        }
        return new Decision(List.of(verdicts), List.of());
      }
    }
    Map<String, List<Pending>> byStation = new LinkedHashMap<>();
    Map<String, TrackingCode> heads = new HashMap<>();
    Map<String, Integer> seenInEntry = new HashMap<>();
    for (int i = 0; i < n; i++) {
      RecordedBallotFrame ballot = frames[i];
      if (ballot == null) {
        continue;
      }
      byte[] bytes = submissions.get(i);
      String id = ballot.ballotIdHex();
      String station = ballot.stationId();
      if (!rules.sameElection(ballot.extendedHash())) {
        verdicts[i] = new Verdict.Rejected(id, "the ballot belongs to another election");
        continue;
      }
      if (rules.stationKey(station).isEmpty()) {
        verdicts[i] = new Verdict.Rejected(id, "unknown station " + station);
        continue;
      }
      if (!rules.window().containsHour(ballot.epochHour())) {
        verdicts[i] = new Verdict.Rejected(id, "the ballot was cast outside the voting window");
        continue;
      }
      Optional<Long> existing = view.indexOfBallot(id);
      if (existing.isPresent()) {
        byte[] leaf = view.leaf(existing.get());
        if (Arrays.equals(LedgerLeaf.recordedBytes(leaf), bytes)) {
          verdicts[i] =
              new Verdict.Accepted(
                  id, station, existing.get(), LedgerLeaf.code(leaf).toHex(), true);
        } else {
          verdicts[i] =
              new Verdict.Rejected(id, "this ballot id is already used by another ballot");
        }
        continue;
      }
      if (seenInEntry.containsKey(id)) {
        verdicts[i] = new Verdict.Rejected(id, "the ballot appears twice in one batch");
        continue;
      }
      TrackingCode head =
          heads.computeIfAbsent(
              station, s -> view.stationHead(s).orElse(TrackingCode.seed(rules.extendedHash(), s)));
      if (!ballot.previous().equals(head)) {
        verdicts[i] =
            new Verdict.Rejected(
                id, "the ballot does not continue station " + station + "'s tracking-code chain");
        continue;
      }
      TrackingCode code = ballot.code();
      heads.put(station, code);
      seenInEntry.put(id, i);
      byStation
          .computeIfAbsent(station, s -> new ArrayList<>())
          .add(new Pending(i, ballot, id, code));
    }
    List<Pending> accepted = new ArrayList<>();
    for (Map.Entry<String, List<Pending>> group : byStation.entrySet()) {
      if (batchSignature.isPresent()) {
        // the batch signature verified over every byte of these ballots
        accepted.addAll(group.getValue());
        continue;
      }
      VerifyingKey key = rules.stationKey(group.getKey()).orElseThrow();
      boolean broken = false;
      for (Pending p : group.getValue()) {
        if (broken) {
          verdicts[p.position()] =
              new Verdict.Rejected(
                  p.id(), "an earlier ballot of this batch has a signature that does not verify");
        } else if (p.ballot().signedBy(key, p.code())) {
          accepted.add(p);
        } else {
          broken = true;
          verdicts[p.position()] =
              new Verdict.Rejected(p.id(), "the station's signature does not verify");
        }
      }
    }
    accepted.sort((a, b) -> Integer.compare(a.position(), b.position()));
    List<Leaf> leaves = new ArrayList<>();
    long next = view.nextIndex();
    for (Pending p : accepted) {
      String station = p.ballot().stationId();
      verdicts[p.position()] =
          new Verdict.Accepted(p.id(), station, next++, p.code().toHex(), false);
      leaves.add(
          new Leaf(
              LedgerLeaf.encode(p.code(), p.ballot().bytes()),
              p.id(),
              station,
              p.code().toBytes()));
    }
    return new Decision(List.of(verdicts), leaves);
  }

  /**
   * Why a signed batch is refused whole, or empty when its signature covers it: every ballot is
   * well-formed, all are one known station's, and the station's key signed the {@link
   * BatchStatement} over exactly these bytes.
   */
  private Optional<String> batchRefusal(
      List<byte[]> submissions, RecordedBallotFrame[] frames, byte[] signature) {
    String station = null;
    for (int i = 0; i < frames.length; i++) {
      if (frames[i] == null) {
        return Optional.of("the signed batch is refused whole: ballot " + i + " is malformed");
      }
      if (station == null) {
        station = frames[i].stationId();
      } else if (!station.equals(frames[i].stationId())) {
        return Optional.of("a signed batch holds the ballots of one station only");
      }
    }
    if (station == null) {
      return Optional.empty();
    }
    Optional<VerifyingKey> key = rules.stationKey(station);
    if (key.isEmpty()) {
      return Optional.of("unknown station " + station);
    }
    if (!BatchStatement.signedBy(
        key.get(), rules.extendedHash(), station, submissions, Signature.decode(signature))) {
      return Optional.of(
          "the station's batch signature does not verify: the batch is not exactly as the"
              + " station signed it, so none of it is taken");
    }
    return Optional.empty();
  }
}
