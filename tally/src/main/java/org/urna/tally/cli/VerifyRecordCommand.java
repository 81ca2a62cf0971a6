package org.urna.tally.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.urna.tally.record.ElectionRecordVerifier;
import org.urna.tally.record.RecordFiles;
import org.urna.tally.record.RecordReport;
import org.urna.tally.record.RecordStep;
import org.urna.tally.record.ResultsPicture;
import org.urna.tally.record.ResultsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code urna verify-record DIR|ZIP}: checks an election record from its files alone
 * (docs/spec/election-record.md 4). The report goes to standard output, the progress line and the
 * timing to standard error. Exit code 0 only when every step holds.
 */
@Command(
    name = "verify-record",
    mixinStandardHelpOptions = true,
    description =
        "Verifies an election record (a directory or its .zip): every signature, ballot proof,"
            + " tracking-code chain, checkpoint and inclusion, challenged ballot, sum, decryption"
            + " share and the results. Exit code 0 only when everything holds.")
public final class VerifyRecordCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RECORD", description = "The record directory or .zip.")
  Path record;

  @Option(
      names = "--trust",
      description =
          "The authority root's SHA-256 fingerprint you expect (64 hex); the record's own"
              + " trust-anchor.sha256 must equal it.")
  String trust;

  @Option(
      names = "--html",
      paramLabel = "DIR",
      description =
          "Also write the results report, results-<language>.html and results-<language>.png"
              + " for every language of the election, into DIR.")
  Path html;

  @Option(names = "--threads", description = "Threads for the ballot steps (default: every core).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = System.err;
    if (!Files.exists(record)) {
      err.println("No such record: " + record);
      return 2;
    }
    try (RecordFiles files = RecordFiles.read(record)) {
      return verify(files, out, err);
    } catch (IOException e) {
      err.println("Cannot read the record " + record + ": " + e.getMessage());
      return 2;
    }
  }

  /**
   * Verifies the record read from disk: its small files are in memory, its entry bundles are read
   * one at a time as the ballots stream through the verifier (a progress bar on standard error).
   */
  private int verify(RecordFiles files, PrintStream out, PrintStream err) {
    long started = System.nanoTime();
    ElectionRecordVerifier verifier =
        new ElectionRecordVerifier(
            files, Optional.ofNullable(trust).map(s -> s.toLowerCase(Locale.ROOT)), threads, err);
    RecordReport report = verifier.verify();
    double seconds = (System.nanoTime() - started) / 1e9;
    report.print(out);
    long ballots = report.checkedCount(RecordStep.V1);
    err.printf(
        Locale.ROOT,
        "verified %,d ballots in %.2f s (%,.0f ballots/s, %d threads)%n",
        ballots,
        seconds,
        ballots / Math.max(seconds, 1e-9),
        threads);
    if (html != null) {
      Optional<ElectionRecordVerifier.Summary> summary = verifier.summary();
      if (summary.isEmpty()) {
        err.println("No results report: the record lacks the manifest, results or ledger.");
        return 1;
      }
      try {
        Files.createDirectories(html);
        for (String lang : summary.get().manifest().languages()) {
          Path p = html.resolve("results-" + lang + ".html");
          Files.write(p, ResultsReport.html(summary.get(), lang));
          err.println("results report: " + p);
          Path png = html.resolve("results-" + lang + ".png");
          Files.write(png, ResultsPicture.png(summary.get(), lang));
          err.println("results picture: " + png);
        }
      } catch (IOException e) {
        err.println("Cannot write the results report: " + e.getMessage());
        return 1;
      }
    }
    return report.holds() ? 0 : 1;
  }
}
