package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

class CeremonyTest {
  private static Scalar secretOf(TestCeremony c, List<Integer> qualified) {
    Scalar s = Scalar.ZERO;
    for (int i : qualified) {
      s = s.add(c.trustee(i).polynomial().coefficient(0));
    }
    return s;
  }

  @Test
  void honestCeremonyGivesAJointKeyWhoseSecretAnyKTrusteesShare() throws Exception {
    TestCeremony c = TestCeremony.honest(5, 3);
    JointKey joint = c.joint;
    assertThat(joint.qualified()).containsExactly(1, 2, 3, 4, 5);
    assertThat(joint.disqualified()).isEmpty();
    Scalar s = secretOf(c, List.of(1, 2, 3, 4, 5));
    assertThat(joint.electionKey()).isEqualTo(Group.mulG(s));
    for (List<Integer> set : List.of(List.of(1, 2, 3), List.of(2, 4, 5), List.of(1, 3, 5, 4))) {
      Scalar r = Scalar.ZERO;
      for (int j : set) {
        r = r.add(Lagrange.coefficient(j, set).multiply(c.trustee(j).finalShare().orElseThrow()));
      }
      assertThat(r).as("trustees %s", set).isEqualTo(s);
    }
    for (int j = 1; j <= 5; j++) {
      assertThat(Group.mulG(c.trustee(j).finalShare().orElseThrow()))
          .isEqualTo(joint.publicShare(j));
    }
  }

  @Test
  void tamperedCommitmentIsCaughtByItsProofAndTheDealerDisqualified() throws Exception {
    TestCeremony c = new TestCeremony(3, 2).dealAll();
    Deal d = c.deals.get(1);
    List<Point> commitments = new ArrayList<>(d.commitments());
    commitments.set(1, commitments.get(1).add(Group.G).normalize());
    c.deals.set(1, new Deal(d.dealer(), commitments, d.proofs(), d.shares()));
    assertThatThrownBy(() -> c.deals.get(1).verify(c.params))
        .isInstanceOfSatisfying(
            TrusteeException.class,
            e -> {
              assertThat(e.failure().step()).isEqualTo(TrusteeStep.T4);
              assertThat(e.failure().item()).contains("trustee 2").contains("coefficient 1");
            });
    c.checkAll();
    JointKey joint = c.combine();
    assertThat(joint.disqualified()).containsOnlyKeys(2);
    assertThat(joint.qualified()).containsExactly(1, 3);
    assertThat(joint.electionKey()).isEqualTo(Group.mulG(secretOf(c, List.of(1, 3))));
  }

  @Test
  void aProofOfKnowledgeForAnotherCoefficientIsRefused() throws Exception {
    TestCeremony c = new TestCeremony(3, 2).dealAll();
    Deal d = c.deals.get(0);
    List<SchnorrProof> proofs = List.of(d.proofs().get(1), d.proofs().get(0));
    Deal bad = new Deal(d.dealer(), d.commitments(), proofs, d.shares());
    assertThatThrownBy(() -> bad.verify(c.params))
        .isInstanceOfSatisfying(
            TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(TrusteeStep.T4));
  }

  @Test
  void aDealFromAnotherElectionIsRefused() throws Exception {
    TestCeremony other = new TestCeremony(3, 2, (byte) 9).dealAll();
    TestCeremony c = new TestCeremony(3, 2);
    assertThatThrownBy(() -> other.deals.get(0).verify(c.params))
        .isInstanceOfSatisfying(
            TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(TrusteeStep.T4));
  }

  @Test
  void wrongShareNamesItsDealerAndAnHonestAnswerIsAccepted() throws Exception {
    TestCeremony c = new TestCeremony(3, 2).dealAll();
    // Dealer 2 sends trustee 3 a value that is not f_2(3), correctly encrypted.
    Deal d = c.deals.get(1);
    Point p3 = c.announcements.get(2).encryptionKey();
    EncryptedShare wrong =
        EncryptedShare.encrypt(
            c.params.ceremonyHash(), 2, 3, p3, c.trustee(2).polynomial().at(3).add(Scalar.ONE));
    c.deals.set(1, new Deal(2, d.commitments(), d.proofs(), List.of(d.shareFor(1), wrong)));
    Trustee.CheckOutcome out = c.trustee(3).check(c.deals);
    assertThat(out.report().accused()).containsExactly(2);
    assertThat(out.problems())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.step()).isEqualTo(TrusteeStep.T5);
              assertThat(f.item()).contains("trustee 2").contains("to trustee 3");
            });
    c.checkAll();
    // Without an answer, dealer 2 is disqualified.
    assertThat(c.combine().disqualified()).containsOnlyKeys(2);
    // The dealer answers with the true share: accepted, nobody is disqualified.
    c.answers.add(c.trustee(2).answer(3));
    JointKey joint = c.combine();
    assertThat(joint.disqualified()).isEmpty();
    c.finishAll(joint);
    assertThat(Group.mulG(c.trustee(3).finalShare().orElseThrow())).isEqualTo(joint.publicShare(3));
  }

  @Test
  void anAnswerRevealingAWrongShareDisqualifiesTheDealer() throws Exception {
    TestCeremony c = new TestCeremony(3, 2).dealAll();
    Deal d = c.deals.get(0);
    Point p2 = c.announcements.get(1).encryptionKey();
    Scalar bogus = Scalar.of(12345);
    EncryptedShare wrong = EncryptedShare.encrypt(c.params.ceremonyHash(), 1, 2, p2, bogus);
    c.deals.set(0, new Deal(1, d.commitments(), d.proofs(), List.of(wrong, d.shareFor(3))));
    c.checkAll();
    byte[] ch = c.params.ceremonyHash();
    Scalar d1 = c.trustee(1).encryptionSecret();
    c.answers.add(
        new ComplaintAnswer(
            1, 2, bogus, SchnorrProof.prove(ComplaintAnswer.TAG, ch, 1, 2, d1, bogus.toBytes())));
    JointKey joint = c.combine();
    assertThat(joint.disqualified()).containsOnlyKeys(1);
    assertThat(joint.disqualified().get(1)).contains("T7").contains("does not match");
  }

  @Test
  void aShareReplayedFromAnotherDealerOrCeremonyDoesNotDecrypt() throws Exception {
    TestCeremony c = new TestCeremony(3, 2).dealAll();
    EncryptedShare from1 = c.deals.get(0).shareFor(3);
    EncryptedShare relabelled = new EncryptedShare(2, 3, from1.ephemeral(), from1.ciphertext());
    Deal d = c.deals.get(1);
    c.deals.set(1, new Deal(2, d.commitments(), d.proofs(), List.of(d.shareFor(1), relabelled)));
    assertThat(c.trustee(3).check(c.deals).problems())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("does not decrypt"));

    TestCeremony other = new TestCeremony(3, 2, (byte) 9);
    // Same trustee secrets cannot be assumed across ceremonies; replay the bytes instead.
    assertThatThrownBy(
            () -> from1.decrypt(other.params.ceremonyHash(), c.trustee(3).encryptionSecret()))
        .isInstanceOfSatisfying(
            TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(TrusteeStep.T5));
  }

  @Test
  void tooFewQualifiedTrusteesStopsTheCeremonyWithAPlan() throws Exception {
    TestCeremony c = new TestCeremony(3, 3).dealAll();
    Deal d = c.deals.get(2);
    c.deals.set(
        2,
        new Deal(
            3,
            d.commitments(),
            List.of(d.proofs().get(0), d.proofs().get(0), d.proofs().get(2)),
            d.shares()));
    c.checkAll();
    assertThatThrownBy(c::combine)
        .isInstanceOfSatisfying(
            TrusteeException.class,
            e -> {
              assertThat(e.failure().step()).isEqualTo(TrusteeStep.T8);
              assertThat(e.getMessage()).contains("Run a new ceremony");
            });
  }

  @Test
  void missingMessagesAreNamed() throws Exception {
    TestCeremony c = new TestCeremony(3, 2).dealAll().checkAll();
    c.reports.remove(1);
    assertThatThrownBy(c::combine)
        .isInstanceOfSatisfying(
            TrusteeException.class,
            e -> {
              assertThat(e.failure().step()).isEqualTo(TrusteeStep.T6);
              assertThat(e.failure().item()).contains("trustee 2");
            });
    c.announcements.remove(0);
    assertThatThrownBy(c::combine)
        .isInstanceOfSatisfying(
            TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(TrusteeStep.T2));
  }

  @Test
  void aForgedCheckReportIsRefused() throws Exception {
    TestCeremony c = new TestCeremony(3, 2).dealAll().checkAll();
    CheckReport r = c.reports.get(0);
    c.reports.set(0, new CheckReport(1, new java.util.TreeSet<>(List.of(2)), r.signature()));
    assertThatThrownBy(c::combine)
        .isInstanceOfSatisfying(
            TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(TrusteeStep.T6));
  }

  @Test
  void parametersAreChecked() {
    assertThatThrownBy(() -> CeremonyParameters.of(new byte[32], 4, List.of("a", "b", "c")))
        .hasMessageContaining("T1");
    assertThatThrownBy(() -> CeremonyParameters.of(new byte[32], 1, List.of("a", "a")))
        .hasMessageContaining("used twice");
    assertThatThrownBy(() -> CeremonyParameters.of(new byte[32], 1, List.of("a".repeat(201))))
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> CeremonyParameters.of(new byte[31], 1, List.of("a")))
        .hasMessageContaining("32 bytes");
  }
}
