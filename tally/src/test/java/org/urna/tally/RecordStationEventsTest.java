package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.tally.record.ElectionRecordVerifier;
import org.urna.tally.record.RecordFailure;
import org.urna.tally.record.RecordFiles;
import org.urna.tally.record.RecordLayout;
import org.urna.tally.record.RecordReport;
import org.urna.tally.record.RecordStep;
import org.urna.tally.record.tlog.EntryBundles;

/**
 * An election record whose ledger holds the stations' lifecycle events beside the ballots: the
 * verifier checks each event (R11) instead of refusing it as a malformed ballot, and finds an event
 * that counts other ballots than the ledger holds, or one that is missing.
 */
class RecordStationEventsTest {
  static RecordReport verify(RecordFiles files) {
    return new ElectionRecordVerifier(files, Optional.empty(), 2).verify();
  }

  @Test
  void aRecordWithEventsVerifiesAndEveryEventIsChecked() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("record-events", RecordGenerator.smallVotes(), 4, true);
    assertThat(g.leaves()).hasSize(12 + 6);
    RecordReport r = verify(g.files());
    assertThat(r.failures()).isEmpty();
    assertThat(r.holds()).isTrue();
    assertThat(r.checkedCount(RecordStep.R11)).isEqualTo(6);
    assertThat(r.checkedCount(RecordStep.V1)).isEqualTo(12);
  }

  /**
   * The tally from the ledger reads past the stations' events: the totals of a ledger with events
   * are those of the same ballots without them, and an event leaf that does not decode is refused.
   */
  @Test
  void theTallyFromTheLedgerSkipsEventsAndRefusesABrokenOne() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("record-events", RecordGenerator.smallVotes(), 4, true);
    var pkg =
        org.urna.core.election.ElectionPackage.load(
            g.files().get(RecordLayout.PACKAGE),
            g.sample().trustAnchor(),
            g.sample().manifest().votingWindow().opens());
    var key = new org.urna.core.crypto.ElectionKey(pkg.electionKey(), pkg.extendedHash());
    var tally = new org.urna.tally.ledger.LedgerTally(pkg.manifest(), key, 2);
    List<byte[]> ballotsOnly =
        g.leaves().stream().filter(l -> l[0] == RecordLayout.LEAF_BALLOT).toList();
    assertThat(ballotsOnly).hasSize(12);
    var withEvents = tally.tally(g.leaves());
    var without = tally.tally(ballotsOnly);
    assertThat(withEvents.cast()).isEqualTo(without.cast()).isPositive();
    assertThat(withEvents.stations()).usingRecursiveComparison().isEqualTo(without.stations());
    assertThat(withEvents.totals()).isEqualTo(without.totals());

    List<byte[]> broken = new ArrayList<>(g.leaves());
    int event = 0;
    while (broken.get(event)[0] != RecordLayout.LEAF_EVENT) {
      event++;
    }
    broken.set(event, new byte[] {RecordLayout.LEAF_EVENT, 1, 2, 3});
    final int at = event;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tally.tally(broken))
        .isInstanceOf(org.urna.tally.ledger.LedgerRefusal.class)
        .hasMessageContaining("entry " + at + ": the station event does not decode");
  }

  /** The record with one leaf replaced or removed, its checkpoints as they were. */
  private static RecordFiles withLeaves(RecordGenerator.Generated g, List<byte[]> leaves) {
    Map<String, byte[]> copy = new TreeMap<>(g.files().all());
    copy.keySet().removeIf(n -> n.startsWith(RecordLayout.ENTRIES + "tile/"));
    copy.put(
        RecordLayout.ENTRIES + EntryBundles.path(0, leaves.size()), EntryBundles.write(leaves));
    return new RecordFiles(copy);
  }

  private static List<String> r11(RecordReport r) {
    return r.failures().stream()
        .filter(f -> f.step() == RecordStep.R11)
        .map(RecordFailure::detail)
        .toList();
  }

  @Test
  void aClosingEventThatCountsOtherBallotsFailsR11() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("record-events", RecordGenerator.smallVotes(), 4, true);
    List<byte[]> leaves = new ArrayList<>(g.leaves());
    int last = leaves.size() - 1; // uik-1702's closing event
    byte[] q = g.recorded().getFirst().ballot().extendedHash();
    var closed =
        g.recorded().stream().filter(b -> b.ballot().stationId().equals("uik-1702")).toList();
    // signed by the station all right, but one ballot short
    leaves.set(
        last,
        RecordGenerator.event(
            g.sample(),
            q,
            "uik-1702",
            3,
            Kind.POLLS_CLOSED,
            0,
            closed.size() - 1,
            closed.get(closed.size() - 2).code()));
    RecordReport r = verify(withLeaves(g, leaves));
    assertThat(r.holds()).isFalse();
    assertThat(r11(r))
        .containsExactly(
            "the event counts "
                + (closed.size() - 1)
                + " ballots; the ledger holds "
                + closed.size()
                + " before it");
  }

  /**
   * A station reset after closing (decision 0349): R11 takes a reset that counts the station's
   * ballots with its chain head, refuses one that counts fewer, and refuses the same station
   * loading the election again after its polls had opened; the tally reads past the reset.
   */
  @Test
  void aResetIsCheckedByR11AndSkippedByTheTally() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("record-events", RecordGenerator.smallVotes(), 4, true);
    byte[] q = g.recorded().getFirst().ballot().extendedHash();
    var closed =
        g.recorded().stream().filter(b -> b.ballot().stationId().equals("uik-1702")).toList();
    long time = g.sample().manifest().votingWindow().closes().getEpochSecond() + 600;
    byte[] reset =
        RecordGenerator.event(
            g.sample(), q, "uik-1702", 4, Kind.RESET, time, closed.size(), closed.getLast().code());
    List<byte[]> leaves = new ArrayList<>(g.leaves());
    leaves.add(reset);
    RecordReport r = verify(withLeaves(g, leaves));
    assertThat(r11(r)).isEmpty();
    assertThat(r.checkedCount(RecordStep.R11)).isEqualTo(7);

    var pkg =
        org.urna.core.election.ElectionPackage.load(
            g.files().get(RecordLayout.PACKAGE),
            g.sample().trustAnchor(),
            g.sample().manifest().votingWindow().opens());
    var key = new org.urna.core.crypto.ElectionKey(pkg.electionKey(), pkg.extendedHash());
    var tally = new org.urna.tally.ledger.LedgerTally(pkg.manifest(), key, 2);
    assertThat(tally.tally(leaves).totals()).isEqualTo(tally.tally(g.leaves()).totals());
    assertThat(tally.tally(leaves).cast()).isEqualTo(tally.tally(g.leaves()).cast());

    // loading the election again after a reset that followed opening
    leaves.add(
        RecordGenerator.event(
            g.sample(),
            q,
            "uik-1702",
            5,
            Kind.ELECTION_LOADED,
            time + 60,
            closed.size(),
            closed.getLast().code()));
    assertThat(r11(verify(withLeaves(g, leaves))))
        .singleElement()
        .asString()
        .contains("takes no further part in this election");

    // a reset one ballot short
    List<byte[]> short1 = new ArrayList<>(g.leaves());
    short1.add(
        RecordGenerator.event(
            g.sample(),
            q,
            "uik-1702",
            4,
            Kind.RESET,
            time,
            closed.size() - 1,
            closed.get(closed.size() - 2).code()));
    assertThat(r11(verify(withLeaves(g, short1))))
        .containsExactly(
            "the event counts "
                + (closed.size() - 1)
                + " ballots; the ledger holds "
                + closed.size()
                + " before it");
  }

  @Test
  void aMissingOpeningFailsR11ForTheEventsThatFollow() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("record-events", RecordGenerator.smallVotes(), 4, true);
    List<byte[]> leaves = new ArrayList<>(g.leaves());
    leaves.remove(1); // uik-1701's "polls opened"
    RecordReport r = verify(withLeaves(g, leaves));
    assertThat(r.holds()).isFalse();
    assertThat(r11(r)).contains("the station's next event is number 2, not 3");
    // and the changed leaves no longer match the cosigned checkpoints
    assertThat(r.failed(RecordStep.R7)).isPositive();
  }

  @Test
  void aFlippedByteInAnEventFailsItsSignature() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("record-events", RecordGenerator.smallVotes(), 4, true);
    List<byte[]> leaves = new ArrayList<>(g.leaves());
    byte[] opened = leaves.get(1).clone();
    // leaf type, version, Q, id length, "uik-1701", number, kind: then the time's last byte
    opened[1 + 1 + 32 + 1 + 8 + 8 + 1 + 7] ^= 1;
    leaves.set(1, opened);
    RecordReport r = verify(withLeaves(g, leaves));
    assertThat(r11(r)).contains("the station's signature on the event does not verify");
  }
}
