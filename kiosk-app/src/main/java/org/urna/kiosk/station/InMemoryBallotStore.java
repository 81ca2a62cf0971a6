package org.urna.kiosk.station;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.SigningKey;

/**
 * A ballot box in memory, for the demo and for tests until the H2 ballot box is wired in: it does
 * what the real box does with the ballot (tracking-code chain, station signature, the seed
 * destroyed at cast, revealed at challenge) but keeps nothing across a restart. Recorded ballots go
 * to a sink (a list by default; the long-run benchmark streams them away).
 */
public final class InMemoryBallotStore implements BallotStore {
  private final SigningKey stationKey;
  private final Map<BallotId, Pending> pending = new HashMap<>();
  private final Consumer<RecordedBallot> sink;
  private final List<RecordedBallot> recorded = new ArrayList<>();
  private TrackingCode head;

  private record Pending(EncryptedBallot ballot, NonceSeed seed) {}

  public InMemoryBallotStore(byte[] extendedHash, String stationId, SigningKey stationKey) {
    this(extendedHash, stationId, stationKey, null);
  }

  /** With a sink, recorded ballots are handed to it instead of being kept. */
  public InMemoryBallotStore(
      byte[] extendedHash, String stationId, SigningKey stationKey, Consumer<RecordedBallot> sink) {
    this.stationKey = stationKey;
    this.head = TrackingCode.seed(extendedHash, stationId);
    this.sink = sink;
  }

  @Override
  public synchronized void storePending(EncryptedBallot ballot, NonceSeed seed) {
    if (pending.containsKey(ballot.ballotId())) {
      throw new BallotStoreException("ballot " + ballot.ballotId() + " is already pending");
    }
    pending.put(ballot.ballotId(), new Pending(ballot, NonceSeed.of(seed.toBytes())));
  }

  @Override
  public synchronized RecordedBallot cast(BallotId id) {
    Pending p = take(id);
    RecordedBallot r = RecordedBallot.record(p.ballot(), BallotState.CAST, null, head, stationKey);
    p.seed().destroy();
    return keep(r);
  }

  @Override
  public synchronized RecordedBallot challenge(BallotId id, PlaintextBallot claimed) {
    Pending p = take(id);
    RecordedBallot r =
        RecordedBallot.record(
            p.ballot(),
            BallotState.CHALLENGED,
            new ChallengeReveal(p.seed(), claimed),
            head,
            stationKey);
    return keep(r);
  }

  private Pending take(BallotId id) {
    Pending p = pending.remove(id);
    if (p == null) {
      throw new BallotStoreException("ballot " + id + " is not pending in the ballot box");
    }
    return p;
  }

  private RecordedBallot keep(RecordedBallot r) {
    head = r.code();
    if (sink != null) {
      sink.accept(r);
    } else {
      recorded.add(r);
    }
    return r;
  }

  /** Every recorded ballot, in chain order (empty when a sink takes them). */
  public synchronized List<RecordedBallot> recorded() {
    return List.copyOf(recorded);
  }

  public synchronized int pendingCount() {
    return pending.size();
  }
}
