package org.urna.tally;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * One trustee's secrets and the steps only it can perform (docs/spec/trustees.md 4 and 5): its
 * encryption key d, its polynomial f, and after the ceremony its final share {@code s_j = Σ_(i in
 * QUAL) f_i(j)}. Kept between steps in a passphrase-encrypted {@link TrusteeKeyFile}.
 */
public final class Trustee {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CeremonyParameters params;
  private final int index;
  private final Scalar encryptionSecret;
  private final Polynomial polynomial;
  private Scalar finalShare;

  Trustee(
      CeremonyParameters params,
      int index,
      Scalar encryptionSecret,
      Polynomial polynomial,
      Scalar finalShare) {
    this.params = params;
    this.index = index;
    this.encryptionSecret = encryptionSecret;
    this.polynomial = polynomial;
    this.finalShare = finalShare;
  }

  /** A new trustee i of the ceremony, with fresh secrets. */
  public static Trustee create(CeremonyParameters params, int index) throws TrusteeException {
    params.requireIndex(index, TrusteeStep.T1, "this trustee");
    return new Trustee(
        params, index, Scalar.random(RANDOM), Polynomial.random(params.threshold(), RANDOM), null);
  }

  public CeremonyParameters params() {
    return params;
  }

  public int index() {
    return index;
  }

  Scalar encryptionSecret() {
    return encryptionSecret;
  }

  Polynomial polynomial() {
    return polynomial;
  }

  public Optional<Scalar> finalShare() {
    return Optional.ofNullable(finalShare);
  }

  /** Step 1: the encryption key with its proof of possession. */
  public KeyAnnouncement announce() {
    return new KeyAnnouncement(
        index,
        Group.mulG(encryptionSecret).normalize(),
        SchnorrProof.prove(
            KeyAnnouncement.PROOF_TAG, params.ceremonyHash(), index, 0, encryptionSecret));
  }

  /** Step 2: commitments, proofs of knowledge, and a share encrypted to every other trustee. */
  public Deal deal(List<KeyAnnouncement> announcements) throws TrusteeException {
    Map<Integer, Point> keys = Ceremony.encryptionKeys(params, announcements);
    byte[] c = params.ceremonyHash();
    Point[] commitments = polynomial.commitments();
    List<SchnorrProof> proofs = new ArrayList<>();
    for (int j = 0; j < polynomial.size(); j++) {
      proofs.add(SchnorrProof.prove(Deal.PROOF_TAG, c, index, j, polynomial.coefficient(j)));
    }
    List<EncryptedShare> shares = new ArrayList<>();
    for (int j = 1; j <= params.size(); j++) {
      if (j != index) {
        shares.add(EncryptedShare.encrypt(c, index, j, keys.get(j), polynomial.at(j)));
      }
    }
    return new Deal(index, Arrays.asList(commitments), proofs, shares);
  }

  /** What {@link #check} found: the signed report and one failure per accused dealer. */
  public record CheckOutcome(CheckReport report, List<TrusteeFailure> problems) {}

  /**
   * Step 3: verifies every deal (T3, T4), decrypts this trustee's share from each and checks it
   * against the commitments (T5). A dealer whose share fails is accused in the signed report; a
   * deal that fails T3/T4 is a problem everyone sees, reported but not accused.
   */
  public CheckOutcome check(List<Deal> deals) {
    List<TrusteeFailure> problems = new ArrayList<>();
    SortedSet<Integer> accused = new TreeSet<>();
    byte[] c = params.ceremonyHash();
    for (Deal d : deals) {
      if (d.dealer() == index) {
        continue;
      }
      try {
        d.verify(params);
      } catch (TrusteeException e) {
        problems.add(e.failure());
        continue;
      }
      try {
        receivedShare(c, d);
      } catch (TrusteeException e) {
        problems.add(e.failure());
        accused.add(d.dealer());
      }
    }
    SchnorrProof sig =
        SchnorrProof.prove(
            CheckReport.TAG, c, index, 0, encryptionSecret, CheckReport.message(accused));
    return new CheckOutcome(new CheckReport(index, accused, sig), problems);
  }

  private Scalar receivedShare(byte[] c, Deal d) throws TrusteeException {
    Scalar s = d.shareFor(index).decrypt(c, encryptionSecret);
    if (!Group.mulG(s).equals(d.expectedSharePoint(index))) {
      throw new TrusteeException(
          TrusteeStep.T5,
          "share from " + params.describe(d.dealer()) + " to " + params.describe(index),
          "does not match the dealer's commitments");
    }
    return s;
  }

  /** Step 4 (only when accused): reveals the share this dealer sent to the complaining trustee. */
  public ComplaintAnswer answer(int complainant) throws TrusteeException {
    params.requireIndex(complainant, TrusteeStep.T7, "the complaint");
    if (complainant == index) {
      throw new IllegalArgumentException("a trustee does not answer its own complaint");
    }
    Scalar s = polynomial.at(complainant);
    return new ComplaintAnswer(
        index,
        complainant,
        s,
        SchnorrProof.prove(
            ComplaintAnswer.TAG,
            params.ceremonyHash(),
            index,
            complainant,
            encryptionSecret,
            s.toBytes()));
  }

  /**
   * Step 5: the final share {@code s_j = Σ_(i in QUAL) s_ij}, using a revealed share where this
   * trustee complained; checked against the public share K_j (T9).
   */
  public Scalar finish(JointKey joint, List<Deal> deals, List<ComplaintAnswer> answers)
      throws TrusteeException {
    String item = "final share of " + params.describe(index);
    if (!joint.params().equals(params)) {
      throw new TrusteeException(TrusteeStep.T9, item, "the joint key is for another ceremony");
    }
    Point expected = joint.publicShare(index);
    if (expected == null) {
      throw new TrusteeException(
          TrusteeStep.T9, item, "this trustee was disqualified and holds no share");
    }
    byte[] c = params.ceremonyHash();
    Map<Integer, Deal> byDealer = new TreeMap<>();
    deals.forEach(d -> byDealer.put(d.dealer(), d));
    Scalar sum = Scalar.ZERO;
    for (int i : joint.qualified()) {
      Scalar s;
      if (i == index) {
        s = polynomial.at(index);
      } else {
        Deal d = byDealer.get(i);
        if (d == null) {
          throw new TrusteeException(
              TrusteeStep.T9, item, "the deal of trustee " + i + " is missing");
        }
        Optional<ComplaintAnswer> revealed =
            answers.stream().filter(a -> a.dealer() == i && a.recipient() == index).findFirst();
        if (revealed.isPresent()
            && Group.mulG(revealed.get().share()).equals(d.expectedSharePoint(index))) {
          s = revealed.get().share();
        } else {
          s = receivedShare(c, d);
        }
      }
      sum = sum.add(s);
    }
    if (!Group.mulG(sum).equals(expected)) {
      throw new TrusteeException(
          TrusteeStep.T9, item, "does not match the public share in the joint key");
    }
    finalShare = sum;
    return sum;
  }

  /**
   * This trustee's decryption share of every total, each with its Chaum-Pedersen proof against its
   * public share K_j (docs/spec/trustees.md 6.1). Needs the final share from {@link #finish}.
   */
  public DecryptionShareSet decrypt(JointKey joint, List<EncryptedTotal> totals)
      throws TrusteeException {
    String item = "decryption by " + params.describe(index);
    if (finalShare == null) {
      throw new TrusteeException(
          TrusteeStep.T9, item, "this trustee has no final share yet: run 'urna trustee finish'");
    }
    Point kj = joint.publicShare(index);
    if (!joint.params().equals(params) || kj == null || !Group.mulG(finalShare).equals(kj)) {
      throw new TrusteeException(
          TrusteeStep.T9, item, "this key file does not hold a share of this joint key");
    }
    byte[] q = joint.extendedHash();
    List<DecryptionShare> shares = new ArrayList<>();
    for (EncryptedTotal t : totals) {
      Point m = t.ciphertext().alpha().multiply(finalShare).normalize();
      Scalar u = ShareProof.nonce(finalShare, t.label(), t.ciphertext());
      ShareProof proof =
          ShareProof.prove(q, t.label(), index, kj, t.ciphertext(), m, finalShare, u);
      shares.add(new DecryptionShare(index, t.contestId(), t.selectionId(), m, proof));
    }
    return new DecryptionShareSet(index, q, shares);
  }
}
