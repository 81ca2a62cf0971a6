package org.urna.ballotbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.ballotbox.audit.AuditExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code urna export-log}: the station's audit log as JSON lines or NIST SP 1500-101 XML, each
 * event with its chain hash, and a detached signature by the station key. The box is opened
 * read-only, so its chains and signed head are checked first and nothing in it changes.
 */
@Command(
    name = "export-log",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a ballot box's audit log (JSON lines or NIST SP 1500-101 XML) with a signature by"
          + " the station key (docs/spec/ballot-box.md section 9).",
      "Writes FILE and FILE.sig."
    })
public final class ExportLogCommand implements Callable<Integer> {
  private static final int PAGE = 1000;

  /** The two formats. */
  public enum Format {
    jsonl,
    nist
  }

  @Spec CommandSpec spec;

  @Mixin BoxOptions opts;

  @Option(
      names = "--format",
      defaultValue = "nist",
      description = "jsonl or nist (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", required = true, description = "The file to write.")
  Path out;

  private final Supplier<ElectionInputs> inputs;
  private final Clock clock;

  public ExportLogCommand() {
    this(null, Clock.systemUTC());
  }

  public ExportLogCommand(Supplier<ElectionInputs> inputs, Clock clock) {
    this.inputs = inputs;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ElectionInputs in;
    try {
      in = opts.inputs(inputs);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    List<AuditEntry> entries = new ArrayList<>();
    try (BallotBox b =
        BallotBox.openReadOnly(
            opts.box, opts.password(), in.manifest(), in.key(), opts.stationId)) {
      long from = 1;
      while (true) {
        List<AuditEntry> page = b.auditEntries(from, PAGE);
        entries.addAll(page);
        if (page.size() < PAGE) {
          break;
        }
        from = page.getLast().seq() + 1;
      }
    } catch (BoxPasswords.PasswordFileException e) {
      err.println(e.getMessage());
      return ExitCodes.PASSWORD_FILE;
    } catch (BallotBoxException e) {
      return ExitCodes.refused(err, e);
    }
    byte[] bytes =
        format == Format.jsonl
            ? AuditExport.jsonLines(opts.stationId, entries)
            : AuditExport.nistXml(
                opts.stationId, in.manifest().electionId(), "0.1.0", clock.instant(), entries);
    String sig = AuditExport.sign(bytes, opts.stationId, in.stationKey());
    try {
      write(out(), bytes);
      write(
          out().resolveSibling(out().getFileName() + ".sig"),
          sig.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      err.println("Cannot write " + out() + ": " + e.getMessage());
      return ExitCodes.NOT_WRITABLE;
    }
    out.println(
        entries.size()
            + " audit entries of station "
            + opts.stationId
            + " exported as "
            + (format == Format.jsonl ? "JSON lines" : "NIST SP 1500-101 XML")
            + " to "
            + out()
            + ", signed by the station key in "
            + out().getFileName()
            + ".sig.");
    return ExitCodes.OK;
  }

  private Path out() {
    return out.toAbsolutePath();
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
