package org.urna.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.SigningKey;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.core.station.StationLifecycleEvent.ResetReason;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.merkle.Rfc6962;

/** The validators' rules for station lifecycle events (docs/spec/ledger.md, "Station events"). */
class StationEventValidatorTest {
  static final byte[] Q = Stations.ELECTION.key.extendedHash();
  static final long TIME = TestElection.HOUR * 3600 + 60;
  @TempDir Path dir;
  final Stations stations = new Stations();

  static byte[] report(int b) {
    byte[] r = new byte[32];
    java.util.Arrays.fill(r, (byte) b);
    return r;
  }

  static StationLifecycleEvent event(
      String station, long seq, Kind kind, long ballots, TrackingCode head, SigningKey key) {
    if (kind == Kind.RESET) {
      return reset(station, seq, ballots, head, ResetReason.ELECTION_OVER, TIME, key);
    }
    return StationLifecycleEvent.sign(
        key,
        Q,
        station,
        seq,
        kind,
        TIME,
        ballots,
        head,
        kind.carriesReport() ? Optional.of(report(seq == 2 ? 0x20 : (int) seq)) : Optional.empty());
  }

  static StationLifecycleEvent reset(
      String station,
      long seq,
      long ballots,
      TrackingCode head,
      ResetReason why,
      long time,
      SigningKey key) {
    return StationLifecycleEvent.signReset(key, Q, station, seq, time, ballots, head, why);
  }

  static StationLifecycleEvent event(
      String station, long seq, Kind kind, long ballots, TrackingCode head) {
    return event(station, seq, kind, ballots, head, Stations.keyOf(station));
  }

  static TrackingCode seed(String station) {
    return TrackingCode.seed(Q, station);
  }

  static String reason(Verdict v) {
    return v instanceof Verdict.Rejected r ? r.reason() : "accepted";
  }

  EntryValidator.Decision apply(LedgerState state, StationLifecycleEvent... events)
      throws Exception {
    List<byte[]> bytes = new ArrayList<>();
    for (StationLifecycleEvent e : events) {
      bytes.add(e.bytes());
    }
    return apply(state, bytes);
  }

  EntryValidator.Decision apply(LedgerState state, List<byte[]> bytes) throws Exception {
    EntryValidator.Decision d = new BallotValidator(Stations.rules()).decideEvents(bytes, state);
    state.append(d.leaves());
    return d;
  }

  @Test
  void aWholeDayInOrderIsTakenAndIndexed() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      var d =
          apply(
              state,
              event("s1", 1, Kind.ELECTION_LOADED, 0, seed("s1")),
              event("s1", 2, Kind.POLLS_OPENED, 0, seed("s1")));
      assertThat(d.verdicts()).allMatch(v -> v instanceof Verdict.Accepted a && !a.resubmitted());
      List<RecordedBallot> ballots = stations.next("s1", 3);
      state.append(
          new BallotValidator(Stations.rules()).decide(Stations.bytes(ballots), state).leaves());
      TrackingCode head = ballots.getLast().code();
      d =
          apply(
              state,
              event("s1", 3, Kind.POLLS_PAUSED, 3, head),
              event("s1", 4, Kind.POLLS_RESUMED, 3, head),
              event("s1", 5, Kind.POLLS_CLOSED, 3, head));
      assertThat(d.verdicts())
          .extracting(StationEventValidatorTest::reason)
          .containsOnly("accepted");
      assertThat(state.stationEvents("s1"))
          .extracting(LedgerView.StationEventEntry::kind)
          .containsExactly(
              Kind.ELECTION_LOADED,
              Kind.POLLS_OPENED,
              Kind.POLLS_PAUSED,
              Kind.POLLS_RESUMED,
              Kind.POLLS_CLOSED);
      assertThat(state.stationEvents("s1").get(1).index()).isEqualTo(1);
      assertThat(state.stationEvents("s1").get(2).index()).isEqualTo(5);
      assertThat(state.stationCount("s1")).isEqualTo(3);
      // the indexes come back from the log alone
      state.reindex();
      assertThat(state.stationEvents("s1")).hasSize(5);
      assertThat(state.stationEvents("s1").getLast().reportHex())
          .contains(HexFormat.of().formatHex(report(5)));
      assertThat(state.stationHead("s1")).contains(head);
    }
  }

  @Test
  void replayIsIdempotentAndOtherBytesUnderAUsedNumberAreRefused() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      StationLifecycleEvent loaded = event("s1", 1, Kind.ELECTION_LOADED, 0, seed("s1"));
      apply(state, loaded);
      var d = apply(state, loaded);
      assertThat(d.verdicts().getFirst()).isEqualTo(new Verdict.Accepted("1", "s1", 0, "", true));
      assertThat(d.leaves()).isEmpty();
      StationLifecycleEvent later =
          StationLifecycleEvent.sign(
              Stations.keyOf("s1"),
              Q,
              "s1",
              1,
              Kind.ELECTION_LOADED,
              TIME + 1,
              0,
              seed("s1"),
              Optional.empty());
      assertThat(reason(apply(state, later).verdicts().getFirst()))
          .isEqualTo("station s1 already has event 1 on the ledger, with other bytes");
      StationLifecycleEvent opened = event("s1", 2, Kind.POLLS_OPENED, 0, seed("s1"));
      d = apply(state, opened, opened);
      assertThat(d.verdicts())
          .extracting(StationEventValidatorTest::reason)
          .containsExactly("accepted", "the event appears twice in one request");
      assertThat(log.size()).isEqualTo(2);
    }
  }

  @Test
  void eachRuleRefusesWithItsReasonAndChangesNothing() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      apply(state, event("s1", 1, Kind.ELECTION_LOADED, 0, seed("s1")));
      StationLifecycleEvent good = event("s1", 2, Kind.POLLS_OPENED, 0, seed("s1"));
      byte[] tampered = good.bytes();
      tampered[tampered.length - 70] ^= 1; // a byte of the report hash
      byte[] oversized = java.util.Arrays.copyOf(good.bytes(), StationLifecycleEvent.MAX_BYTES + 1);
      SigningKey stranger = SigningKey.fromSeed(report(0x55));
      List<byte[]> bad =
          List.of(
              tampered,
              oversized,
              new byte[] {1, 2, 3},
              event("s1", 2, Kind.POLLS_OPENED, 0, seed("s1"), stranger).bytes(),
              event("s1", 2, Kind.POLLS_OPENED, 0, seed("s1"), Stations.keyOf("s2")).bytes(),
              StationLifecycleEvent.sign(
                      Stations.keyOf("s1"),
                      report(9),
                      "s1",
                      2,
                      Kind.POLLS_OPENED,
                      TIME,
                      0,
                      seed("s1"),
                      Optional.of(report(2)))
                  .bytes(),
              event("s9", 1, Kind.ELECTION_LOADED, 0, seed("s9")).bytes(),
              event("s1", 3, Kind.POLLS_OPENED, 0, seed("s1")).bytes(),
              event("s1", 1, Kind.POLLS_OPENED, 0, seed("s1")).bytes(),
              event("s1", 2, Kind.POLLS_CLOSED, 0, seed("s1")).bytes(),
              event("s1", 2, Kind.POLLS_OPENED, 4, seed("s1")).bytes(),
              StationLifecycleEvent.sign(
                      Stations.keyOf("s1"),
                      Q,
                      "s1",
                      2,
                      Kind.POLLS_OPENED,
                      3600,
                      0,
                      seed("s1"),
                      Optional.of(report(2)))
                  .bytes(),
              event("s1", 2, Kind.POLLS_OPENED, 0, seed("s2")).bytes());
      List<String> reasons = new ArrayList<>();
      for (byte[] b : bad) {
        reasons.add(reason(apply(state, List.of(b)).verdicts().getFirst()));
      }
      assertThat(reasons)
          .containsExactly(
              "the station's signature on this event does not verify: the event is not exactly"
                  + " as station s1 signed it",
              "malformed station event: the event has 252 bytes, more than the 251 an event can"
                  + " have",
              "malformed station event: the event is shorter than its fixed fields",
              "the station's signature on this event does not verify: the event is not exactly"
                  + " as station s1 signed it",
              "the station's signature on this event does not verify: the event is not exactly"
                  + " as station s1 signed it",
              "the event belongs to another election",
              "unknown station s9",
              "station s1's next event is number 2, not 3",
              "station s1 already has event 1 on the ledger, with other bytes",
              "out of order at station s1: \"polls closed\" cannot follow \"election loaded\"",
              "\"polls opened\" must count 0 ballots (its zero report), not 4",
              "the polls were opened outside the voting window",
              "the event's chain head is not station s1's last tracking code on the ledger");
      assertThat(log.size()).isEqualTo(1);
      assertThat(state.stationEvents("s1")).hasSize(1);
      // the genuine event is still taken after all that
      assertThat(reason(apply(state, good).verdicts().getFirst())).isEqualTo("accepted");
    }
  }

  @Test
  void closingMustCountTheBallotsOnTheLedgerAndNothingFollowsItButReset() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      apply(
          state,
          event("s1", 1, Kind.ELECTION_LOADED, 0, seed("s1")),
          event("s1", 2, Kind.POLLS_OPENED, 0, seed("s1")));
      List<RecordedBallot> ballots = stations.next("s1", 2);
      state.append(
          new BallotValidator(Stations.rules())
              .decide(Stations.bytes(ballots.subList(0, 1)), state)
              .leaves());
      // the station closed after two ballots; the ledger has one: the event waits for the other
      assertThat(
              reason(
                  apply(state, event("s1", 3, Kind.POLLS_CLOSED, 2, ballots.get(1).code()))
                      .verdicts()
                      .getFirst()))
          .isEqualTo("the event counts 2 ballots of station s1 but the ledger holds 1");
      state.append(
          new BallotValidator(Stations.rules())
              .decide(Stations.bytes(ballots.subList(1, 2)), state)
              .leaves());
      TrackingCode head = ballots.get(1).code();
      assertThat(
              reason(
                  apply(state, event("s1", 3, Kind.POLLS_CLOSED, 2, head)).verdicts().getFirst()))
          .isEqualTo("accepted");
      assertThat(
              reason(
                  apply(state, event("s1", 4, Kind.POLLS_OPENED, 2, head)).verdicts().getFirst()))
          .isEqualTo("out of order at station s1: \"polls opened\" cannot follow \"polls closed\"");
      assertThat(reason(apply(state, event("s1", 4, Kind.RESET, 2, head)).verdicts().getFirst()))
          .isEqualTo("accepted");
      // its polls opened before the reset: it takes no further part in this election
      assertThat(
              reason(
                  apply(state, event("s1", 5, Kind.ELECTION_LOADED, 2, head))
                      .verdicts()
                      .getFirst()))
          .isEqualTo(
              "out of order at station s1: the polls were opened at this station before its"
                  + " reset: it takes no further part in this election (its polls never open a"
                  + " second time)");
      assertThat(
              reason(
                  apply(state, event("s1", 5, Kind.POLLS_OPENED, 2, head)).verdicts().getFirst()))
          .isEqualTo(
              "out of order at station s1: \"polls opened\" cannot follow \"station reset\"");
      // s2's events are its own
      assertThat(
              reason(
                  apply(state, event("s2", 1, Kind.ELECTION_LOADED, 0, seed("s2")))
                      .verdicts()
                      .getFirst()))
          .isEqualTo("accepted");
    }
  }

  /**
   * A reset must say what the ledger holds of the station: its ballots, its chain head; it comes
   * after the station's first event, once; nothing but its own bytes again replays it.
   */
  @Test
  void aResetCountsWhatTheLedgerHoldsAndComesOnce() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      // a reset before the station loaded its election
      assertThat(
              reason(apply(state, event("s1", 1, Kind.RESET, 0, seed("s1"))).verdicts().getFirst()))
          .isEqualTo(
              "out of order at station s1: \"station reset\" cannot follow nothing (a station's"
                  + " first event is \"election loaded\")");
      apply(
          state,
          event("s1", 1, Kind.ELECTION_LOADED, 0, seed("s1")),
          event("s1", 2, Kind.POLLS_OPENED, 0, seed("s1")));
      List<RecordedBallot> ballots = stations.next("s1", 2);
      state.append(
          new BallotValidator(Stations.rules()).decide(Stations.bytes(ballots), state).leaves());
      TrackingCode head = ballots.get(1).code();
      long size = log.size();
      // wrong counts: fewer than the ledger holds (a box that lost one), more (one not sent yet)
      assertThat(reason(apply(state, event("s1", 3, Kind.RESET, 1, head)).verdicts().getFirst()))
          .isEqualTo("the event counts 1 ballots of station s1 but the ledger holds 2");
      assertThat(reason(apply(state, event("s1", 3, Kind.RESET, 3, head)).verdicts().getFirst()))
          .isEqualTo("the event counts 3 ballots of station s1 but the ledger holds 2");
      // wrong head: the box's chain ends elsewhere than the ledger's
      assertThat(
              reason(
                  apply(state, event("s1", 3, Kind.RESET, 2, ballots.get(0).code()))
                      .verdicts()
                      .getFirst()))
          .isEqualTo("the event's chain head is not station s1's last tracking code on the ledger");
      assertThat(log.size()).isEqualTo(size);
      StationLifecycleEvent reset =
          reset("s1", 3, 2, head, ResetReason.FAULT, TIME + 60, Stations.keyOf("s1"));
      assertThat(apply(state, reset).verdicts().getFirst())
          .isEqualTo(new Verdict.Accepted("3", "s1", size, "", false));
      // replayed: the same bytes answer their place; another reset under its number, or after it
      assertThat(apply(state, reset).verdicts().getFirst())
          .isEqualTo(new Verdict.Accepted("3", "s1", size, "", true));
      assertThat(
              reason(
                  apply(
                          state,
                          reset(
                              "s1", 3, 2, head, ResetReason.OTHER, TIME + 60, Stations.keyOf("s1")))
                      .verdicts()
                      .getFirst()))
          .isEqualTo("station s1 already has event 3 on the ledger, with other bytes");
      assertThat(
              reason(
                  apply(
                          state,
                          reset(
                              "s1", 4, 2, head, ResetReason.FAULT, TIME + 61, Stations.keyOf("s1")))
                      .verdicts()
                      .getFirst()))
          .isEqualTo(
              "out of order at station s1: \"station reset\" cannot follow \"station reset\"");
      // a reset signed by another station's key
      assertThat(
              reason(
                  apply(
                          state,
                          reset("s1", 4, 2, head, ResetReason.FAULT, TIME, Stations.keyOf("s2")))
                      .verdicts()
                      .getFirst()))
          .startsWith("the station's signature on this event does not verify");
      assertThat(log.size()).isEqualTo(size + 1);
      var onLedger = state.stationEvents("s1");
      assertThat(onLedger.getLast().kind()).isEqualTo(Kind.RESET);
      assertThat(onLedger.getLast().ballots()).isEqualTo(2);
      assertThat(onLedger.getLast().reason()).contains(ResetReason.FAULT.words());
    }
  }

  /**
   * A station reset before its polls opened may load the election again: its numbers continue (a
   * number used before the reset is taken), its new box starts empty at the chain's seed, and the
   * zero check holds for it as for the first.
   */
  @Test
  void afterAResetBeforeOpeningTheNumbersContinueAndTheZeroCheckHolds() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      apply(
          state,
          event("s2", 1, Kind.ELECTION_LOADED, 0, seed("s2")),
          reset("s2", 2, 0, seed("s2"), ResetReason.SET_UP_AGAIN, TIME, Stations.keyOf("s2")));
      StationLifecycleEvent restarted =
          StationLifecycleEvent.sign(
              Stations.keyOf("s2"),
              Q,
              "s2",
              1,
              Kind.ELECTION_LOADED,
              TIME + 120,
              0,
              seed("s2"),
              Optional.empty());
      assertThat(reason(apply(state, restarted).verdicts().getFirst()))
          .isEqualTo("station s2 already has event 1 on the ledger, with other bytes");
      assertThat(
              reason(
                  apply(state, event("s2", 3, Kind.ELECTION_LOADED, 0, seed("s2")))
                      .verdicts()
                      .getFirst()))
          .isEqualTo("accepted");
      // the new box's zero report must count no ballot, and the ledger must hold none of s2
      assertThat(
              reason(
                  apply(state, event("s2", 4, Kind.POLLS_OPENED, 1, seed("s2")))
                      .verdicts()
                      .getFirst()))
          .isEqualTo("\"polls opened\" must count 0 ballots (its zero report), not 1");
      assertThat(
              reason(
                  apply(state, event("s2", 4, Kind.POLLS_OPENED, 0, seed("s2")))
                      .verdicts()
                      .getFirst()))
          .isEqualTo("accepted");
      assertThat(state.stationEvents("s2"))
          .extracting(e -> e.kind())
          .containsExactly(
              Kind.ELECTION_LOADED, Kind.RESET, Kind.ELECTION_LOADED, Kind.POLLS_OPENED);
    }
  }

  /** The ledger leaf of the spec's test vector: {@code 0x02 || event}, and its RFC 9162 hash. */
  @Test
  void specLeafVector() {
    SigningKey key = SigningKey.fromSeed(report(0x11));
    byte[] q = report(0x22);
    StationLifecycleEvent e =
        StationLifecycleEvent.sign(
            key,
            q,
            "s1",
            2,
            Kind.POLLS_OPENED,
            1_789_880_400L,
            0,
            TrackingCode.seed(q, "s1"),
            Optional.of(report(0x33)));
    byte[] leaf = LedgerLeaf.encodeEvent(e.bytes());
    assertThat(leaf[0]).isEqualTo((byte) 0x02);
    assertThat(LedgerLeaf.event(leaf).sequence()).isEqualTo(2);
    assertThat(Rfc6962.leafHash(leaf).hex()).isEqualTo(LEAF_HASH);
  }

  static final String LEAF_HASH =
      "a823ca886058a1dfd9852bc1e48bf0e322ac58a8448bba9b915351cf42cdf584";
}
