package org.urna.kiosk.polls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.urna.core.station.StationLifecycleEvent;

/**
 * What the state folder keeps of the station's last reset of an election (decision 0349), beside
 * the station key and outside the archive: the election's hash, the reset event's number, the
 * ballots it counted, whether the polls had opened, and whether the ledger confirmed it. A station
 * that loads the same election again numbers its events after the reset, and refuses to load it
 * where the ledger would refuse the load (docs/spec/station-state.md, {@value #FILE}).
 *
 * @param election the election's extended hash Q, hex
 * @param sequence the reset event's number
 * @param ballots the ballots the reset counted
 * @param opened whether the polls had opened at the station before the reset
 * @param onLedger whether the ledger confirmed the reset before the box was archived
 */
public record ResetNote(
    String election, long sequence, long ballots, boolean opened, boolean onLedger) {
  public static final String FILE = "last-reset";
  static final String FORMAT = "urna-last-reset 1";

  /** The note of a reset event, with what the station knew about its polls and the ledger. */
  public static ResetNote of(StationLifecycleEvent reset, boolean opened, boolean onLedger) {
    return new ResetNote(
        HexFormat.of().formatHex(reset.extendedHash()),
        reset.sequence(),
        reset.ballots(),
        opened,
        onLedger);
  }

  /** Writes the note atomically into the state folder. */
  public void write(Path stateFolder) {
    String text =
        FORMAT
            + "\nelection "
            + election
            + "\nsequence "
            + sequence
            + "\nballots "
            + ballots
            + "\nopened "
            + (opened ? "yes" : "no")
            + "\nledger "
            + (onLedger ? "confirmed" : "not-confirmed")
            + "\n";
    StateFiles.writeAtomically(
        stateFolder.resolve(FILE), text.getBytes(StandardCharsets.US_ASCII), false);
  }

  /**
   * The note in the state folder, if there is one.
   *
   * @throws IllegalStateException when the file is there but is not a note (the station then
   *     refuses to guess its event numbers)
   */
  public static Optional<ResetNote> read(Path stateFolder) {
    Path f = stateFolder.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      var lines = Files.readAllLines(f, StandardCharsets.US_ASCII);
      if (lines.isEmpty() || !lines.getFirst().equals(FORMAT)) {
        throw new IllegalStateException(f + " is not a note of this station's last reset");
      }
      Map<String, String> v = new LinkedHashMap<>();
      for (String l : lines.subList(1, lines.size())) {
        int sp = l.indexOf(' ');
        if (sp > 0) {
          v.put(l.substring(0, sp), l.substring(sp + 1));
        }
      }
      return Optional.of(
          new ResetNote(
              v.get("election"),
              Long.parseLong(v.get("sequence")),
              Long.parseLong(v.get("ballots")),
              "yes".equals(v.get("opened")),
              "confirmed".equals(v.get("ledger"))));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(f + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Whether this note is of the election with this extended hash. */
  public boolean of(byte[] extendedHash) {
    return HexFormat.of().formatHex(extendedHash).equals(election);
  }
}
