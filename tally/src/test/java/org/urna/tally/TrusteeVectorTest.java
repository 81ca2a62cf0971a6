package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;
import org.urna.tally.files.TrusteeFiles;

/** Checks the code against tally/src/test/resources/vectors/trustees.json (spec section 8). */
class TrusteeVectorTest {
  static JsonNode v;
  static String fileText;
  static CeremonyParameters p;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = TrusteeVectorTest.class.getResourceAsStream("/vectors/trustees.json")) {
      fileText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    v = TrusteeVectors.JSON.readTree(fileText);
    p = TrusteeFiles.readCeremony(bytes(v.at("/ceremony/ceremonyFile")), "ceremony");
  }

  static byte[] bytes(JsonNode textNode) {
    return textNode.asText().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hex(JsonNode n) {
    return HexFormat.of().parseHex(n.asText());
  }

  @Test
  void theGeneratorReproducesTheFileByteForByte() throws Exception {
    assertThat(TrusteeVectors.render()).isEqualTo(fileText);
  }

  @Test
  void theCeremonyHashAndJointKeyFollowFromThePublishedFiles() throws Exception {
    assertThat(p.ceremonyHashHex()).isEqualTo(v.at("/ceremony/ceremonyHash").asText());
    List<KeyAnnouncement> ann = new ArrayList<>();
    List<Deal> deals = new ArrayList<>();
    List<CheckReport> reports = new ArrayList<>();
    for (JsonNode t : v.get("trustees")) {
      ann.add(TrusteeFiles.readAnnouncement(bytes(t.get("announcementFile")), "a", p));
      deals.add(TrusteeFiles.readDeal(bytes(t.get("dealFile")), "d", p));
    }
    for (JsonNode r : v.get("checkFiles")) {
      reports.add(TrusteeFiles.readCheck(bytes(r), "c", p));
    }
    JointKey joint = Ceremony.combine(p, new Ceremony.Published(ann, deals, reports, List.of()));
    assertThat(joint.electionKey().toHex()).isEqualTo(v.at("/jointKey/electionKey").asText());
    assertThat(HexFormat.of().formatHex(joint.extendedHash()))
        .isEqualTo(v.at("/jointKey/extendedHash").asText());
    assertThat(new String(TrusteeFiles.write(joint), StandardCharsets.UTF_8))
        .isEqualTo(v.at("/jointKey/jointKeyFile").asText());
    byte[] c = p.ceremonyHash();
    for (JsonNode t : v.get("trustees")) {
      int i = t.get("index").asInt();
      Scalar d = Scalar.decode(hex(t.get("encryptionSecret")));
      assertThat(Group.mulG(d).toHex()).isEqualTo(t.get("encryptionKey").asText());
      Scalar sum = Scalar.ZERO;
      for (Deal deal : deals) {
        if (deal.dealer() == i) {
          continue;
        }
        sum = sum.add(deal.shareFor(i).decrypt(c, d));
      }
      // Add the trustee's own f_i(i) from its coefficients: a0 + a1·i.
      Scalar own =
          Scalar.decode(hex(t.at("/coefficients/0")))
              .add(Scalar.decode(hex(t.at("/coefficients/1"))).multiply(Scalar.of(i)));
      assertThat(sum.add(own).toHex()).isEqualTo(t.get("finalShare").asText());
      assertThat(Group.mulG(sum.add(own))).isEqualTo(joint.publicShare(i));
    }
  }

  @Test
  void theKeyFileOpensWithThePassphrase() throws Exception {
    Trustee t =
        TrusteeKeyFile.open(
            hex(v.at("/keyFile/file")), v.at("/keyFile/passphrase").asText().toCharArray(), p);
    assertThat(t.index()).isEqualTo(1);
    assertThat(t.encryptionSecret().toHex())
        .isEqualTo(v.at("/trustees/0/encryptionSecret").asText());
    assertThat(
            HexFormat.of()
                .formatHex(
                    TrusteeKeyFile.derive(
                        v.at("/keyFile/passphrase").asText().toCharArray(),
                        hex(v.at("/keyFile/salt")),
                        TrusteeKeyFile.Argon2.MINIMUM)))
        .isEqualTo(v.at("/keyFile/key").asText());
  }

  JointKey joint() throws Exception {
    List<KeyAnnouncement> ann = new ArrayList<>();
    List<Deal> deals = new ArrayList<>();
    List<CheckReport> reports = new ArrayList<>();
    for (JsonNode t : v.get("trustees")) {
      ann.add(TrusteeFiles.readAnnouncement(bytes(t.get("announcementFile")), "a", p));
      deals.add(TrusteeFiles.readDeal(bytes(t.get("dealFile")), "d", p));
    }
    for (JsonNode r : v.get("checkFiles")) {
      reports.add(TrusteeFiles.readCheck(bytes(r), "c", p));
    }
    return Ceremony.combine(p, new Ceremony.Published(ann, deals, reports, List.of()));
  }

  @Test
  void decryptionSharesVerifyAndCombineToTheCount() throws Exception {
    JointKey joint = joint();
    List<EncryptedTotal> totals =
        TrusteeFiles.readTotals(bytes(v.at("/decryption/totalsFile")), "totals", joint);
    List<DecryptionShareSet> sets = new ArrayList<>();
    for (JsonNode s : v.at("/decryption/shares")) {
      DecryptionShareSet set = TrusteeFiles.readShares(bytes(s.get("sharesFile")), "shares", 3);
      assertThat(ShareVerifier.verify(joint, totals, set)).isEmpty();
      assertThat(Lagrange.coefficient(set.trustee(), List.of(1, 3)).toHex())
          .isEqualTo(s.get("lagrange").asText());
      sets.add(set);
    }
    Combiner.Combination comb = Combiner.combine(joint, totals, sets);
    assertThat(comb.totals().getFirst().count()).isEqualTo(v.at("/decryption/count").asLong());
    assertThat(Combiner.combineShares(comb.totals().getFirst().shares()).toHex())
        .isEqualTo(v.at("/decryption/combined").asText());
  }

  @Test
  void theComplaintVectorIsSignedAndItsAnswerAccepted() throws Exception {
    CheckReport r = TrusteeFiles.readCheck(bytes(v.at("/complaint/checkFile")), "c", p);
    r.verify(p, Point.fromHex(v.at("/trustees/2/encryptionKey").asText()));
    assertThat(r.accused()).containsExactly(2);
    ComplaintAnswer a = TrusteeFiles.readAnswer(bytes(v.at("/complaint/answerFile")), "a", p);
    Deal deal2 = TrusteeFiles.readDeal(bytes(v.at("/trustees/1/dealFile")), "d", p);
    a.verify(p, Point.fromHex(v.at("/trustees/1/encryptionKey").asText()), deal2);
  }

  @Test
  void eachFailureVectorFailsAtItsStep() throws Exception {
    JointKey joint = joint();
    for (JsonNode f : v.get("failures")) {
      TrusteeStep step = TrusteeStep.valueOf(f.get("step").asText());
      switch (step) {
        case T4 ->
            assertThatThrownBy(
                    () -> TrusteeFiles.readDeal(bytes(f.get("dealFile")), "d", p).verify(p))
                .isInstanceOfSatisfying(
                    TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(step));
        case T5 -> {
          Deal d = TrusteeFiles.readDeal(bytes(f.get("dealFile")), "d", p);
          d.verify(p);
          int j = f.get("recipient").asInt();
          Scalar dj = Scalar.decode(hex(v.at("/trustees/" + (j - 1) + "/encryptionSecret")));
          Scalar s = d.shareFor(j).decrypt(p.ceremonyHash(), dj);
          assertThat(Group.mulG(s)).isNotEqualTo(d.expectedSharePoint(j));
        }
        case T7 -> {
          ComplaintAnswer a = TrusteeFiles.readAnswer(bytes(f.get("answerFile")), "a", p);
          Deal deal2 = TrusteeFiles.readDeal(bytes(v.at("/trustees/1/dealFile")), "d", p);
          assertThatThrownBy(
                  () ->
                      a.verify(p, Point.fromHex(v.at("/trustees/1/encryptionKey").asText()), deal2))
              .isInstanceOfSatisfying(
                  TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(step));
        }
        case T11 -> {
          List<EncryptedTotal> totals =
              TrusteeFiles.readTotals(bytes(v.at("/decryption/totalsFile")), "t", joint);
          DecryptionShareSet set = TrusteeFiles.readShares(bytes(f.get("sharesFile")), "s", 3);
          assertThat(ShareVerifier.verify(joint, totals, set))
              .hasValueSatisfying(x -> assertThat(x.step()).isEqualTo(step));
        }
        case T12 -> {
          List<EncryptedTotal> totals =
              TrusteeFiles.readTotals(bytes(v.at("/decryption/totalsFile")), "t", joint);
          List<DecryptionShare> shares = new ArrayList<>();
          for (JsonNode s : v.at("/decryption/shares")) {
            shares.addAll(TrusteeFiles.readShares(bytes(s.get("sharesFile")), "s", 3).shares());
          }
          assertThat(
                  Combiner.verifyCount(joint, totals.getFirst(), shares, f.get("count").asLong()))
              .hasValueSatisfying(x -> assertThat(x.step()).isEqualTo(step));
          assertThat(Combiner.verifyCount(joint, totals.getFirst(), shares, 5)).isEmpty();
        }
        default -> throw new AssertionError("no check for failure vector " + step);
      }
    }
  }
}
