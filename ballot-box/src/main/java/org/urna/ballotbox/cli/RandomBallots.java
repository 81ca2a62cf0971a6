package org.urna.ballotbox.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;

/** Random valid choices for load and demo runs (undervotes included, never an overvote). */
final class RandomBallots {
  private final ElectionManifest manifest;
  private final Random random;

  RandomBallots(ElectionManifest manifest, Random random) {
    this.manifest = manifest;
    this.random = random;
  }

  PlaintextBallot next(BallotStyle style) {
    Map<String, Set<String>> choices = new LinkedHashMap<>();
    for (Contest c : manifest.contestsOf(style)) {
      List<String> ids = new ArrayList<>(c.selectionIds());
      Collections.shuffle(ids, random);
      choices.put(c.id(), Set.copyOf(ids.subList(0, random.nextInt(c.limit() + 1))));
    }
    return new PlaintextBallot(style.id(), choices);
  }
}
