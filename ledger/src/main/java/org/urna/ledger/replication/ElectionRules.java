package org.urna.ledger.replication;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.VerifyingKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.Station;
import org.urna.core.election.VotingWindow;

/** What a validator checks a ballot against: the election's hash, its stations and window. */
public record ElectionRules(
    byte[] extendedHash, Map<String, VerifyingKey> stations, VotingWindow window) {
  public ElectionRules {
    if (extendedHash == null || extendedHash.length != 32) {
      throw new IllegalArgumentException("the election hash has 32 bytes");
    }
    extendedHash = extendedHash.clone();
    stations = Map.copyOf(stations);
  }

  public static ElectionRules of(ElectionManifest manifest, ElectionKey key) {
    return new ElectionRules(
        key.extendedHash(),
        manifest.stations().stream().collect(Collectors.toMap(Station::id, Station::key)),
        manifest.votingWindow());
  }

  /** The rules of a loaded, signature-checked election package. */
  public static ElectionRules of(org.urna.core.election.ElectionPackage pkg) {
    return new ElectionRules(
        pkg.extendedHash(),
        pkg.manifest().stations().stream().collect(Collectors.toMap(Station::id, Station::key)),
        pkg.manifest().votingWindow());
  }

  @Override
  public byte[] extendedHash() {
    return extendedHash.clone();
  }

  public boolean sameElection(byte[] hash) {
    return Arrays.equals(extendedHash, hash);
  }

  public Optional<VerifyingKey> stationKey(String id) {
    return Optional.ofNullable(stations.get(id));
  }
}
