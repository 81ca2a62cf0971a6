package org.urna.ledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Generates a validator's two keys and prints their public vkeys for the policy file. */
@Command(
    name = "ledger-keys",
    mixinStandardHelpOptions = true,
    description = "Generate a validator's log key (signs checkpoints) and cosigner key.")
public final class GenerateKeys implements Callable<Integer> {
  @Option(
      names = "--origin",
      required = true,
      description = "The log's origin, e.g. ledger.example.org/e2026")
  String origin;

  @Option(
      names = "--name",
      required = true,
      description = "The cosigner's key name, e.g. v1.example.org")
  String name;

  @Option(
      names = "--out",
      required = true,
      description = "Directory for <name>.log.key and <name>.cosigner.key")
  Path out;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    SecureRandom rnd = new SecureRandom();
    SigningKey log = SigningKey.generate(origin, SignatureType.ED25519, rnd);
    SigningKey cos = SigningKey.generate(name, SignatureType.COSIGNATURE_V1, rnd);
    write(out.resolve(name + ".log.key"), log.privateKeyString());
    write(out.resolve(name + ".cosigner.key"), cos.privateKeyString());
    System.out.println("log " + log.verifierKey().vkey());
    System.out.println("witness " + name + " " + cos.verifierKey().vkey());
    return 0;
  }

  static void write(Path file, String secret) throws java.io.IOException {
    Files.writeString(file, secret + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateKeys()).execute(args));
  }
}
