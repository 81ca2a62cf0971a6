package org.urna.core.ballot;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a challenged ballot reveals (spec 5.6): the nonce seed and the choices the voter saw on the
 * paper record. Encoded as the seed, then one byte (0 or 1) per selection in ballot order.
 */
public record ChallengeReveal(NonceSeed seed, PlaintextBallot claimed) {

  public byte[] toBytes(EncryptedBallot ballot) {
    Wire.Writer w = new Wire.Writer().raw(seed.toBytes());
    for (EncryptedContest c : ballot.contests()) {
      for (EncryptedSelection s : c.selections()) {
        w.u8(claimed.value(c.contestId(), s.selectionId()));
      }
    }
    return w.toBytes();
  }

  static ChallengeReveal read(Wire.Reader r, EncryptedBallot ballot) {
    NonceSeed seed = NonceSeed.of(r.raw(NonceSeed.BYTES, "reveal.seed"));
    Map<String, Set<String>> choices = new LinkedHashMap<>();
    for (EncryptedContest c : ballot.contests()) {
      Set<String> chosen = new LinkedHashSet<>();
      for (EncryptedSelection s : c.selections()) {
        int v = r.u8("reveal." + c.contestId() + "." + s.selectionId());
        if (v > 1) {
          throw new BallotFormatException(
              "reveal." + c.contestId() + "." + s.selectionId() + ": must be 0 or 1");
        }
        if (v == 1) {
          chosen.add(s.selectionId());
        }
      }
      choices.put(c.contestId(), chosen);
    }
    return new ChallengeReveal(seed, new PlaintextBallot(ballot.ballotStyleId(), choices));
  }
}
