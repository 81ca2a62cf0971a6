package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urna.core.election.SampleElection;
import org.urna.core.role.Role;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.role.CertificateAuthority;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.polls.PackageCheck;
import org.urna.kiosk.polls.PollsState;

/**
 * Bad input at the station, each refused on the poll worker's screen in words of its own, and
 * nothing changed: packages that are changed, damaged, from another authority or for other
 * stations; cards from another authority, with an empty certificate slot (no role at all: the
 * station cannot read it as a role card), signed by the authority but naming no role or an unknown
 * one, or of a role this station does not let sign in (here: election managers).
 */
class BadInputStoriesTest extends SimulatedStationStory {
  private static final String ELSEWHERE = "uik-9999";

  /** The story about another station's package runs on a station configured as uik-9999. */
  @RegisterExtension
  final BeforeEachCallback otherStation =
      ctx -> {
        if (ctx.getRequiredTestMethod().getName().contains("OtherStations")) {
          stationId = ELSEWHERE;
        }
      };

  @Override
  TrustPolicy cardPolicy() {
    return authority.policy(Set.of(Role.POLL_WORKER, Role.TECHNICIAN), Set.of());
  }

  /** The state folder's files (but the journal) and their contents, in hex. */
  private Map<String, String> stateFiles() throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(stateFolder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().startsWith("audit-journal")) {
          out.put(
              stateFolder.relativize(p).toString(),
              java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  /** The poll worker tries to load what is on the stick; returns the refusal shown. */
  private String refusedLoad(VirtualPivCard card, String name) throws Exception {
    PollDay.signIn(this, card);
    Map<String, String> before = stateFiles();
    tap("pw-load");
    waitFor("screen-load-refused");
    screenshot("load-refused-" + name + "-" + language);
    String shown = String.join(" ", texts());
    assertThat(station.pollsState()).isEqualTo(PollsState.NO_ELECTION);
    assertThat(station.ballotBox()).as("no ballot box made").isEmpty();
    assertThat(stateFiles()).as("nothing copied or changed").isEqualTo(before);
    remove();
    waitForText("No election loaded");
    return shown;
  }

  @Test
  void changedDamagedAndForeignPackagesAreEachRefusedInTheirOwnWords() throws Exception {
    Messages polls = Messages.of(Messages.Area.POLLS, language);
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    Path file = usb.resolve(PackageCheck.FILE_NAME);
    byte[] good = Files.readAllBytes(file);

    Files.writeString(file, Files.readString(file).replaceFirst("sample-2027", "sample-2028"));
    String changed = refusedLoad(card, "changed");
    assertThat(changed).contains("Do not use it").contains("changed after it was signed");

    Files.write(file, new byte[] {0x7b, 0x00, (byte) 0xff, 0x22});
    String damaged = refusedLoad(card, "damaged");
    assertThat(damaged).contains("This election package is damaged");

    Files.delete(file);
    SampleElection.create("another-authority", SampleElection.DEFAULT_WINDOW).writeTo(usb);
    String foreign = refusedLoad(card, "foreign");
    assertThat(foreign)
        .contains("not issued by the election authority this station trusts")
        .doesNotContain("damaged");

    Files.write(file, good);
    PollDay.signIn(this, card);
    tap("pw-load");
    tap("pw-load-confirm");
    waitFor("screen-done");
    assertThat(station.pollsState())
        .as("the good package still loads")
        .isEqualTo(PollsState.LOADED);
    assertThat(polls.text("pw.loadRefused")).isNotBlank();
  }

  @Test
  void aPackageForOtherStationsIsRefusedNamingBothStations() throws Exception {
    String shown = refusedLoad(authority.card(Role.POLL_WORKER).virtualCard(), "other-station");
    assertThat(shown)
        .contains("for other stations")
        .contains(STATION)
        .contains(ELSEWHERE)
        .contains("package for your polling station");
  }

  /** The card goes in; the station refuses it in {@code words} and opens nothing. */
  private void refusedCard(VirtualPivCard card, String words, String name) throws Exception {
    insert(card);
    waitForText(words);
    assertThat(showing("screen-pin")).as("no PIN is asked").isFalse();
    screenshot("card-refused-" + name + "-" + language);
    remove();
    waitForText("No election loaded");
  }

  @Test
  void cardsWithoutARoleOfAnotherRoleOrAuthorityAreEachRefusedInTheirOwnWords() throws Exception {
    refusedCard(
        new TestAuthority("Another authority").card(Role.POLL_WORKER).virtualCard(),
        "issued by another authority",
        "authority");
    KeyPair keys = CertificateAuthority.newP256KeyPair(authority.random);
    refusedCard(
        authority.cardWith(keys, new byte[0]).virtualCard(),
        "This card is not a working election role card",
        "no-role");
    refusedCard(
        authority.card(Role.ELECTION_MANAGER).virtualCard(),
        "role may not sign in at this station",
        "role");
    assertThat(journal().split("operator-card-refused", -1))
        .as("the refused role and authority are audited")
        .hasSize(3);
    assertThat(journal()).doesNotContain("operator-signed-in");
  }

  /**
   * Cards the election authority really signed that carry no Urna role, or a role value Urna does
   * not know: refused on the screen in the words for a certificate naming no election role, no PIN
   * asked, nothing opened, and each refusal audited with its reason.
   */
  @Test
  void authoritySignedCardsWithNoRoleOrAnUnknownRoleAreRefusedInWordsAndAudited() throws Exception {
    String words = Messages.of(Messages.Area.OPERATOR, language).text("refusal.NO_ROLE");
    assertThat(words).contains("names no election role");
    Map<String, String> before = stateFiles();
    refusedCard(
        authority.cardWithRoleValue(java.util.Optional.empty()).virtualCard(),
        words,
        "signed-no-role");
    refusedCard(
        authority.cardWithRoleValue(java.util.Optional.of("observer")).virtualCard(),
        words,
        "signed-unknown-role");
    List<String> refusals =
        journal().lines().filter(l -> l.contains("operator-card-refused")).toList();
    assertThat(refusals).hasSize(2).allSatisfy(l -> assertThat(l).contains("NO_ROLE"));
    assertThat(refusals.get(0)).contains("no role attribute");
    assertThat(refusals.get(1)).contains("unknown role value");
    assertThat(journal()).doesNotContain("operator-signed-in");
    assertThat(stateFiles()).as("nothing else changed").isEqualTo(before);
  }
}
