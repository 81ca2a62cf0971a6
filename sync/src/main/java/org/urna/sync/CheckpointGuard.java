package org.urna.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urna.sync.ledger.LedgerCallException;
import org.urna.sync.ledger.LedgerLink;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.SignedNote;
import org.urna.tlog.TreeHash;
import org.urna.tlog.TrustPolicy;
import org.urna.tlog.TrustPolicy.Verdict;

/**
 * Admits a checkpoint only when (1) a trusted log key signed it and a quorum of trusted validators
 * cosigned it, and (2) it is consistent with the last checkpoint this kiosk verified: the same root
 * at the same size, or an RFC 9162 consistency proof from the validator that served it, in
 * whichever direction (an older checkpoint from a lagging validator must be a prefix of the last).
 * A newer admitted checkpoint becomes the last one and is saved before it is used.
 */
final class CheckpointGuard {
  private final TrustPolicy policy;
  private final LedgerLink link;
  private final SyncStateFiles files;
  private Verdict.Trusted last;
  private final Map<String, Verdict.Trusted> admitted =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verdict.Trusted> e) {
          return size() > 32;
        }
      };

  CheckpointGuard(TrustPolicy policy, LedgerLink link, SyncStateFiles files) {
    this.policy = policy;
    this.link = link;
    this.files = files;
  }

  /** Restores the saved checkpoint; it must still satisfy the trusted policy. */
  void restore(SignedNote saved) throws AlarmRaised {
    if (!(policy.check(saved) instanceof Verdict.Trusted t)) {
      throw new AlarmRaised(
          new SyncAlarm.DamagedRecord(
              "the saved checkpoint is not signed and cosigned as the trusted policy requires"));
    }
    last = t;
    admitted.put(saved.text(), t);
  }

  Optional<Verdict.Trusted> last() {
    return Optional.ofNullable(last);
  }

  /** Checks a checkpoint served by {@code endpoint}; returns it once trusted and consistent. */
  synchronized Verdict.Trusted admit(SignedNote note, URI endpoint)
      throws AlarmRaised, LedgerCallException {
    Verdict.Trusted known = admitted.get(note.text());
    if (known != null) {
      return known;
    }
    Verdict.Trusted t =
        switch (policy.check(note)) {
          case Verdict.Trusted ok -> ok;
          case Verdict.Untrusted(String why) ->
              throw new AlarmRaised(new SyncAlarm.UntrustedCheckpoint(endpoint + ": " + why));
        };
    long size = t.checkpoint().size();
    TreeHash root = t.checkpoint().root();
    if (last != null) {
      long lastSize = last.checkpoint().size();
      TreeHash lastRoot = last.checkpoint().root();
      boolean consistent;
      if (size == lastSize) {
        consistent = root.equals(lastRoot);
      } else if (size > lastSize) {
        List<TreeHash> path = link.consistency(endpoint, lastSize, size);
        consistent = MerkleProofs.verifyConsistency(lastSize, size, path, lastRoot, root);
      } else {
        List<TreeHash> path = link.consistency(endpoint, size, lastSize);
        consistent = MerkleProofs.verifyConsistency(size, lastSize, path, root, lastRoot);
      }
      if (!consistent) {
        throw new AlarmRaised(
            new SyncAlarm.TwoHistories(
                endpoint
                    + " served checkpoint "
                    + size
                    + " ("
                    + root.hex()
                    + ") that does not extend the verified checkpoint "
                    + lastSize
                    + " ("
                    + lastRoot.hex()
                    + ")"));
      }
    }
    if (last == null || size > last.checkpoint().size()) {
      try {
        files.saveCheckpoint(note);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the verified checkpoint", e);
      }
      last = t;
    }
    admitted.put(note.text(), t);
    return t;
  }
}
