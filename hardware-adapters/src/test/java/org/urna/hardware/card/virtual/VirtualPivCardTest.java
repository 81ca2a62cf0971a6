package org.urna.hardware.card.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.role.Role;
import org.urna.hardware.card.ApduChannel;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.TestAuthority.IssuedCard;
import org.urna.hardware.card.apdu.ChainingChannel;
import org.urna.hardware.card.apdu.CommandApdu;
import org.urna.hardware.card.apdu.ResponseApdu;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.PinResult;
import org.urna.hardware.card.piv.PivApplication;
import org.urna.hardware.card.piv.PivClient;
import org.urna.hardware.card.piv.PivObjects;
import org.urna.hardware.card.piv.PivSlot;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.tlv.BerTlv;

class VirtualPivCardTest {
  private final TestAuthority authority = new TestAuthority();
  private final IssuedCard issued = authority.card(Role.POLL_WORKER);
  private final VirtualPivCard card = issued.virtualCard();

  private ResponseApdu send(String hex) throws Exception {
    return ResponseApdu.parse(card.process(HexFormat.of().parseHex(hex.replace(" ", ""))));
  }

  private final ApduChannel raw =
      c -> {
        try {
          return ResponseApdu.parse(card.process(c.encode()));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      };

  @Test
  void selectAnswersTheApplicationPropertyTemplate() throws Exception {
    ResponseApdu r = send("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00");
    assertThat(r.sw()).isEqualTo(0x9000);
    assertThat(BerTlv.parseOne(r.data()).child(0x4F).orElseThrow().value())
        .isEqualTo(PivApplication.PIX);
  }

  @Test
  void wrongClassInstructionParametersAndLengthGetTheirStatusWords() throws Exception {
    assertThat(send("00 CB 3F FF 05 5C 03 5F C1 05 00").sw()).as("before SELECT").isEqualTo(0x6985);
    assertThat(send("00 A4 04 00 05 A0 00 00 03 99").sw()).as("other AID").isEqualTo(0x6A82);
    send("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00");
    assertThat(send("80 CB 3F FF 05 5C 03 5F C1 05 00").sw()).as("class").isEqualTo(0x6E00);
    assertThat(send("00 CA 3F FF 05 5C 03 5F C1 05 00").sw()).as("instruction").isEqualTo(0x6D00);
    assertThat(send("00 CB 3F 00 05 5C 03 5F C1 05 00").sw()).as("P1P2").isEqualTo(0x6A86);
    assertThat(send("00 CB 3F FF 09 5C 03 5F C1 05").sw()).as("Lc too long").isEqualTo(0x6700);
    assertThat(send("00 CB 3F FF 05 5C 03 5F C1 0B 00").sw()).as("absent object").isEqualTo(0x6A82);
    assertThat(send("00 CB 3F FF 03 53 01 00 00").sw()).as("not a tag list").isEqualTo(0x6A80);
    assertThat(send("00 20 00 81 08 31 32 33 34 35 36 FF FF").sw()).as("PUK").isEqualTo(0x6A88);
    assertThat(send("00 20 00 80 06 31 32 33 34 35 36").sw()).as("PIN length").isEqualTo(0x6700);
    assertThat(send("00 87 07 9A 04 7C 02 82 00 00").sw()).as("RSA").isEqualTo(0x6A86);
    assertThat(send("00 C0 00 00 00").sw()).as("nothing pending").isEqualTo(0x6985);
  }

  @Test
  void certificateLongerThanOneResponseComesInGetResponsePieces() throws Exception {
    send("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00");
    ResponseApdu first = send("00 CB 3F FF 05 5C 03 5F C1 05 00");
    assertThat(first.sw1()).isEqualTo(0x61);
    assertThat(first.dataLength()).isEqualTo(256);

    ResponseApdu whole =
        new ChainingChannel(raw)
            .transmit(
                new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, PivApplication.tagList(0x5FC105), 256));
    assertThat(whole.sw()).isEqualTo(0x9000);
    assertThat(PivObjects.certificateFrom(whole.data())).isEqualTo(issued.certificate());
  }

  @Test
  void discoveryAndChuidObjectsAreServed() throws Exception {
    PivClient piv = new PivClient(raw);
    piv.select();
    assertThat(BerTlv.parseOne(piv.getData(0x7E).orElseThrow()).tag()).isEqualTo(0x7E);
    var chuid = BerTlv.parseOne(piv.getData(0x5FC102).orElseThrow());
    assertThat(chuid.child(0x34).orElseThrow().value()).isEqualTo(issued.state().guid());
  }

  @Test
  void emptyVerifyTellsTriesLeftWithoutSpendingOne() throws Exception {
    PivClient piv = new PivClient(raw);
    piv.select();
    assertThat(piv.pinStatus()).isEqualTo(new PinResult.Incorrect(3));
    assertThat(piv.verify(Pin.of("999999"))).isEqualTo(new PinResult.Incorrect(2));
    assertThat(piv.pinStatus()).isEqualTo(new PinResult.Incorrect(2));
    assertThat(piv.verify(Pin.of(TestAuthority.PIN))).isEqualTo(new PinResult.Correct());
    assertThat(piv.pinStatus()).isEqualTo(new PinResult.Correct());
    assertThat(card.state().triesLeft()).isEqualTo(3);
  }

  @Test
  void powerCycleAndResetDropThePinAndTheSelectedApplication() throws Exception {
    PivClient piv = new PivClient(raw);
    piv.select();
    piv.verify(Pin.of(TestAuthority.PIN));
    card.powerOff();
    card.powerOn();
    assertThat(send("00 20 00 80 00").sw()).as("not selected after power cycle").isEqualTo(0x6985);
    piv.select();
    assertThat(piv.pinStatus()).isEqualTo(new PinResult.Incorrect(3));
    byte[] challenge = new byte[32];
    assertThat(
            raw.transmit(
                    new CommandApdu(0, 0x87, 0x11, 0x9A, PivObjects.signRequest(challenge), 256))
                .sw())
        .isEqualTo(0x6982);
    piv.verify(Pin.of(TestAuthority.PIN));
    card.reset();
    piv.select();
    assertThat(piv.pinStatus()).isEqualTo(new PinResult.Incorrect(3));
  }

  @Test
  void signsAChainedGeneralAuthenticateWithTheCertifiedKey() throws Exception {
    PivClient piv = new PivClient(raw);
    piv.select();
    piv.verify(Pin.of(TestAuthority.PIN));
    byte[] message = "a challenge".getBytes();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
    byte[] request = PivObjects.signRequest(digest);
    // Send the request in two pieces: CLA 10 then CLA 00.
    int half = request.length / 2;
    assertThat(
            raw.transmit(new CommandApdu(0x10, 0x87, 0x11, 0x9A, Arrays.copyOf(request, half), 0))
                .sw())
        .isEqualTo(0x9000);
    ResponseApdu r =
        raw.transmit(
            new CommandApdu(
                0x00, 0x87, 0x11, 0x9A, Arrays.copyOfRange(request, half, request.length), 256));
    assertThat(r.sw()).isEqualTo(0x9000);
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(issued.keys().getPublic());
    v.update(message);
    assertThat(v.verify(PivObjects.signatureFrom(r.data()))).isTrue();
    assertThat(piv.sign(PivSlot.AUTHENTICATION, digest)).isNotEmpty();
  }

  @Test
  void retryCounterIsPersistedBeforeThePinIsCompared(@TempDir Path dir) throws Exception {
    CardStateFile file = new CardStateFile(dir.resolve("card"));
    file.save(issued.state());
    VirtualPivCard persisted = new VirtualPivCard(file.load(), CardStateStore.file(file));
    ApduChannel ch =
        c -> {
          try {
            return ResponseApdu.parse(persisted.process(c.encode()));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };
    PivClient piv = new PivClient(ch);
    piv.select();
    for (int i = 0; i < 3; i++) {
      piv.verify(Pin.of("11111111"));
    }
    assertThat(file.load().triesLeft()).isZero();
    VirtualPivCard again = new VirtualPivCard(file.load(), CardStateStore.file(file));
    again.powerOn();
    again.process(HexFormat.of().parseHex("00A4040009A0000003080000100000"));
    assertThat(
            again.process(
                new CommandApdu(0, 0x20, 0, 0x80, Pin.of(TestAuthority.PIN).padded(), 0).encode()))
        .containsExactly(0x69, 0x83);
  }

  @Test
  void theWrongTryThatBlocksAnswers63C0AndLaterTriesAnswer6983() throws Exception {
    send("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00");
    String wrong = "00 20 00 80 08 39 39 39 39 39 39 FF FF";
    assertThat(send(wrong).sw()).isEqualTo(0x63C2);
    assertThat(send(wrong).sw()).isEqualTo(0x63C1);
    assertThat(send(wrong).sw()).as("the try that blocks").isEqualTo(0x63C0);
    assertThat(send(wrong).sw()).as("after the block").isEqualTo(0x6983);
    assertThat(send("00 20 00 80 08 31 32 33 34 35 36 FF FF").sw())
        .as("even the right PIN")
        .isEqualTo(0x6983);
    assertThat(send("00 20 00 80").sw()).as("status").isEqualTo(0x6983);
    assertThat(card.state().triesLeft()).isZero();
  }

  @Test
  void aFailedSelectLeavesThePivApplicationAndThePinStatusAsTheyWere() throws Exception {
    // yubico-piv-tool's opening: SELECT PIV, SELECT the Yubico OTP AID for the version, then PIV.
    PivClient piv = new PivClient(raw);
    piv.select();
    piv.verify(Pin.of(TestAuthority.PIN));
    assertThat(send("00 A4 04 00 08 A0 00 00 05 27 20 01 01").sw()).isEqualTo(0x6A82);
    assertThat(send("00 20 00 80").sw()).as("PIN still verified").isEqualTo(0x9000);
    assertThat(piv.readCertificate(PivSlot.AUTHENTICATION)).contains(issued.certificate());
    assertThat(piv.sign(PivSlot.AUTHENTICATION, new byte[32])).isNotEmpty();
  }

  @Test
  void changeReferenceDataReplacesThePinAfterCheckingTheOldOne() throws Exception {
    PivClient piv = new PivClient(raw);
    assertThat(send("00 24 00 80 10 31 32 33 34 35 36 FF FF 36 35 34 33 32 31 FF FF").sw())
        .as("before SELECT")
        .isEqualTo(0x6985);
    piv.select();
    assertThat(piv.changePin(Pin.of("999999"), Pin.of("24681357")))
        .isEqualTo(new PinResult.Incorrect(2));
    // A malformed new PIN is refused before a try is spent; so is a bad length or reference.
    assertThat(send("00 24 00 80 10 31 32 33 34 35 36 FF FF 31 32 33 FF FF FF FF FF").sw())
        .isEqualTo(0x6A80);
    assertThat(send("00 24 00 80 08 31 32 33 34 35 36 FF FF").sw()).isEqualTo(0x6700);
    assertThat(send("00 24 00 82 10 31 32 33 34 35 36 FF FF 36 35 34 33 32 31 FF FF").sw())
        .isEqualTo(0x6A88);
    assertThat(card.state().triesLeft()).isEqualTo(2);

    assertThat(piv.changePin(Pin.of(TestAuthority.PIN), Pin.of("24681357")))
        .isEqualTo(new PinResult.Correct());
    assertThat(card.state().triesLeft()).as("tries back").isEqualTo(3);
    assertThat(piv.verify(Pin.of(TestAuthority.PIN))).isEqualTo(new PinResult.Incorrect(2));
    assertThat(piv.verify(Pin.of("24681357"))).isEqualTo(new PinResult.Correct());
  }

  @Test
  void changingThePinSpendsTriesAndBlocksLikeVerify() throws Exception {
    PivClient piv = new PivClient(raw);
    piv.select();
    piv.changePin(Pin.of("999999"), Pin.of("24681357"));
    piv.changePin(Pin.of("999999"), Pin.of("24681357"));
    assertThat(send("00 24 00 80 10 39 39 39 39 39 39 FF FF 36 35 34 33 32 31 FF FF").sw())
        .isEqualTo(0x63C0);
    assertThat(piv.changePin(Pin.of(TestAuthority.PIN), Pin.of("24681357")))
        .isEqualTo(new PinResult.Blocked());
    assertThat(send("00 24 00 80 10 31 32 33 34 35 36 FF FF 36 35 34 33 32 31 FF FF").sw())
        .isEqualTo(0x6983);
  }

  @Test
  void resetRetryCounterWithThePukUnblocksAndSetsANewPin() throws Exception {
    PivClient piv = new PivClient(raw);
    piv.select();
    for (int i = 0; i < 3; i++) {
      piv.verify(Pin.of("999999"));
    }
    assertThat(piv.verify(Pin.of(TestAuthority.PIN))).isEqualTo(new PinResult.Blocked());

    assertThat(piv.resetRetryCounter(Puk.of("87654321"), Pin.of("112233")))
        .isEqualTo(new PinResult.Incorrect(2));
    assertThat(send("00 2C 00 80 10 31 32 33 34 35 36 37 FF 31 31 32 32 33 33 FF FF").sw())
        .as("a PUK is 8 digits")
        .isEqualTo(0x6A80);
    assertThat(send("00 2C 00 81 10 31 32 33 34 35 36 37 38 31 31 32 32 33 33 FF FF").sw())
        .as("only the PIN is reset")
        .isEqualTo(0x6A88);
    assertThat(card.state().pukTriesLeft()).isEqualTo(2);

    assertThat(piv.resetRetryCounter(Puk.of(TestAuthority.PUK), Pin.of("112233")))
        .isEqualTo(new PinResult.Correct());
    assertThat(card.state().triesLeft()).isEqualTo(3);
    assertThat(card.state().pukTriesLeft()).isEqualTo(3);
    assertThat(send("00 20 00 80").sw()).as("a reset does not verify").isEqualTo(0x63C3);
    assertThat(piv.verify(Pin.of(TestAuthority.PIN))).isEqualTo(new PinResult.Incorrect(2));
    assertThat(piv.verify(Pin.of("112233"))).isEqualTo(new PinResult.Correct());
  }

  @Test
  void threeWrongPuksBlockThePukForGood() throws Exception {
    send("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00");
    String wrong = "00 2C 00 80 10 38 37 36 35 34 33 32 31 31 31 32 32 33 33 FF FF";
    assertThat(send(wrong).sw()).isEqualTo(0x63C2);
    assertThat(send(wrong).sw()).isEqualTo(0x63C1);
    assertThat(send(wrong).sw()).isEqualTo(0x63C0);
    assertThat(send(wrong).sw()).isEqualTo(0x6983);
    PivClient piv = new PivClient(raw);
    assertThat(piv.resetRetryCounter(Puk.of(TestAuthority.PUK), Pin.of("112233")))
        .isEqualTo(new PinResult.Blocked());
    assertThat(piv.changePuk(Puk.of(TestAuthority.PUK), Puk.of("11112222")))
        .isEqualTo(new PinResult.Blocked());
    assertThat(piv.verify(Pin.of(TestAuthority.PIN)))
        .as("the PIN itself still works")
        .isEqualTo(new PinResult.Correct());
  }

  @Test
  void thePukCanBeChangedWithTheOldOne() throws Exception {
    PivClient piv = new PivClient(raw);
    piv.select();
    assertThat(piv.changePuk(Puk.of("00000000"), Puk.of("11112222")))
        .isEqualTo(new PinResult.Incorrect(2));
    assertThat(piv.changePuk(Puk.of(TestAuthority.PUK), Puk.of("11112222")))
        .isEqualTo(new PinResult.Correct());
    assertThat(piv.resetRetryCounter(Puk.of(TestAuthority.PUK), Pin.of("112233")))
        .isEqualTo(new PinResult.Incorrect(2));
    assertThat(piv.resetRetryCounter(Puk.of("11112222"), Pin.of("112233")))
        .isEqualTo(new PinResult.Correct());
  }

  @Test
  void pinAndPukChangesAndTheirCountersAreKeptInTheStateFile(@TempDir Path dir) throws Exception {
    CardStateFile file = new CardStateFile(dir.resolve("card"));
    file.save(issued.state());
    VirtualPivCard persisted = new VirtualPivCard(file.load(), CardStateStore.file(file));
    PivClient piv = new PivClient(channelTo(persisted));
    piv.select();
    piv.changePin(Pin.of(TestAuthority.PIN), Pin.of("24681357"));
    piv.resetRetryCounter(Puk.of("00000000"), Pin.of("112233"));
    CardState saved = file.load();
    assertThat(saved.pinMatches(Pin.of("24681357"))).isTrue();
    assertThat(saved.pukTriesLeft()).isEqualTo(2);
    assertThat(saved.pukMatches(Puk.of(TestAuthority.PUK))).isTrue();
  }

  @Test
  void aStateFileOfTheFirstFormatLoadsWithABlockedPuk(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("old.card");
    CardStateFile file = new CardStateFile(path);
    file.save(issued.state());
    java.util.List<String> lines =
        java.nio.file.Files.readAllLines(path).stream()
            .filter(l -> !l.startsWith("puk."))
            .map(l -> l.replace("urna-virtual-piv-card/2", "urna-virtual-piv-card/1"))
            .toList();
    java.nio.file.Files.write(path, lines);
    CardState old = file.load();
    assertThat(old.pukBlocked()).isTrue();
    assertThat(old.pinMatches(Pin.of(TestAuthority.PIN))).isTrue();
    PivClient piv = new PivClient(channelTo(new VirtualPivCard(old, CardStateStore.inMemory())));
    piv.select();
    assertThat(piv.resetRetryCounter(Puk.of(TestAuthority.PUK), Pin.of("112233")))
        .isEqualTo(new PinResult.Blocked());
  }

  private static ApduChannel channelTo(VirtualPivCard c) {
    return apdu -> {
      try {
        return ResponseApdu.parse(c.process(apdu.encode()));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
  }
}
