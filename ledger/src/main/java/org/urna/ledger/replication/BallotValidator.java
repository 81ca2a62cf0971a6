package org.urna.ledger.replication;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.VerifyingKey;
import org.urna.ledger.merkle.MerkleLog;

/**
 * The ledger's validation of recorded ballots (election-core's format, read by {@link
 * RecordedBallotFrame} without decoding curve points): well-formed bytes, this election's hash, an
 * authorised station, inside the voting window, not a duplicate ballot id, linked to the station's
 * tracking-code chain, and signed by the station. Because a signature on a tracking code vouches
 * for every earlier code of the chain, one Ed25519 verification per station per entry (on its chain
 * head) covers the whole batch; if it fails, the last ballot whose own signature verifies bounds
 * what is accepted.
 */
public final class BallotValidator implements EntryValidator {
  private final ElectionRules rules;

  public BallotValidator(ElectionRules rules) {
    this.rules = rules;
  }

  private record Pending(int position, RecordedBallotFrame ballot, String id, TrackingCode code) {}

  @Override
  public Decision decide(List<byte[]> submissions, LedgerView view) {
    Verdict[] verdicts = new Verdict[submissions.size()];
    Map<String, List<Pending>> byStation = new LinkedHashMap<>();
    Map<String, TrackingCode> heads = new HashMap<>();
    Map<String, Integer> seenInEntry = new HashMap<>();
    for (int i = 0; i < submissions.size(); i++) {
      byte[] bytes = submissions.get(i);
      if (bytes.length + LedgerLeaf.OVERHEAD > MerkleLog.MAX_ENTRY) {
        verdicts[i] = new Verdict.Rejected("", "the ballot is larger than a ledger entry can be");
        continue;
      }
      RecordedBallotFrame ballot;
      try {
        ballot = RecordedBallotFrame.read(bytes);
      } catch (RuntimeException e) {
        verdicts[i] = new Verdict.Rejected("", "malformed ballot: " + e.getMessage());
        continue;
      }
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
      VerifyingKey key = rules.stationKey(group.getKey()).orElseThrow();
      List<Pending> chain = group.getValue();
      int last = chain.size() - 1;
      while (last >= 0 && !chain.get(last).ballot().signedBy(key, chain.get(last).code())) {
        last--;
      }
      for (int j = 0; j < chain.size(); j++) {
        Pending p = chain.get(j);
        if (j <= last) {
          accepted.add(p);
        } else {
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
}
