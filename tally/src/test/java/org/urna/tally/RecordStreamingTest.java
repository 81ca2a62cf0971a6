package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.tally.record.ElectionRecordVerifier;
import org.urna.tally.record.RecordFailure;
import org.urna.tally.record.RecordFiles;
import org.urna.tally.record.RecordLayout;
import org.urna.tally.record.RecordReport;
import org.urna.tally.record.RecordStep;

/**
 * The verifier streams the ledger's entries (docs/decisions/0412): bundles read one at a time from
 * disk, chunks checked on the pool and taken in ledger order. A record larger than the chunks the
 * verifier holds still verifies; wherever a chunk boundary falls (between stations, before or after
 * a challenged ballot, among station events, inside a bundle) the report is the same; a cut or
 * missing bundle fails R6, named, and the ballot steps are not run.
 */
class RecordStreamingTest {
  static final int BALLOTS = 600; // three bundles: 256, 256, 88

  @TempDir static Path tmp;
  static Path big;

  @BeforeAll
  static void writeRecord() throws Exception {
    big = tmp.resolve("big");
    RecordStreamGenerator.write(
        big, "streaming", BALLOTS, RecordGenerator::referendumVote, 100, 2, 256);
  }

  static RecordReport verify(RecordFiles files, int chunk) {
    return new ElectionRecordVerifier(files, Optional.empty(), 2).chunkSize(chunk).verify();
  }

  static String printed(RecordReport r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theStreamedGeneratorWritesTheBytesOfTheInMemoryOne() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("streaming", RecordGenerator.referendumVotes(BALLOTS), 100);
    try (RecordFiles written = RecordFiles.read(big)) {
      assertThat(written.names()).isEqualTo(g.files().names());
      for (String name : g.files().names()) {
        assertThat(written.get(name)).as(name).isEqualTo(g.files().get(name));
      }
    }
  }

  @Test
  void aRecordLargerThanTheChunksHeldVerifiesFromDiskAndFromAZip() throws Exception {
    Path zip = tmp.resolve("big.zip");
    try (RecordFiles dir = RecordFiles.read(big);
        var os = Files.newOutputStream(zip)) {
      dir.writeZip(os);
    }
    for (Path p : List.of(big, zip)) {
      try (RecordFiles files = RecordFiles.read(p)) {
        ElectionRecordVerifier v =
            new ElectionRecordVerifier(files, Optional.empty(), 2).chunkSize(50);
        RecordReport r = v.verify();
        assertThat(r.failures()).as(p.toString()).isEmpty();
        assertThat(r.holds()).isTrue();
        assertThat(r.checkedCount(RecordStep.V1)).isEqualTo(BALLOTS);
        assertThat(r.checkedCount(RecordStep.V8)).isEqualTo(BALLOTS);
        assertThat(r.checkedCount(RecordStep.V9)).isEqualTo(BALLOTS / 50);
        assertThat(r.checkedCount(RecordStep.R6)).isEqualTo(3);
        // Chunks of 50 straddle the bundles; at most threads + 1 chunks checked or waiting and
        // the one being read are held, never the whole ledger.
        assertThat(v.mostEntriesHeld()).isLessThanOrEqualTo(4 * 50).isLessThan(BALLOTS);
        assertThat(v.summary()).isPresent();
      }
    }
  }

  /**
   * Every chunk size from 1 to past the record's size: each puts boundaries between two stations'
   * ballots (they alternate), before and after a challenged ballot, between station events and
   * ballots; the printed report is the same for all.
   */
  @Test
  void wherever_a_chunk_boundary_falls_the_report_is_the_same(@TempDir Path dir) throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("record-events", RecordGenerator.smallVotes(), 4, true);
    List<RecordedBallot> recorded = g.recorded();
    assertThat(recorded).anyMatch(r -> r.state() == BallotState.CHALLENGED);
    g.files().writeDirectory(dir.resolve("record"));
    String expected = null;
    try (RecordFiles files = RecordFiles.read(dir.resolve("record"))) {
      for (int chunk = 1; chunk <= g.leaves().size() + 1; chunk++) {
        RecordReport r = verify(files, chunk);
        assertThat(r.failures()).as("chunks of " + chunk).isEmpty();
        assertThat(r.checkedCount(RecordStep.R11)).isEqualTo(6);
        assertThat(r.checkedCount(RecordStep.V7)).isEqualTo(12);
        String out = printed(r);
        if (expected == null) {
          expected = out;
        }
        assertThat(out).as("chunks of " + chunk).isEqualTo(expected);
      }
    }
    assertThat(expected).contains("9 cast, 3 challenged").contains("VERIFIED");
  }

  /**
   * A station of the election that took no ballot: its events count 0 ballots with its chain's seed
   * as head, and its ballots' absence is no failure wherever the chunks end.
   */
  @Test
  void aStationWithoutBallotsVerifiesWithAnyChunkSize() throws Exception {
    List<RecordGenerator.Vote> votes = new ArrayList<>();
    for (RecordGenerator.Vote v : RecordGenerator.smallVotes()) {
      if (v.station().equals("uik-1701")) {
        votes.add(v);
      }
    }
    RecordGenerator.Generated g = RecordGenerator.generate("record-empty", votes, 3, true);
    for (int chunk = 1; chunk <= g.leaves().size(); chunk++) {
      RecordReport r = verify(g.files(), chunk);
      assertThat(r.failures()).as("chunks of " + chunk).isEmpty();
      assertThat(r.holds()).isTrue();
      assertThat(r.checkedCount(RecordStep.R11)).isEqualTo(6);
      assertThat(printed(r)).contains("uik-1701: 4 cast, 2 challenged").doesNotContain("uik-1702:");
    }
  }

  @Test
  void aBundleCutShortFailsR6NamingItAndTheBallotStepsAreNotRun(@TempDir Path dir)
      throws Exception {
    Path copy = dir.resolve("cut");
    try (RecordFiles files = RecordFiles.read(big)) {
      files.writeDirectory(copy);
    }
    Path bundle = copy.resolve(RecordLayout.ENTRIES + "tile/entries/001");
    byte[] b = Files.readAllBytes(bundle);
    Files.write(bundle, java.util.Arrays.copyOf(b, b.length - 100));
    try (RecordFiles files = RecordFiles.read(copy)) {
      RecordReport r = verify(files, 50);
      assertThat(r.holds()).isFalse();
      assertThat(r.failures())
          .extracting(RecordFailure::toString)
          .contains(
              "R6 entries: ledger/tile/entries/001: entry 255 runs past the end of its bundle");
      assertThat(r.failures()).noneMatch(f -> f.detail().contains("could not run"));
      String out = printed(r);
      assertThat(out).containsPattern("V1 +[0-9,]+ +0  NOT RUN: the entry bundles do not parse");
      assertThat(out).contains("NOT RUN: needs the entries (R6)");
    }

    // The last bundle emptied, and then the middle one removed.
    Files.write(copy.resolve(RecordLayout.ENTRIES + "tile/entries/002.p/88"), new byte[0]);
    try (RecordFiles files = RecordFiles.read(copy)) {
      assertThat(verify(files, 50).failures())
          .extracting(RecordFailure::toString)
          .contains(
              "R6 entries: ledger/tile/entries/001: entry 255 runs past the end of its bundle");
    }
    Files.write(bundle, b);
    try (RecordFiles files = RecordFiles.read(copy)) {
      assertThat(verify(files, 50).failures())
          .extracting(RecordFailure::toString)
          .contains("R6 entries: ledger/tile/entries/002.p/88: the bundle holds 0 entries, not 88");
    }
    Files.delete(bundle);
    try (RecordFiles files = RecordFiles.read(copy)) {
      RecordReport r = verify(files, 50);
      assertThat(r.failures())
          .extracting(RecordFailure::toString)
          .contains("R6 entries: ledger/tile/entries/001: is missing (a log of 600 entries)");
      assertThat(r.holds()).isFalse();
    }
  }
}
