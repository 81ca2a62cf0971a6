package org.urna.tally.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.BatchVerifier;
import org.urna.core.verify.RecordVerifier;
import org.urna.core.verify.VerificationFailure;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.record.RecordLayout;

/**
 * Every ballot of the ledger checked (docs/spec/ballot-cryptography.md 7: V1, V2-V6, V8, V9 with
 * election-core's {@link BatchVerifier} on all cores, V7 and V10 in ledger order with {@link
 * RecordVerifier}, the leaf's tracking code) and the cast ones added selection by selection into
 * the encrypted totals; challenged ballots are never counted. One failing ballot refuses the whole
 * tally, naming it.
 */
public final class LedgerTally {
  /** At most this many failures are listed; the rest are counted. */
  static final int LISTED = 20;

  /** The totals, and the counts of cast and challenged ballots per station. */
  public record Result(List<EncryptedTotal> totals, Map<String, long[]> stations, long cast) {}

  private final ElectionManifest manifest;
  private final ElectionKey key;
  private final int threads;

  public LedgerTally(ElectionManifest manifest, ElectionKey key, int threads) {
    this.manifest = manifest;
    this.key = key;
    this.threads = Math.max(1, threads);
  }

  /** The ledger's entries in log order into totals, or a refusal naming every bad ballot. */
  public Result tally(List<byte[]> entries) throws LedgerRefusal {
    List<String> failures = new ArrayList<>();
    List<RecordedBallot> ballots = new ArrayList<>(entries.size());
    List<RecordedBallot> thisElection = new ArrayList<>(entries.size());
    Map<String, String> names = new HashMap<>();
    int otherElection = 0;
    for (int i = 0; i < entries.size(); i++) {
      byte[] leaf = entries.get(i);
      if (leaf.length > 0 && leaf[0] == RecordLayout.LEAF_EVENT) {
        // A station's lifecycle event (polls opened, closed, ...): no ballot, nothing to add.
        // Its signature and order are the election record's step R11; here it must only decode.
        try {
          StationLifecycleEvent.decode(Arrays.copyOfRange(leaf, 1, leaf.length));
        } catch (RuntimeException e) {
          failures.add("V1 entry " + i + ": the station event does not decode: " + e.getMessage());
        }
        continue;
      }
      if (leaf.length < 1 + TrackingCode.BYTES || leaf[0] != RecordLayout.LEAF_BALLOT) {
        failures.add(
            "V1 entry "
                + i
                + ": the leaf is neither 0x01 || tracking code || ballot nor 0x02 || station"
                + " event");
        continue;
      }
      RecordedBallot r;
      try {
        r = RecordedBallot.decode(Arrays.copyOfRange(leaf, 1 + TrackingCode.BYTES, leaf.length));
      } catch (RuntimeException e) {
        failures.add("V1 entry " + i + ": the ballot does not decode: " + e.getMessage());
        continue;
      }
      String name =
          "entry " + i + " (ballot " + r.ballotId() + ", station " + r.ballot().stationId() + ")";
      names.put("ballot " + r.ballotId(), name);
      if (!Arrays.equals(Arrays.copyOfRange(leaf, 1, 1 + TrackingCode.BYTES), r.code().toBytes())) {
        failures.add(name + ": the leaf's tracking code is not the ballot's");
      }
      ballots.add(r);
      if (Arrays.equals(r.ballot().extendedHash(), key.extendedHash())) {
        thisElection.add(r);
      } else {
        otherElection++;
        failures.add(
            "V2 "
                + name
                + ": the ballot belongs to another election (its extended hash Q is not this"
                + " package's)");
      }
    }
    for (VerificationFailure f :
        new BatchVerifier(new BallotVerifier(manifest, key), threads).verify(thisElection)) {
      failures.add(f.step() + " " + named(f.item(), names) + ": " + f.detail());
    }
    if (otherElection == 0) {
      for (VerificationFailure f : new RecordVerifier(key).verifySequence(ballots)) {
        failures.add(f.step() + " " + f.item() + ": " + f.detail());
      }
    }
    if (!failures.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      if (otherElection > 0 && otherElection == ballots.size()) {
        sb.append("The ledger's ")
            .append(otherElection)
            .append(" ballots all belong to another election than this package's: wrong package or")
            .append(" wrong ledger. No totals written.");
        return refuse(sb, failures);
      }
      sb.append(failures.size())
          .append(failures.size() == 1 ? " problem" : " problems")
          .append(" with the ledger's ballots; no totals written:");
      return refuse(sb, failures);
    }
    EncryptedTally tally = new EncryptedTally(manifest);
    Map<String, long[]> stations = new TreeMap<>();
    for (RecordedBallot r : ballots) {
      tally.add(r); // adds cast ballots only
      long[] c = stations.computeIfAbsent(r.ballot().stationId(), s -> new long[2]);
      c[r.state() == BallotState.CAST ? 0 : 1]++;
    }
    return new Result(EncryptedTotal.of(tally), stations, tally.castBallots());
  }

  private static Result refuse(StringBuilder sb, List<String> failures) throws LedgerRefusal {
    for (int i = 0; i < Math.min(LISTED, failures.size()); i++) {
      sb.append("\n  ").append(failures.get(i));
    }
    if (failures.size() > LISTED) {
      sb.append("\n  ... and ").append(failures.size() - LISTED).append(" more");
    }
    throw new LedgerRefusal(sb.toString());
  }

  /** "ballot <id> ..." as "entry i (ballot <id>, station s) ...". */
  private static String named(String item, Map<String, String> names) {
    int end = item.indexOf(' ', "ballot ".length());
    String ballot = end < 0 ? item : item.substring(0, end);
    String name = names.get(ballot);
    return name == null ? item : name + item.substring(ballot.length());
  }
}
