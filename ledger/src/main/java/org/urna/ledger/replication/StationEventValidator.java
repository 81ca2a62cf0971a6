package org.urna.ledger.replication;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.VerifyingKey;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;

/**
 * The ledger's validation of station lifecycle events (docs/spec/ledger.md, "Station events"):
 * well-formed, this election's, a known station's, signed by it, numbered one after the station's
 * last event, in a legal order, and counting exactly the ballots of the station that the ledger
 * holds, with its chain head. Deterministic: the same verdicts on every validator.
 */
final class StationEventValidator {
  private final ElectionRules rules;

  StationEventValidator(ElectionRules rules) {
    this.rules = rules;
  }

  /** Where a station's events stand while an entry is decided. */
  private record Progress(long lastSequence, Optional<Kind> last, boolean opened) {}

  EntryValidator.Decision decide(List<byte[]> submissions, LedgerView view) {
    List<Verdict> verdicts = new ArrayList<>(submissions.size());
    List<EntryValidator.Leaf> leaves = new ArrayList<>();
    Map<String, Progress> progress = new HashMap<>();
    Map<String, Map<Long, byte[]>> inEntry = new HashMap<>();
    long next = view.nextIndex();
    for (byte[] bytes : submissions) {
      StationLifecycleEvent e;
      try {
        e = StationLifecycleEvent.decode(bytes);
      } catch (IllegalArgumentException x) {
        verdicts.add(new Verdict.Rejected("", "malformed station event: " + x.getMessage()));
        continue;
      }
      String id = Long.toString(e.sequence());
      String station = e.stationId();
      Optional<String> refusal = refusal(e, bytes, view, progress, inEntry);
      if (refusal.isPresent()) {
        String why = refusal.get();
        if (why.isEmpty()) {
          long at =
              view.stationEvents(station).stream()
                  .filter(x -> x.sequence() == e.sequence())
                  .findFirst()
                  .orElseThrow()
                  .index();
          verdicts.add(new Verdict.Accepted(id, station, at, "", true));
        } else {
          verdicts.add(new Verdict.Rejected(id, why));
        }
        continue;
      }
      Progress p = progress.get(station);
      progress.put(
          station,
          new Progress(
              e.sequence(), Optional.of(e.kind()), p.opened() || e.kind() == Kind.POLLS_OPENED));
      inEntry.computeIfAbsent(station, s -> new HashMap<>()).put(e.sequence(), bytes);
      verdicts.add(new Verdict.Accepted(id, station, next++, "", false));
      leaves.add(new EntryValidator.Leaf(LedgerLeaf.encodeEvent(bytes), id, station, null));
    }
    return new EntryValidator.Decision(List.copyOf(verdicts), leaves);
  }

  /** Why the event is refused; "" for the same bytes again (resubmitted); empty to accept. */
  private Optional<String> refusal(
      StationLifecycleEvent e,
      byte[] bytes,
      LedgerView view,
      Map<String, Progress> progress,
      Map<String, Map<Long, byte[]>> inEntry) {
    String station = e.stationId();
    if (!rules.sameElection(e.extendedHash())) {
      return Optional.of("the event belongs to another election");
    }
    Optional<VerifyingKey> key = rules.stationKey(station);
    if (key.isEmpty()) {
      return Optional.of("unknown station " + station);
    }
    if (!e.signedBy(key.get())) {
      return Optional.of(
          "the station's signature on this event does not verify: the event is not exactly as"
              + " station "
              + station
              + " signed it");
    }
    List<LedgerView.StationEventEntry> onLedger = view.stationEvents(station);
    for (LedgerView.StationEventEntry x : onLedger) {
      if (x.sequence() == e.sequence()) {
        return Arrays.equals(LedgerLeaf.eventBytes(view.leaf(x.index())), bytes)
            ? Optional.of("")
            : Optional.of(
                "station "
                    + station
                    + " already has event "
                    + e.sequence()
                    + " on the ledger, with other bytes");
      }
    }
    byte[] earlier = inEntry.getOrDefault(station, Map.of()).get(e.sequence());
    if (earlier != null) {
      return Optional.of("the event appears twice in one request");
    }
    Progress p =
        progress.computeIfAbsent(
            station,
            s ->
                onLedger.isEmpty()
                    ? new Progress(0, Optional.empty(), false)
                    : new Progress(
                        onLedger.getLast().sequence(),
                        Optional.of(onLedger.getLast().kind()),
                        onLedger.stream().anyMatch(x -> x.kind() == Kind.POLLS_OPENED)));
    if (e.sequence() != p.lastSequence() + 1) {
      return Optional.of(
          "station "
              + station
              + "'s next event is number "
              + (p.lastSequence() + 1)
              + ", not "
              + e.sequence());
    }
    Optional<String> order = e.kind().refusalAfter(p.last(), p.opened());
    if (order.isPresent()) {
      return Optional.of("out of order at station " + station + ": " + order.get());
    }
    if (e.kind() == Kind.POLLS_OPENED && e.ballots() != 0) {
      return Optional.of(
          "\"polls opened\" must count 0 ballots (its zero report), not " + e.ballots());
    }
    if (e.kind() == Kind.POLLS_OPENED && !rules.window().containsHour(e.time() / 3600)) {
      return Optional.of("the polls were opened outside the voting window");
    }
    long held = view.stationCount(station);
    if (e.ballots() != held) {
      return Optional.of(
          "the event counts "
              + e.ballots()
              + " ballots of station "
              + station
              + " but the ledger holds "
              + held);
    }
    TrackingCode head =
        view.stationHead(station).orElse(TrackingCode.seed(rules.extendedHash(), station));
    if (!e.chainHead().equals(head)) {
      return Optional.of(
          "the event's chain head is not station "
              + station
              + "'s last tracking code on the ledger");
    }
    return Optional.empty();
  }
}
