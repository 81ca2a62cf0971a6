package org.urna.tally.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.urna.tally.ledger.LedgerDownloader;
import org.urna.tally.ledger.LedgerFolder;
import org.urna.tally.ledger.LedgerRefusal;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.TrustPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code urna ledger-download}: the ledger from its validators into the folder {@code urna
 * tally-ledger} and {@code urna record --ledger} read (docs/spec/trustees.md 6.5), every tile
 * checked against the newest quorum-cosigned checkpoint's root.
 */
@Command(
    name = "ledger-download",
    mixinStandardHelpOptions = true,
    description = {
      "Downloads the ledger: the newest checkpoint cosigned by a quorum of the policy, and every"
          + " entry through the tlog tiles, each checked against the checkpoint's root.",
      "Writes policy.txt, checkpoints/<size> and tile/entries/... into --out (a new folder), for"
          + " 'urna tally-ledger' and 'urna record --ledger'."
    })
public final class LedgerDownloadCommand implements Callable<Integer> {
  @Option(
      names = "--ledger",
      required = true,
      split = ",",
      arity = "1..*",
      description =
          "Validator URLs (http://host:port), each asked; a bad tile is fetched again"
              + " from the next.")
  List<URI> ledger;

  @Option(
      names = "--policy",
      required = true,
      description =
          "The election's tlog-policy file (log and validator keys, quorum); never taken from the"
              + " ledger.")
  Path policy;

  @Option(names = "--out", required = true, description = "The folder to create.")
  Path out;

  @Override
  public Integer call() {
    byte[] text;
    TrustPolicy trust;
    try {
      text = Files.readAllBytes(policy);
      trust = TrustPolicy.parse(text);
    } catch (java.nio.file.NoSuchFileException e) {
      System.err.println("There is no policy file " + e.getFile() + ". Nothing was written.");
      return 1;
    } catch (IOException e) {
      System.err.println("Cannot read the policy file " + policy + ": " + e.getMessage());
      return 1;
    } catch (LedgerFormatException e) {
      System.err.println("The policy file " + policy + " is not a tlog-policy: " + e.getMessage());
      return 1;
    }
    try {
      LedgerFolder.Contents c = new LedgerDownloader(ledger, text, trust, System.out).download(out);
      System.out.println(
          "Downloaded "
              + c.entries().size()
              + " entries under the checkpoint of size "
              + c.newest().size()
              + " (root "
              + c.newest().root().base64()
              + ") into "
              + out);
      return 0;
    } catch (LedgerRefusal e) {
      System.err.println("Refused: " + e.getMessage());
      System.err.println("Nothing was written.");
      return 1;
    } catch (IOException e) {
      System.err.println("Cannot write " + out + ": " + e.getMessage());
      return 1;
    }
  }
}
