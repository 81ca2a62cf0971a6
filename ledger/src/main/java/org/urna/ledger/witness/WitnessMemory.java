package org.urna.ledger.witness;

import java.util.Optional;
import org.urna.ledger.merkle.TreeHead;

/**
 * What a witness learns from outside its own state file: for a validator, the latest
 * quorum-cosigned checkpoint replicated through Raft. A witness never cosigns below it, and one
 * that has no state file of its own cosigns nothing until it knows it ({@link #unknownBecause}).
 */
public interface WitnessMemory {
  /** A standalone witness: nothing but its own state file. */
  WitnessMemory NONE =
      new WitnessMemory() {
        @Override
        public Optional<String> unknownBecause() {
          return Optional.empty();
        }

        @Override
        public Optional<TreeHead> agreed() {
          return Optional.empty();
        }
      };

  /**
   * Why the latest agreed checkpoint is not known yet (e.g. the validator is still catching up with
   * its peers); empty once it is known.
   */
  Optional<String> unknownBecause();

  /** The latest agreed (quorum-cosigned) checkpoint; empty when there is none yet. */
  Optional<TreeHead> agreed();
}
