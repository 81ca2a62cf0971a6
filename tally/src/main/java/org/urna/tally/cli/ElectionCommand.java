package org.urna.tally.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.urna.core.crypto.Point;
import org.urna.core.election.AuthorityCredentials;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.ManifestJson;
import org.urna.core.io.AtomicFiles;
import org.urna.tally.JointKey;
import org.urna.tally.KeyFileException;
import org.urna.tally.TrusteeException;
import org.urna.tally.TrusteeKeyFile.Argon2;
import org.urna.tally.authoring.AuthorityFolder;
import org.urna.tally.authoring.ManifestCsv;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.files.FileFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code urna election check|create}: an official turns a manifest (JSON, or a spreadsheet saved as
 * CSV) into the signed election package, every problem listed with its line and field.
 */
@Command(
    name = "election",
    mixinStandardHelpOptions = true,
    description = {
      "Defines an election: checks a manifest and signs the election package.",
      "Order: write the manifest (JSON or CSV, docs/spec/election-authoring.md), `urna election"
          + " check` it, proofread every screen with `urna election proof --manifest FILE --out"
          + " DIR` (the repository's urna script runs it from kiosk-proof), hold the key ceremony on its election hash (`urna ceremony new"
          + " --manifest`), then `urna election create` with the ceremony's joint key."
    },
    subcommands = {ElectionCommand.Check.class, ElectionCommand.Create.class})
public final class ElectionCommand implements Runnable {
  /** Exit codes. */
  public static final int OK = 0;

  public static final int PROBLEMS = 2;
  public static final int REFUSED = 3;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** A manifest read from JSON or CSV, with every problem. */
  record Read(Optional<ElectionManifest> manifest, Optional<byte[]> json, List<String> problems) {}

  static Read read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Read(Optional.empty(), Optional.empty(), List.of(file + ": no such file"));
    }
    List<String> problems = new ArrayList<>();
    boolean csv = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    if (!csv) {
      ManifestJson.Checked c = ManifestJson.check(bytes);
      c.problems().forEach(p -> problems.add(where(p)));
      return new Read(c.manifest(), c.manifest().map(m -> bytes), problems);
    }
    ManifestCsv.Result r = ManifestCsv.read(bytes);
    r.problems().forEach(p -> problems.add(p.toString()));
    if (r.json().isEmpty()) {
      return new Read(Optional.empty(), Optional.empty(), problems);
    }
    ManifestJson.Checked c = ManifestJson.check(r.json().get());
    List<String> languages =
        ManifestCsv.languages(
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(r.json().get()));
    c.problems().forEach(p -> problems.add(r.locate(p.field(), p.problem(), languages).toString()));
    return new Read(c.manifest(), r.json(), problems);
  }

  private static String where(ElectionPackageException p) {
    return p.field().isEmpty() ? p.problem() : p.field() + ": " + p.problem();
  }

  static void printProblems(PrintStream err, Path file, List<String> problems) {
    err.println(
        file
            + ": "
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "; nothing was written:");
    problems.forEach(p -> err.println("  " + p));
  }

  static void printSummary(PrintStream out, ElectionManifest m) {
    out.println(
        "Election '"
            + m.electionId()
            + "': "
            + m.contests().size()
            + " contests, "
            + m.ballotStyles().size()
            + " ballot styles, "
            + m.stations().size()
            + " stations, "
            + "languages "
            + String.join(", ", m.languages())
            + ".");
    out.println(
        "Voting window: "
            + m.votingWindow().opens()
            + " to "
            + m.votingWindow().closes()
            + " (UTC).");
    out.println("Election hash: " + HexFormat.of().formatHex(ManifestJson.electionHash(m)));
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Checks a manifest (.json or .csv) and lists every problem with its field.")
  static final class Check implements Callable<Integer> {
    @Parameters(
        paramLabel = "MANIFEST",
        description = "The manifest: JSON, or CSV from a spreadsheet.")
    Path manifest;

    @Option(
        names = "--json-out",
        description = "Also write the manifest as JSON (what a CSV manifest becomes).")
    Path jsonOut;

    @Override
    public Integer call() throws IOException {
      Read r = read(manifest);
      if (!r.problems().isEmpty()) {
        printProblems(System.err, manifest, r.problems());
        return PROBLEMS;
      }
      printSummary(System.out, r.manifest().orElseThrow());
      if (jsonOut != null) {
        Files.write(jsonOut, ManifestJson.write(r.manifest().orElseThrow()));
        System.out.println("Manifest JSON written: " + jsonOut);
      }
      return OK;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Signs the election package: the checked manifest, the joint election key of the key"
            + " ceremony, signed by the authority.",
        "Writes election-package.json (the election-wide package: validators, tally, record),"
            + " stations/<id>/election-package.json (one per station, signed for it: what a"
            + " poll worker loads) and trust-anchor.sha256 into --out."
      })
  static final class Create implements Callable<Integer> {
    @Option(names = "--manifest", required = true, description = "The manifest (.json or .csv).")
    Path manifest;

    @Option(
        names = "--ceremony",
        description = "The key ceremony's folder: its joint key becomes the election key.")
    Path ceremony;

    @Option(
        names = "--election-key",
        description =
            "Or the election key as 130 hex digits (SEC 1 uncompressed), for a single-key test"
                + " election.")
    String electionKey;

    @Option(names = "--authority", required = true, description = "The authority's folder.")
    Path authority;

    @Option(names = "--out", required = true, description = "Folder to write the package into.")
    Path out;

    @Option(
        names = "--passphrase-file",
        description = "Read the authority's passphrase from this file's first line (scripts).")
    Path passphraseFile;

    @Override
    public Integer call() throws IOException {
      Read r = read(manifest);
      if (!r.problems().isEmpty()) {
        printProblems(System.err, manifest, r.problems());
        return PROBLEMS;
      }
      ElectionManifest m = r.manifest().orElseThrow();
      if ((ceremony == null) == (electionKey == null)) {
        System.err.println("Give the key ceremony's folder (--ceremony) or --election-key, one.");
        return REFUSED;
      }
      Point key;
      if (ceremony != null) {
        JointKey joint;
        try {
          joint = new CeremonyFolder(ceremony).jointKey();
        } catch (FileFormatException | TrusteeException e) {
          System.err.println(
              "The key ceremony in "
                  + ceremony
                  + " is not complete or not valid: "
                  + e.getMessage());
          return REFUSED;
        }
        byte[] hash = ManifestJson.electionHash(m);
        if (!java.util.Arrays.equals(joint.params().electionHash(), hash)) {
          System.err.println(
              "The key ceremony in "
                  + ceremony
                  + " was held for another election"
                  + " (election hash "
                  + HexFormat.of().formatHex(joint.params().electionHash())
                  + "), not this manifest's ("
                  + HexFormat.of().formatHex(hash)
                  + "). A changed"
                  + " manifest needs a new ceremony; nothing was signed.");
          return REFUSED;
        }
        key = joint.electionKey();
      } else {
        try {
          key = Point.decode(HexFormat.of().parseHex(electionKey.strip()));
        } catch (RuntimeException e) {
          System.err.println(
              "--election-key: not a P-256 point (130 hex digits): " + e.getMessage());
          return REFUSED;
        }
      }
      AuthorityCredentials credentials;
      try {
        credentials = new AuthorityFolder(authority).credentials(passphrase(passphraseFile));
      } catch (KeyFileException | NoSuchFileException e) {
        System.err.println("The authority cannot sign: " + e.getMessage());
        return REFUSED;
      }
      ElectionPackage pkg = ElectionPackage.sign(m, key, credentials);
      List<ElectionPackage> stationPackages = new ArrayList<>();
      // Check what was made exactly as a kiosk will, at the opening of the voting window.
      try {
        ElectionPackage.load(pkg.toJson(), credentials.trustAnchor(), m.votingWindow().opens());
        for (var station : m.stations()) {
          ElectionPackage p = pkg.forStation(station.id(), credentials);
          ElectionPackage.load(p.toJson(), credentials.trustAnchor(), m.votingWindow().opens());
          stationPackages.add(p);
        }
      } catch (ElectionPackageException e) {
        System.err.println(
            "The signed package would be refused by a kiosk: "
                + e.getMessage()
                + " (is the signing certificate valid for the whole voting window?)");
        return REFUSED;
      }
      Files.createDirectories(out);
      Path file = out.resolve("election-package.json");
      writeAtomically(file, pkg.toJson());
      for (ElectionPackage p : stationPackages) {
        Path folder = out.resolve("stations").resolve(p.station().orElseThrow());
        Files.createDirectories(folder);
        writeAtomically(folder.resolve("election-package.json"), p.toJson());
      }
      writeAtomically(
          out.resolve(AuthorityFolder.TRUST_ANCHOR),
          (credentials.trustAnchor().sha256Hex() + "\n").getBytes(StandardCharsets.US_ASCII));
      printSummary(System.out, m);
      System.out.println("Extended hash Q: " + HexFormat.of().formatHex(pkg.extendedHash()));
      System.out.println("Election package written: " + file);
      System.out.println(
          "Station packages written (one per station, each refused by any other station): "
              + out.resolve("stations")
              + "/<station id>/election-package.json, "
              + stationPackages.size()
              + " of them");
      System.out.println(
          "Kiosks trust it with the anchor in "
              + out.resolve(AuthorityFolder.TRUST_ANCHOR)
              + ": "
              + credentials.trustAnchor().sha256Hex());
      return OK;
    }
  }

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    AtomicFiles.write(target, bytes, false);
  }

  static char[] passphrase(Path file) throws KeyFileException {
    if (file != null) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.getFirst().isEmpty()) {
          throw new KeyFileException("the passphrase file " + file + " is empty");
        }
        return lines.getFirst().toCharArray();
      } catch (IOException e) {
        throw new KeyFileException("cannot read " + file + ": " + e.getMessage());
      }
    }
    Console c = System.console();
    if (c == null) {
      throw new KeyFileException(
          "no terminal to ask for the passphrase: run in a terminal or give --passphrase-file");
    }
    return c.readPassword("The authority's passphrase: ");
  }

  /** {@code urna authority init}: the election authority's root and signing keys. */
  @Command(
      name = "authority",
      mixinStandardHelpOptions = true,
      description = "The election authority's keys and certificates.",
      subcommands = {Authority.Init.class})
  public static final class Authority implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
          "Creates the authority: a root key (its certificate's SHA-256 is the trust anchor every"
              + " kiosk pins) and a signing key certified by it, both sealed with a passphrase.",
          "Keep the folder offline; only the root certificate and trust anchor leave it."
        })
    static final class Init implements Callable<Integer> {
      @Option(names = "--out", required = true, description = "The authority's folder (new).")
      Path out;

      @Option(names = "--name", required = true, description = "The authority's name.")
      String name;

      @Option(
          names = "--signing-until",
          required = true,
          description = "End of the signing certificate (ISO instant, after every voting window).")
      Instant until;

      @Option(
          names = "--passphrase-file",
          description = "Read the passphrase from this file's first line (scripts).")
      Path passphraseFile;

      @Option(
          names = "--quick-kdf",
          hidden = true,
          description = "Cheap Argon2id costs, for tests only.")
      boolean quick;

      @Override
      public Integer call() throws IOException {
        char[] p;
        try {
          p = passphrase(passphraseFile);
        } catch (KeyFileException e) {
          System.err.println(e.getMessage());
          return REFUSED;
        }
        if (p.length < TrusteeCli.MIN_PASSPHRASE) {
          System.err.println(
              "The passphrase must have at least "
                  + TrusteeCli.MIN_PASSPHRASE
                  + " characters; nothing was written.");
          return REFUSED;
        }
        Instant from = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        if (!until.isAfter(from)) {
          System.err.println("--signing-until must be in the future.");
          return REFUSED;
        }
        try {
          var anchor =
              new AuthorityFolder(out)
                  .create(name, from, until, 20, p, quick ? Argon2.MINIMUM : Argon2.DEFAULT);
          System.out.println("Authority '" + name + "' created in " + out + ".");
          System.out.println(
              "Trust anchor (configure it on every kiosk and validator): " + anchor.sha256Hex());
          return OK;
        } catch (java.nio.file.FileAlreadyExistsException e) {
          System.err.println(out + " already holds an authority; nothing was changed.");
          return REFUSED;
        }
      }
    }
  }
}
