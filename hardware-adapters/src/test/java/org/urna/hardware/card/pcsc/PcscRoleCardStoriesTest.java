package org.urna.hardware.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.CardFault;
import org.urna.hardware.card.EventLog;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.TestAuthority.IssuedCard;
import org.urna.hardware.card.apdu.CommandApdu;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.role.AuthenticationResult;
import org.urna.hardware.card.role.CardCheck;
import org.urna.hardware.card.role.CertificateAuthority;
import org.urna.hardware.card.role.PinUpdate;
import org.urna.hardware.card.role.RefusalReason;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.role.RoleCertificateParser;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.hardware.card.virtual.CardStateFile;
import org.urna.hardware.card.virtual.CardStateStore;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.card.virtual.VpcdCardConnection;

/**
 * Role-card stories on the real stack: javax.smartcardio, libpcsclite, pcscd, vsmartcard's vpcd
 * driver and the project's virtual PIV card on the far side of vpcd's TCP socket. The last story
 * stops and restarts pcscd: it stays last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PcscRoleCardStoriesTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final TestAuthority authority = new TestAuthority();
  private final EventLog events = new EventLog();
  private PcscdFixture pcscd;
  private PcscCardReader reader;
  private String readerName;
  @TempDir Path dir;

  @BeforeAll
  void startStack() throws Exception {
    pcscd = PcscdFixture.start(Path.of("target", "pcscd"));
    reader = PcscCardReader.create();
    reader.start(events);
    readerName =
        events
            .await(CardEvent.ReaderAttached.class, e -> e.reader().endsWith(" 00 00"), PATIENCE)
            .reader();
  }

  @AfterAll
  void stopStack() {
    if (reader != null) {
      reader.close();
    }
    if (pcscd != null) {
      pcscd.close();
    }
  }

  private RoleCardAuthenticator authenticator(TrustPolicy policy) {
    return new RoleCardAuthenticator(policy, Clock.systemUTC(), authority.random);
  }

  private VpcdCardConnection insert(VirtualPivCard card) throws Exception {
    events.drain();
    VpcdCardConnection c = VpcdCardConnection.insert(card, pcscd.vpcdPort(), PATIENCE);
    events.await(CardEvent.CardInserted.class, e -> e.reader().equals(readerName), PATIENCE);
    return c;
  }

  private void remove(VpcdCardConnection c) throws InterruptedException {
    c.close();
    events.await(CardEvent.CardRemoved.class, e -> e.reader().equals(readerName), PATIENCE);
  }

  private CardCheck.Recognized recognized(RoleCardAuthenticator auth) {
    CardCheck check = auth.identify(reader, readerName, PATIENCE);
    assertThat(check).isInstanceOf(CardCheck.Recognized.class);
    return (CardCheck.Recognized) check;
  }

  @Test
  @Order(1)
  void pollWorkerSignsInAfterTwoWrongPinsThatShowTriesLeft() throws Exception {
    IssuedCard issued = authority.card(Role.POLL_WORKER);
    CardStateFile file = new CardStateFile(dir.resolve("poll-worker.card"));
    file.save(issued.state());
    RoleCardAuthenticator auth = authenticator(authority.policy());
    VpcdCardConnection card = insert(new VirtualPivCard(file.load(), CardStateStore.file(file)));
    try {
      CardCheck.Recognized ok = recognized(auth);
      assertThat(ok.certificate().role()).isEqualTo(Role.POLL_WORKER);
      assertThat(ok.certificate().jurisdiction()).isEqualTo(TestAuthority.JURISDICTION);

      assertThat(
              auth.authenticate(reader, readerName, ok.certificate(), Pin.of("654321"), PATIENCE))
          .isEqualTo(new AuthenticationResult.WrongPin(2));
      assertThat(
              auth.authenticate(reader, readerName, ok.certificate(), Pin.of("6543210"), PATIENCE))
          .isEqualTo(new AuthenticationResult.WrongPin(1));
      AuthenticationResult right =
          auth.authenticate(
              reader, readerName, ok.certificate(), Pin.of(TestAuthority.PIN), PATIENCE);

      assertThat(right).isInstanceOf(AuthenticationResult.Authenticated.class);
      var session = ((AuthenticationResult.Authenticated) right).session();
      assertThat(session.role()).isEqualTo(Role.POLL_WORKER);
      assertThat(session.certificateSerial()).isEqualTo(ok.certificate().serialHex());
      assertThat(file.load().triesLeft()).isEqualTo(3);
    } finally {
      remove(card);
    }
  }

  @Test
  @Order(2)
  void thirdWrongPinBlocksTheCardAndItStaysBlockedAfterReinsertion() throws Exception {
    IssuedCard issued = authority.card(Role.TECHNICIAN);
    CardStateFile file = new CardStateFile(dir.resolve("technician.card"));
    file.save(issued.state());
    RoleCardAuthenticator auth = authenticator(authority.policy());
    VpcdCardConnection card = insert(new VirtualPivCard(file.load(), CardStateStore.file(file)));
    CardCheck.Recognized ok = recognized(auth);
    for (int left = 2; left >= 1; left--) {
      assertThat(
              auth.authenticate(reader, readerName, ok.certificate(), Pin.of("000000"), PATIENCE))
          .isEqualTo(new AuthenticationResult.WrongPin(left));
    }
    assertThat(auth.authenticate(reader, readerName, ok.certificate(), Pin.of("000000"), PATIENCE))
        .isInstanceOf(AuthenticationResult.PinBlocked.class);
    remove(card);

    // A new card object from the same state file: the block was persisted on the card.
    card = insert(new VirtualPivCard(file.load(), CardStateStore.file(file)));
    try {
      ok = recognized(auth);
      assertThat(
              auth.authenticate(
                  reader, readerName, ok.certificate(), Pin.of(TestAuthority.PIN), PATIENCE))
          .isInstanceOf(AuthenticationResult.PinBlocked.class);
      assertThat(file.load().triesLeft()).isZero();
    } finally {
      remove(card);
    }
  }

  @Test
  @Order(3)
  void cardPulledDuringTheSignatureIsAFaultAndTheReaderKeepsWorking() throws Exception {
    IssuedCard issued = authority.card(Role.POLL_WORKER);
    RoleCardAuthenticator auth = authenticator(authority.policy());
    VpcdCardConnection card = insert(issued.virtualCard());
    CardCheck.Recognized ok = recognized(auth);
    card.removeDuringCommand(apdu -> (apdu[1] & 0xFF) == 0x87); // GENERAL AUTHENTICATE

    AuthenticationResult pulled =
        auth.authenticate(
            reader, readerName, ok.certificate(), Pin.of(TestAuthority.PIN), PATIENCE);

    assertThat(pulled).isInstanceOf(AuthenticationResult.Failed.class);
    assertThat(((AuthenticationResult.Failed) pulled).fault())
        .as(pulled.toString())
        .isIn(CardFault.CARD_REMOVED, CardFault.NO_CARD);
    events.await(CardEvent.CardRemoved.class, e -> e.reader().equals(readerName), PATIENCE);

    card = insert(issued.virtualCard());
    try {
      assertThat(
              auth.authenticate(
                  reader,
                  readerName,
                  recognized(auth).certificate(),
                  Pin.of(TestAuthority.PIN),
                  PATIENCE))
          .isInstanceOf(AuthenticationResult.Authenticated.class);
    } finally {
      remove(card);
    }
  }

  @Test
  @Order(4)
  void cardsThatAreNotTrustedAreRefusedWithTheirReason() throws Exception {
    Instant now = authority.now;
    TestAuthority impostor = new TestAuthority("Test election authority"); // same name, other key
    TestAuthority otherCa = new TestAuthority("Another election authority");
    IssuedCard revoked = authority.card(Role.POLL_WORKER);
    String revokedSerial = RoleCertificateParser.parse(revoked.certificate()).serialHex();
    TrustPolicy pollWorkersOnly = authority.policy(Set.of(Role.POLL_WORKER), Set.of(revokedSerial));

    expectRefusal(
        impostor.card(Role.POLL_WORKER), pollWorkersOnly, RefusalReason.FORGED_CERTIFICATE);
    expectRefusal(otherCa.card(Role.POLL_WORKER), pollWorkersOnly, RefusalReason.WRONG_AUTHORITY);
    expectRefusal(
        authority.card(
            authority.request(
                Role.POLL_WORKER, now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(1)))),
        pollWorkersOnly,
        RefusalReason.EXPIRED);
    expectRefusal(
        authority.card(
            authority.request(
                Role.POLL_WORKER, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)))),
        pollWorkersOnly,
        RefusalReason.NOT_YET_VALID);
    expectRefusal(authority.card(Role.TECHNICIAN), pollWorkersOnly, RefusalReason.ROLE_NOT_ALLOWED);
    expectRefusal(revoked, pollWorkersOnly, RefusalReason.REVOKED);
    // signed by the authority, but naming no Urna role, or a role value Urna does not know
    expectRefusal(
        authority.cardWithRoleValue(java.util.Optional.empty()),
        pollWorkersOnly,
        RefusalReason.NO_ROLE);
    expectRefusal(
        authority.cardWithRoleValue(java.util.Optional.of("observer")),
        pollWorkersOnly,
        RefusalReason.NO_ROLE);

    // A genuine certificate copied onto a card that holds a different key: the PIN is right, but
    // the challenge signature does not verify against the certificate.
    IssuedCard genuine = authority.card(Role.POLL_WORKER);
    KeyPair otherKey = CertificateAuthority.newP256KeyPair(authority.random);
    VpcdCardConnection card =
        insert(authority.cardWith(otherKey, genuine.certificate()).virtualCard());
    try {
      RoleCardAuthenticator auth = authenticator(pollWorkersOnly);
      CardCheck.Recognized ok = recognized(auth);
      AuthenticationResult r =
          auth.authenticate(
              reader, readerName, ok.certificate(), Pin.of(TestAuthority.PIN), PATIENCE);
      assertThat(r).isInstanceOf(AuthenticationResult.Refused.class);
      assertThat(((AuthenticationResult.Refused) r).reason())
          .isEqualTo(RefusalReason.CHALLENGE_NOT_SIGNED);
    } finally {
      remove(card);
    }
  }

  @Test
  @Order(5)
  void pollWorkerChangesThePinAtFirstUseAndSignsInWithTheNewOne() throws Exception {
    IssuedCard issued = authority.card(Role.POLL_WORKER);
    CardStateFile file = new CardStateFile(dir.resolve("first-use.card"));
    file.save(issued.state());
    RoleCardAuthenticator auth = authenticator(authority.policy());
    VpcdCardConnection card = insert(new VirtualPivCard(file.load(), CardStateStore.file(file)));
    try {
      assertThat(auth.changePin(reader, readerName, Pin.of("999999"), Pin.of("24681357"), PATIENCE))
          .isEqualTo(new PinUpdate.WrongPin(2));
      assertThat(
              auth.changePin(
                  reader, readerName, Pin.of(TestAuthority.PIN), Pin.of("24681357"), PATIENCE))
          .isEqualTo(new PinUpdate.Changed());
      CardCheck.Recognized ok = recognized(auth);
      assertThat(
              auth.authenticate(
                  reader, readerName, ok.certificate(), Pin.of(TestAuthority.PIN), PATIENCE))
          .as("the old PIN no longer works")
          .isEqualTo(new AuthenticationResult.WrongPin(2));
      assertThat(
              auth.authenticate(reader, readerName, ok.certificate(), Pin.of("24681357"), PATIENCE))
          .isInstanceOf(AuthenticationResult.Authenticated.class);
    } finally {
      remove(card);
    }
    assertThat(file.load().pinMatches(Pin.of("24681357"))).isTrue();
  }

  @Test
  @Order(6)
  void blockedCardIsResetWithThePukAndTheResetSurvivesReinsertion() throws Exception {
    IssuedCard issued = authority.card(Role.POLL_WORKER);
    CardStateFile file = new CardStateFile(dir.resolve("blocked.card"));
    file.save(issued.state());
    RoleCardAuthenticator auth = authenticator(authority.policy());
    VpcdCardConnection card = insert(new VirtualPivCard(file.load(), CardStateStore.file(file)));
    CardCheck.Recognized ok = recognized(auth);
    for (int i = 0; i < 3; i++) {
      auth.authenticate(reader, readerName, ok.certificate(), Pin.of("000000"), PATIENCE);
    }
    assertThat(
            auth.changePin(
                reader, readerName, Pin.of(TestAuthority.PIN), Pin.of("24681357"), PATIENCE))
        .as("a blocked PIN cannot be changed")
        .isEqualTo(new PinUpdate.PinBlocked());
    assertThat(auth.resetPin(reader, readerName, Puk.of("87654321"), Pin.of("112233"), PATIENCE))
        .isEqualTo(new PinUpdate.WrongPuk(2));
    remove(card);

    card = insert(new VirtualPivCard(file.load(), CardStateStore.file(file)));
    try {
      assertThat(
              auth.resetPin(
                  reader, readerName, Puk.of(TestAuthority.PUK), Pin.of("112233"), PATIENCE))
          .isEqualTo(new PinUpdate.Changed());
      ok = recognized(auth);
      assertThat(
              auth.authenticate(reader, readerName, ok.certificate(), Pin.of("112233"), PATIENCE))
          .isInstanceOf(AuthenticationResult.Authenticated.class);
    } finally {
      remove(card);
    }
    assertThat(file.load().triesLeft()).isEqualTo(3);
    assertThat(file.load().pukTriesLeft()).isEqualTo(3);
  }

  @Test
  @Order(7)
  void statusWordsAsAPivToolSeesThemThroughPcscd() throws Exception {
    VpcdCardConnection card = insert(authority.card(Role.POLL_WORKER).virtualCard());
    try {
      HexFormat hex = HexFormat.of();
      java.util.List<CommandApdu> apdus = new java.util.ArrayList<>();
      for (String apdu :
          new String[] {
            "00A4040009A0000003080000100000", // SELECT PIV
            "00A4040008A000000527200101", // SELECT the Yubico OTP AID: absent
            "00CB3FFF055C035FC10200", // GET DATA CHUID: still PIV
            "0020008008393939393939FFFF",
            "0020008008393939393939FFFF",
            "0020008008393939393939FFFF", // the try that blocks
            "0020008008313233343536FFFF" // after the block
          }) {
        apdus.add(CommandApdu.parse(hex.parseHex(apdu)));
      }
      java.util.List<Integer> sws =
          reader.withCard(
              readerName,
              ch -> {
                java.util.List<Integer> out = new java.util.ArrayList<>();
                for (CommandApdu apdu : apdus) {
                  out.add(ch.transmit(apdu).sw());
                }
                return out;
              },
              PATIENCE);
      assertThat(sws).containsExactly(0x9000, 0x6A82, 0x9000, 0x63C2, 0x63C1, 0x63C0, 0x6983);
    } finally {
      remove(card);
    }
  }

  private void expectRefusal(IssuedCard issued, TrustPolicy policy, RefusalReason reason)
      throws Exception {
    VpcdCardConnection card = insert(issued.virtualCard());
    try {
      CardCheck check = authenticator(policy).identify(reader, readerName, PATIENCE);
      assertThat(check).isInstanceOf(CardCheck.Refused.class);
      assertThat(((CardCheck.Refused) check).reason()).isEqualTo(reason);
    } finally {
      remove(card);
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aRestartedCardServiceIsReportedOnceAndTheReaderReconnectsInProcess() throws Exception {
    assertThat(pcscd.owned())
        .as("this story stops pcscd; a pcscd not started by this test is running, stop it first")
        .isTrue();
    events.drain();
    pcscd.stop();

    CardEvent.ServiceUnavailable gone = events.await(CardEvent.ServiceUnavailable.class, PATIENCE);
    // the tests run with --add-opens java.smartcardio/sun.security.smartcardio (as the kiosk does)
    assertThat(gone.message())
        .isEqualTo(PcscCardReader.SERVICE_STOPPED_RECOVERING)
        .contains("reconnects when it is back");

    // No busy loop while the service is down: the card thread sleeps between retries.
    long cpu = cardThreadCpuNanos();
    Thread.sleep(3000);
    assertThat(cardThreadCpuNanos() - cpu).isLessThan(Duration.ofMillis(1500).toNanos());

    // While it is down a card task fails in words, at once.
    CardCheck down = authenticator(authority.policy()).identify(reader, readerName, PATIENCE);
    assertThat(down).isInstanceOf(CardCheck.Failed.class);
    assertThat(((CardCheck.Failed) down).fault()).isEqualTo(CardFault.SERVICE_UNAVAILABLE);

    // pcscd back: the same reader object, in the same JVM, reconnects with a new PC/SC context,
    // says so once, finds the reader again and reads a card.
    pcscd.startAgain();
    CardEvent.ServiceRestored back = events.await(CardEvent.ServiceRestored.class, PATIENCE);
    assertThat(back.message()).isEqualTo(PcscCardReader.SERVICE_RESTORED);
    events.await(CardEvent.ReaderAttached.class, e -> e.reader().equals(readerName), PATIENCE);
    try (VpcdCardConnection card =
        VpcdCardConnection.insert(
            authority.card(Role.POLL_WORKER).virtualCard(), pcscd.vpcdPort(), PATIENCE)) {
      events.await(CardEvent.CardInserted.class, e -> e.reader().equals(readerName), PATIENCE);
      CardCheck.Recognized check = recognized(authenticator(authority.policy()));
      assertThat(check).isNotNull();
      assertThat(events.drain()).noneMatch(e -> e instanceof CardEvent.ServiceUnavailable);
    }

    // And a second restart the same way: recovery is not a one-off.
    pcscd.stop();
    events.await(CardEvent.ServiceUnavailable.class, PATIENCE);
    pcscd.startAgain();
    events.await(CardEvent.ServiceRestored.class, PATIENCE);
    events.await(CardEvent.ReaderAttached.class, e -> e.reader().equals(readerName), PATIENCE);
  }

  private static long cardThreadCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Thread t =
        Thread.getAllStackTraces().keySet().stream()
            .filter(th -> th.getName().equals("urna-card-io"))
            .findFirst()
            .orElseThrow();
    return mx.getThreadCpuTime(t.threadId());
  }
}
