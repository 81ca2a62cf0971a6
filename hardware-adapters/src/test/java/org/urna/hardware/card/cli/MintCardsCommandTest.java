package org.urna.hardware.card.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.role.Role;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.role.AuthenticationResult;
import org.urna.hardware.card.role.CardCheck;
import org.urna.hardware.card.role.PemFiles;
import org.urna.hardware.card.role.PinUpdate;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.card.virtual.CardStateFile;
import org.urna.hardware.card.virtual.CardStateStore;
import org.urna.hardware.card.virtual.VirtualPivCard;
import picocli.CommandLine;

class MintCardsCommandTest {
  @Test
  void mintedCardsSignInAgainstTheMintedAuthority(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new MintCardsCommand())
            .setOut(new PrintWriter(out))
            .execute(
                "--out",
                dir.toString(),
                "--jurisdiction",
                "district-9",
                "--technician-pin",
                "24681357");
    assertThat(code).isZero();
    Matcher pw =
        Pattern.compile("Poll worker card: .* PIN (\\d{6}), PUK (\\d{8})\\)")
            .matcher(out.toString());
    assertThat(pw.find()).as(out.toString()).isTrue();
    Matcher em =
        Pattern.compile("Election manager card: .* PIN (\\d{6}), PUK (\\d{8})\\)")
            .matcher(out.toString());
    assertThat(em.find()).as(out.toString()).isTrue();

    TrustPolicy policy =
        TrustPolicy.of(
            PemFiles.readCertificate(dir.resolve("authority/authority-ca.pem")),
            Set.of(),
            Set.of(Role.POLL_WORKER, Role.TECHNICIAN),
            Optional.of("district-9"));
    RoleCardAuthenticator auth =
        new RoleCardAuthenticator(policy, Clock.systemUTC(), new java.security.SecureRandom());
    assertThat(signIn(auth, dir.resolve("cards/poll-worker.card"), pw.group(1)))
        .isEqualTo(Role.POLL_WORKER);
    assertThat(signIn(auth, dir.resolve("cards/technician.card"), "24681357"))
        .isEqualTo(Role.TECHNICIAN);

    // The printed PUK unblocks the card: block it with wrong PINs, reset it, sign in.
    CardStateFile pollWorker = new CardStateFile(dir.resolve("cards/poll-worker.card"));
    VirtualPivCard card = new VirtualPivCard(pollWorker.load(), CardStateStore.file(pollWorker));
    try (SimulatedCardReader reader = new SimulatedCardReader()) {
      reader.start(e -> {});
      reader.insert(card);
      String name = SimulatedCardReader.READER_NAME;
      Duration wait = Duration.ofSeconds(10);
      var cert = ((CardCheck.Recognized) auth.identify(reader, name, wait)).certificate();
      String wrong = pw.group(1).equals("000000") ? "111111" : "000000";
      for (int i = 0; i < 3; i++) {
        auth.authenticate(reader, name, cert, Pin.of(wrong), wait);
      }
      assertThat(auth.resetPin(reader, name, Puk.of(pw.group(2)), Pin.of("13572468"), wait))
          .isEqualTo(new PinUpdate.Changed());
    }
    assertThat(signIn(auth, dir.resolve("cards/poll-worker.card"), "13572468"))
        .isEqualTo(Role.POLL_WORKER);
  }

  @Test
  void aMalformedPinIsAUsageErrorThatDoesNotEchoIt(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new MintCardsCommand())
            .setErr(new PrintWriter(err))
            .execute("--out", dir.toString(), "--poll-worker-pin", "12a4");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("6 to 8 digits").doesNotContain("12a4");
  }

  private static Role signIn(RoleCardAuthenticator auth, Path cardFile, String pin)
      throws Exception {
    CardStateFile file = new CardStateFile(cardFile);
    try (SimulatedCardReader reader = new SimulatedCardReader()) {
      reader.start(e -> {});
      reader.insert(new VirtualPivCard(file.load(), CardStateStore.file(file)));
      Duration wait = Duration.ofSeconds(10);
      var cert =
          ((CardCheck.Recognized) auth.identify(reader, SimulatedCardReader.READER_NAME, wait))
              .certificate();
      var result =
          auth.authenticate(reader, SimulatedCardReader.READER_NAME, cert, Pin.of(pin), wait);
      return ((AuthenticationResult.Authenticated) result).session().role();
    }
  }
}
