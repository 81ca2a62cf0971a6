package org.urna.hardware.card.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.urna.core.role.Role;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.role.CertificateAuthority;
import org.urna.hardware.card.role.PemFiles;
import org.urna.hardware.card.role.RoleCertificateParser;
import org.urna.hardware.card.role.RoleCertificateRequest;
import org.urna.hardware.card.virtual.CardState;
import org.urna.hardware.card.virtual.CardStateFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Mints demo role cards: a demo election authority (CA) and virtual PIV card state files for a poll
 * worker, a technician and an election manager, each with its own PIN and PUK. Not for a real
 * election: a real authority's key stays offline.
 */
@Command(
    name = "mint-cards",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a demo election authority and virtual role cards (poll worker, technician,",
      "election manager).",
      "The kiosk trusts authority/authority-ca.pem; the cards run with 'virtual-card' or the simulator."
    })
public final class MintCardsCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      description = "Directory to write to (default: ${DEFAULT-VALUE}).",
      defaultValue = "demo-cards")
  Path out;

  @Option(
      names = "--jurisdiction",
      description = "Jurisdiction written into the cards (default: ${DEFAULT-VALUE}).",
      defaultValue = "demo-district-1")
  String jurisdiction;

  @Option(names = "--election", description = "Limit the cards to this election id (optional).")
  Optional<String> election;

  @Option(
      names = "--days",
      description = "Days the cards stay valid (default: ${DEFAULT-VALUE}).",
      defaultValue = "365")
  int days;

  @Option(
      names = "--poll-worker-pin",
      description = "PIN of the poll worker card, 6-8 digits (default: random).")
  Optional<String> pollWorkerPin;

  @Option(
      names = "--technician-pin",
      description = "PIN of the technician card, 6-8 digits (default: random).")
  Optional<String> technicianPin;

  @Option(
      names = "--election-manager-pin",
      description = "PIN of the election manager card, 6-8 digits (default: random).")
  Optional<String> electionManagerPin;

  public static void main(String[] args) {
    System.exit(new CommandLine(new MintCardsCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (days < 1 || days > 3650) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--days must be 1 to 3650");
    }
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = now.minus(Duration.ofHours(1));
    Instant notAfter = now.plus(Duration.ofDays(days));
    Path authorityDir = Files.createDirectories(out.resolve("authority"));
    Path cardsDir = Files.createDirectories(out.resolve("cards"));

    CertificateAuthority ca =
        CertificateAuthority.create(
            "Urna demo election authority", notBefore, notAfter.plus(Duration.ofDays(1)), random);
    Path caPem = authorityDir.resolve("authority-ca.pem");
    Path caKey = authorityDir.resolve("authority-ca.key.pem");
    PemFiles.writeCertificate(caPem, ca.certificateDer());
    PemFiles.writePrivateKey(caKey, ca.keyPair().getPrivate());
    o.printf("Demo election authority certificate: %s%n", caPem.toAbsolutePath());
    o.printf(
        "Demo election authority key (keep it away from kiosks): %s%n", caKey.toAbsolutePath());

    mint(
        o,
        ca,
        random,
        Role.POLL_WORKER,
        "Demo poll worker",
        pin(pollWorkerPin, random),
        cardsDir.resolve("poll-worker.card"),
        notBefore,
        notAfter);
    mint(
        o,
        ca,
        random,
        Role.TECHNICIAN,
        "Demo technician",
        pin(technicianPin, random),
        cardsDir.resolve("technician.card"),
        notBefore,
        notAfter);
    mint(
        o,
        ca,
        random,
        Role.ELECTION_MANAGER,
        "Demo election manager",
        pin(electionManagerPin, random),
        cardsDir.resolve("election-manager.card"),
        notBefore,
        notAfter);
    o.println("Run a card in pcscd's virtual reader: urna virtual-card --state <card file>");
    o.flush();
    return 0;
  }

  private void mint(
      PrintWriter o,
      CertificateAuthority ca,
      SecureRandom random,
      Role role,
      String name,
      String pinText,
      Path file,
      Instant notBefore,
      Instant notAfter)
      throws Exception {
    KeyPair keys = CertificateAuthority.newP256KeyPair(random);
    byte[] cert =
        ca.issue(
            new RoleCertificateRequest(name, role, jurisdiction, election, notBefore, notAfter),
            keys.getPublic());
    String pukText = String.format("%08d", random.nextInt(100_000_000));
    new CardStateFile(file)
        .save(
            CardState.issue(
                cert, keys.getPrivate().getEncoded(), Pin.of(pinText), Puk.of(pukText), random));
    String serial = RoleCertificateParser.parse(cert).serialHex();
    // PIN and PUK are shown once, to whoever mints the demo card (as a PIN letter would); never
    // logged. The PUK belongs to the election manager who resets blocked cards.
    o.printf(
        "%s card: %s (certificate serial %s, PIN %s, PUK %s)%n",
        role.displayName(), file.toAbsolutePath(), serial, pinText, pukText);
  }

  private String pin(Optional<String> given, SecureRandom random) {
    if (given.isPresent()) {
      try {
        Pin.of(given.get());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      return given.get();
    }
    return String.format("%06d", random.nextInt(1_000_000));
  }
}
