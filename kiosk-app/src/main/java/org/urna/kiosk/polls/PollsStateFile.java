package org.urna.kiosk.polls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The polls' state in the state folder, file {@value #FILE}: line 1 {@value #FORMAT}, line 2 the
 * state, line 3 the loaded election's fingerprint (hex, or "-"), then one line per election whose
 * polls were closed here ("closed " + fingerprint). Written atomically.
 */
record PollsStateFile(PollsState state, String election, Set<String> closedElections) {
  static final String FILE = "polls-state";
  static final String FORMAT = "urna/polls-state/v1";

  PollsStateFile {
    closedElections = Set.copyOf(closedElections);
  }

  static PollsStateFile read(Path stateFolder) {
    Path file = stateFolder.resolve(FILE);
    if (!Files.exists(file)) {
      return new PollsStateFile(PollsState.NO_ELECTION, "-", Set.of());
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 3 || !lines.get(0).equals(FORMAT)) {
        throw new IllegalStateException("The polls state file " + file + " is damaged.");
      }
      Set<String> closed = new LinkedHashSet<>();
      for (String l : lines.subList(3, lines.size())) {
        if (l.startsWith("closed ")) {
          closed.add(l.substring(7));
        }
      }
      PollsState state;
      try {
        state = PollsState.valueOf(lines.get(1));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "The polls state file " + file + " is damaged: unknown state " + lines.get(1) + ".");
      }
      if (state != PollsState.NO_ELECTION && !lines.get(2).matches("[0-9a-f]{64}")) {
        throw new IllegalStateException(
            "The polls state file " + file + " is damaged: no election fingerprint.");
      }
      return new PollsStateFile(state, lines.get(2), closed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(Path stateFolder) {
    StringBuilder s = new StringBuilder(FORMAT).append('\n');
    s.append(state.name()).append('\n').append(election).append('\n');
    for (String c : closedElections) {
      s.append("closed ").append(c).append('\n');
    }
    StateFiles.writeAtomically(
        stateFolder.resolve(FILE), s.toString().getBytes(StandardCharsets.UTF_8), false);
  }

  PollsStateFile with(PollsState next) {
    Set<String> closed = new LinkedHashSet<>(closedElections);
    if (next == PollsState.CLOSED) {
      closed.add(election);
    }
    return new PollsStateFile(next, election, closed);
  }
}
