package org.urna.kiosk.polls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.role.Role;
import org.urna.kiosk.station.operator.AuditNote;

/** The journal's chain rule and its vector (docs/spec/station-state.md). */
class StationJournalTest {
  @TempDir Path dir;

  @Test
  void theFirstEntryMatchesTheSpecVector() throws Exception {
    StationJournal j = new StationJournal(dir);
    j.append(
        new AuditNote(Role.POLL_WORKER, "package-refused", "NOT_FOUND: /media/urna"),
        Instant.parse("2027-09-19T05:00:00Z"));
    List<String> lines = Files.readAllLines(dir.resolve(StationJournal.FILE));
    assertThat(lines)
        .containsExactly(
            "2027-09-19T05:00:00Z\tPOLL_WORKER\tpackage-refused\tNOT_FOUND: /media/urna\t"
                + "3304f5c96b7ab5324c6e051585a4d8736e0cc8c8810d2ed5cb5449f72c04f8b5");
    assertThat(j.head())
        .isEqualTo("3304f5c96b7ab5324c6e051585a4d8736e0cc8c8810d2ed5cb5449f72c04f8b5");
  }

  @Test
  void tabsAndLineBreaksInDetailsCannotForgeAnEntry() throws Exception {
    StationJournal j = new StationJournal(dir);
    j.append(
        new AuditNote(Role.TECHNICIAN, "note", "a\tb\nc\rd"),
        Instant.parse("2027-01-01T00:00:00Z"));
    List<String> lines = Files.readAllLines(dir.resolve(StationJournal.FILE));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).split("\t")).hasSize(5);
    assertThat(StationJournal.verify(dir.resolve(StationJournal.FILE))).isEqualTo(j.head());
  }

  @Test
  void aRemovedEntryIsFound() throws Exception {
    StationJournal j = new StationJournal(dir);
    for (int i = 0; i < 3; i++) {
      j.append(
          new AuditNote(Role.POLL_WORKER, "step", "n" + i),
          Instant.parse("2027-01-01T00:00:00Z").plusSeconds(i));
    }
    Path file = dir.resolve(StationJournal.FILE);
    List<String> lines = Files.readAllLines(file);
    Files.write(file, List.of(lines.get(0), lines.get(2)));
    assertThatThrownBy(() -> StationJournal.verify(file)).hasMessageContaining("entry 2");
  }
}
