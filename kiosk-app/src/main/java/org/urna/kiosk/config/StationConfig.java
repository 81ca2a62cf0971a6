package org.urna.kiosk.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.kiosk.station.operator.InactivityTimeout;

/**
 * Everything a station is set up with, read from one file and checked field by field ({@link
 * StationConfigFile}); the station's context and its devices are built from it ({@link
 * StationContext}). The demo is one such configuration: a simulated card reader, the printer
 * emulator and an in-process ledger.
 *
 * @param stationId the station's id in the election package
 * @param cardReader where operators' cards are read
 * @param printer where paper records, receipts and reports are printed
 * @param ballotBoxFolder the encrypted ballot box's folder
 * @param ledgerEndpoints the validators' HTTP addresses (at least one)
 * @param trustPolicyFile the tlog-policy naming the ledger keys this station trusts
 * @param defaultLanguage the language a voter's session starts in
 * @param inactivityTimeout when a signed-in operator's session ends untouched (10–30 min)
 * @param stateFolder the station's own files: its signing key, the ballot box password, the loaded
 *     election package, the polls' state, the sync state and the audit journal kept before an
 *     election is loaded
 * @param packageFolders where a poll worker's election package is looked for (a folder, or the
 *     mount point of a removable drive), in this order
 * @param packageTrustAnchor the SHA-256 (hex) of the election authority's root certificate that
 *     election packages must chain to
 * @param cardAuthorityCertificate the DER certificate of the authority that issues operators' cards
 * @param revokedCardSerials card certificate serials (lower-case hex) this station refuses
 */
public record StationConfig(
    String stationId,
    CardReaderChoice cardReader,
    PrinterChoice printer,
    Path ballotBoxFolder,
    List<URI> ledgerEndpoints,
    Path trustPolicyFile,
    String defaultLanguage,
    InactivityTimeout inactivityTimeout,
    Path stateFolder,
    List<Path> packageFolders,
    String packageTrustAnchor,
    Path cardAuthorityCertificate,
    java.util.Set<String> revokedCardSerials) {

  public StationConfig {
    Objects.requireNonNull(stationId, "stationId");
    Objects.requireNonNull(cardReader, "cardReader");
    Objects.requireNonNull(printer, "printer");
    Objects.requireNonNull(ballotBoxFolder, "ballotBoxFolder");
    ledgerEndpoints = List.copyOf(ledgerEndpoints);
    Objects.requireNonNull(trustPolicyFile, "trustPolicyFile");
    Objects.requireNonNull(defaultLanguage, "defaultLanguage");
    Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
    Objects.requireNonNull(stateFolder, "stateFolder");
    packageFolders = List.copyOf(packageFolders);
    Objects.requireNonNull(packageTrustAnchor, "packageTrustAnchor");
    Objects.requireNonNull(cardAuthorityCertificate, "cardAuthorityCertificate");
    revokedCardSerials = java.util.Set.copyOf(revokedCardSerials);
  }

  /** Where operators' cards are read. */
  public sealed interface CardReaderChoice {
    /** A PC/SC reader (pcscd), by the name PC/SC gives it. */
    record Pcsc(String readerName) implements CardReaderChoice {
      public Pcsc {
        Objects.requireNonNull(readerName, "readerName");
      }
    }

    /** The in-process simulated reader (the demo, tests). */
    record Simulated() implements CardReaderChoice {}
  }

  /** Where paper is printed. */
  public sealed interface PrinterChoice {
    PrinterProfile profile();

    /** An ESC/POS printer on a serial port. */
    record EscPos(String port, int baud, PrinterProfile profile) implements PrinterChoice {
      public EscPos {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(profile, "profile");
      }
    }

    /** The in-process ESC/POS emulator, which renders the paper as an image. */
    record Emulator(PrinterProfile profile) implements PrinterChoice {
      public Emulator {
        Objects.requireNonNull(profile, "profile");
      }
    }
  }
}
