package org.urna.core.election;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a voter sees and a verifier needs to know about one election (spec 3): contests,
 * ballot styles, the authorised stations, the voting window, in every language the election
 * carries.
 */
public record ElectionManifest(
    String electionId,
    LocalizedText title,
    List<String> languages,
    VotingWindow votingWindow,
    List<Contest> contests,
    List<BallotStyle> ballotStyles,
    List<Station> stations) {

  public ElectionManifest {
    Ids.check("electionId", electionId);
    if (title == null) {
      throw new IllegalArgumentException("title is missing");
    }
    if (languages == null || languages.isEmpty()) {
      throw new IllegalArgumentException("languages: at least one language is required");
    }
    languages = List.copyOf(languages);
    if (votingWindow == null) {
      throw new IllegalArgumentException("votingWindow is missing");
    }
    if (contests == null || contests.isEmpty()) {
      throw new IllegalArgumentException("contests: at least one contest is required");
    }
    if (ballotStyles == null || ballotStyles.isEmpty()) {
      throw new IllegalArgumentException("ballotStyles: at least one ballot style is required");
    }
    if (stations == null || stations.isEmpty()) {
      throw new IllegalArgumentException("stations: at least one station is required");
    }
    contests = List.copyOf(contests);
    ballotStyles = List.copyOf(ballotStyles);
    stations = List.copyOf(stations);
    Ids.requireUnique("contest", contests.stream().map(Contest::id));
    Ids.requireUnique("ballot style", ballotStyles.stream().map(BallotStyle::id));
    Ids.requireUnique("station", stations.stream().map(Station::id));
    Map<String, Contest> byId = new HashMap<>();
    contests.forEach(c -> byId.put(c.id(), c));
    for (BallotStyle s : ballotStyles) {
      for (String cid : s.contestIds()) {
        if (!byId.containsKey(cid)) {
          throw new IllegalArgumentException(
              "ballotStyles." + s.id() + ".contestIds: unknown contest '" + cid + "'");
        }
      }
    }
  }

  public Optional<Contest> contest(String id) {
    return contests.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public Optional<BallotStyle> ballotStyle(String id) {
    return ballotStyles.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Optional<Station> station(String id) {
    return stations.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The contests of a ballot style, in ballot order. */
  public List<Contest> contestsOf(BallotStyle style) {
    return style.contestIds().stream().map(id -> contest(id).orElseThrow()).toList();
  }
}
