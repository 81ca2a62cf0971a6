package org.urna.tally.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.TrustAnchor;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.record.ElectionRecordVerifier;
import org.urna.tally.record.ElectionRecordWriter;
import org.urna.tally.record.RecordReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code urna record}: writes an election record (docs/spec/election-record.md 2) from the election
 * package, the ceremony folder, the ledger's downloaded tiles, policy and checkpoints, and the
 * tally files; then verifies what it wrote.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description =
        "Writes the election record directory (and DIR.zip) and verifies it with verify-record.")
public final class RecordCommand implements Callable<Integer> {
  private static final Pattern SHARE = Pattern.compile("decryption-share-([1-9][0-9]?)\\.json");

  @Option(names = "--package", required = true, description = "The signed election package.")
  Path packageFile;

  @Option(
      names = "--trust",
      required = true,
      description = "SHA-256 fingerprint (64 hex) of the authority root the package loads under.")
  String trust;

  @Option(names = "--ceremony", required = true, description = "The key ceremony folder.")
  Path ceremony;

  @Option(
      names = "--ledger",
      required = true,
      description =
          "The ledger as downloaded: tile/entries/... bundles, policy.txt and checkpoints/<size>"
              + " (the quorum-cosigned notes); the largest checkpoint's size is the log's.")
  Path ledger;

  @Option(
      names = "--tally",
      required = true,
      description =
          "The folder with encrypted-totals.json, decryption-share-<j>.json files, results.json.")
  Path tally;

  @Option(names = "--out", required = true, description = "The record directory to create.")
  Path out;

  @Override
  public Integer call() {
    try {
      byte[] pkgBytes = Files.readAllBytes(packageFile);
      TrustAnchor anchor = TrustAnchor.fromHex(trust);
      ElectionPackage pkg = PackageAtOpening.load(pkgBytes, anchor);
      List<byte[]> notes = new ArrayList<>();
      long size = 0;
      try (var s = Files.list(ledger.resolve("checkpoints"))) {
        for (Path p : s.sorted().toList()) {
          byte[] b = Files.readAllBytes(p);
          notes.add(b);
          String[] lines = new String(b, java.nio.charset.StandardCharsets.UTF_8).split("\n", 3);
          size = Math.max(size, Long.parseLong(lines[1]));
        }
      }
      List<byte[]> entries = ElectionRecordWriter.entriesFromTiles(ledger, size);
      Map<Integer, byte[]> shares = new TreeMap<>();
      try (var s = Files.list(tally)) {
        for (Path p : s.sorted().toList()) {
          Matcher m = SHARE.matcher(p.getFileName().toString());
          if (m.matches()) {
            shares.put(Integer.parseInt(m.group(1)), Files.readAllBytes(p));
          }
        }
      }
      ElectionRecordWriter w =
          new ElectionRecordWriter()
              .election(pkg, anchor)
              .ceremony(new CeremonyFolder(ceremony))
              .ledger(Files.readAllBytes(ledger.resolve("policy.txt")), notes, entries)
              .tally(
                  Files.readAllBytes(tally.resolve("encrypted-totals.json")),
                  shares,
                  Files.readAllBytes(tally.resolve("results.json")));
      w.write(out, true);
      RecordReport report =
          new ElectionRecordVerifier(
                  w.files(),
                  Optional.of(anchor.sha256Hex()),
                  Runtime.getRuntime().availableProcessors(),
                  System.err)
              .verify();
      report.print(System.out);
      System.out.println("Record written to " + out + " and " + out + ".zip");
      return report.holds() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("Cannot write the record: " + e.getMessage());
      return 1;
    }
  }
}
