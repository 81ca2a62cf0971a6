package org.urna.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Equation;
import org.urna.core.crypto.LinearCheck;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;
import org.urna.core.crypto.SignatureBatch;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.Station;

/**
 * Checks one recorded ballot on its own (steps V2-V6, V8, V9; V1 is decoding, V7 and V10 need the
 * station's whole sequence: {@link RecordVerifier}). All proof equations of the ballot are checked
 * at once with random weights; only when that fails is each proof checked alone to name it.
 */
public final class BallotVerifier {
  private final ElectionManifest manifest;
  private final ElectionKey key;

  public BallotVerifier(ElectionManifest manifest, ElectionKey key) {
    this.manifest = manifest;
    this.key = key;
  }

  public ElectionKey key() {
    return key;
  }

  /** Every failure of this ballot; empty when it verifies. */
  public List<VerificationFailure> verify(RecordedBallot recorded) {
    List<VerificationFailure> failures = new ArrayList<>(verifyStatement(recorded));
    if (!failures.isEmpty()) {
      return failures;
    }
    LinearCheck check = new LinearCheck();
    check.addAll(proofEquations(recorded.ballot()));
    if (!check.holds(key)) {
      failures.addAll(nameFailedProofs(recorded.ballot()));
    }
    return failures;
  }

  /**
   * The checks that need no proof arithmetic: V2, V3, V4, V8 and V9. {@link BatchVerifier} runs
   * these per ballot and the proofs of many ballots together.
   */
  public List<VerificationFailure> verifyStatement(RecordedBallot recorded) {
    return verifyStatement(recorded, null);
  }

  /**
   * The same checks, but the V8 signature, when the station is known, is added to {@code
   * signatures} instead of checked here ({@code null}: checked here). The caller reports {@link
   * #badSignature} for each ballot whose signature the batch names as {@link
   * SignatureBatch#failing()}.
   */
  public List<VerificationFailure> verifyStatement(
      RecordedBallot recorded, SignatureBatch signatures) {
    EncryptedBallot b = recorded.ballot();
    String item = "ballot " + b.ballotId();
    List<VerificationFailure> failures = new ArrayList<>();
    if (!java.util.Arrays.equals(b.extendedHash(), key.extendedHash())) {
      failures.add(new VerificationFailure(Step.V2, item, "it was made for another election"));
      return failures;
    }
    Optional<BallotStyle> style = manifest.ballotStyle(b.ballotStyleId());
    if (style.isEmpty()) {
      failures.add(
          new VerificationFailure(Step.V2, item, "unknown ballot style " + b.ballotStyleId()));
      return failures;
    }
    Optional<String> shape = shapeMismatch(b, manifest.contestsOf(style.get()));
    shape.ifPresent(s -> failures.add(new VerificationFailure(Step.V2, item, s)));
    if (!failures.isEmpty()) {
      return failures;
    }
    Optional<Station> station = manifest.station(b.stationId());
    if (station.isEmpty()) {
      failures.add(new VerificationFailure(Step.V3, item, "unknown station " + b.stationId()));
      return failures;
    }
    if (!manifest.votingWindow().containsHour(b.epochHour())) {
      failures.add(
          new VerificationFailure(
              Step.V4, item, "recorded in hour " + b.epochHour() + ", outside the voting window"));
    }
    if (signatures != null) {
      signatures.add(
          station.get().key(),
          RecordedBallot.signatureMessage(b.extendedHash(), b.stationId(), recorded.code()),
          recorded.signature());
    } else if (!recorded.signedBy(station.get().key())) {
      failures.add(badSignature(recorded));
    }
    if (recorded.state() == BallotState.CHALLENGED) {
      EncryptedBallot again =
          new BallotEncryptor(manifest, key)
              .encrypt(
                  recorded.reveal().claimed(),
                  b.ballotId(),
                  b.stationId(),
                  b.epochHour(),
                  recorded.reveal().seed());
      if (!again.equals(b)) {
        failures.add(
            new VerificationFailure(
                Step.V9, item, "re-encrypting the revealed choices gives different ciphertexts"));
      }
    }
    return failures;
  }

  /** The V8 failure of a ballot whose station's key does not verify its signature. */
  public static VerificationFailure badSignature(RecordedBallot recorded) {
    EncryptedBallot b = recorded.ballot();
    return new VerificationFailure(
        Step.V8,
        "ballot " + b.ballotId(),
        "the signature does not verify with the key of " + b.stationId());
  }

  private static Optional<String> shapeMismatch(EncryptedBallot b, List<Contest> contests) {
    if (b.contests().size() != contests.size()) {
      return Optional.of(
          "it has " + b.contests().size() + " contests, the style has " + contests.size());
    }
    for (int i = 0; i < contests.size(); i++) {
      Contest c = contests.get(i);
      EncryptedContest ec = b.contests().get(i);
      if (!ec.contestId().equals(c.id()) || ec.limit() != c.limit()) {
        return Optional.of("contest " + i + " should be " + c.id() + " with limit " + c.limit());
      }
      List<String> ids = ec.selections().stream().map(EncryptedSelection::selectionId).toList();
      if (!ids.equals(c.selectionIds())) {
        return Optional.of("contest " + c.id() + " does not list the manifest's selections");
      }
    }
    return Optional.empty();
  }

  /** Every proof equation of the ballot (V5 and V6). */
  public List<Equation> proofEquations(EncryptedBallot b) {
    List<Equation> eqs = new ArrayList<>();
    for (EncryptedContest c : b.contests()) {
      for (EncryptedSelection s : c.selections()) {
        eqs.addAll(
            s.proof()
                .equations(
                    key,
                    EncryptedBallot.selectionLabel(b.ballotId(), c.contestId(), s.selectionId()),
                    s.ciphertext()));
      }
      ElGamalCiphertext sum = c.sum();
      List<Point> alphas = new ArrayList<>();
      List<Point> betas = new ArrayList<>();
      for (EncryptedSelection s : c.selections()) {
        alphas.add(s.ciphertext().alpha());
        betas.add(s.ciphertext().beta());
      }
      for (Equation e :
          c.limitProof()
              .equations(key, EncryptedBallot.contestLabel(b.ballotId(), c.contestId()), sum)) {
        eqs.add(expandSum(e, sum, alphas, betas));
      }
    }
    return eqs;
  }

  /**
   * The same equation with every term on the contest's sum ciphertext written as terms on the
   * selections' ciphertexts ({@code s·Σα_i = Σ s·α_i}): the multi-scalar multiplication then has
   * two fewer full-size points per contest, since those terms merge into the selections' own.
   */
  private static Equation expandSum(
      Equation e, ElGamalCiphertext sum, List<Point> alphas, List<Point> betas) {
    List<Point> points = new ArrayList<>();
    List<Scalar> scalars = new ArrayList<>();
    for (int i = 0; i < e.points().size(); i++) {
      Point p = e.points().get(i);
      Scalar s = e.scalars().get(i);
      List<Point> parts = p == sum.alpha() ? alphas : p == sum.beta() ? betas : List.of(p);
      for (Point part : parts) {
        points.add(part);
        scalars.add(s);
      }
    }
    return new Equation(e.item(), e.g(), e.k(), points, scalars);
  }

  /** Checks each proof alone and names the ones that fail. */
  public List<VerificationFailure> nameFailedProofs(EncryptedBallot b) {
    List<VerificationFailure> failures = new ArrayList<>();
    String item = "ballot " + b.ballotId();
    for (EncryptedContest c : b.contests()) {
      for (EncryptedSelection s : c.selections()) {
        String label = EncryptedBallot.selectionLabel(b.ballotId(), c.contestId(), s.selectionId());
        if (!s.proof().verify(key, label, s.ciphertext())) {
          failures.add(
              new VerificationFailure(
                  Step.V5,
                  item + " contest " + c.contestId() + " selection " + s.selectionId(),
                  "the 0-or-1 proof does not verify"));
        }
      }
      String label = EncryptedBallot.contestLabel(b.ballotId(), c.contestId());
      if (!c.limitProof().verify(key, label, c.sum())) {
        failures.add(
            new VerificationFailure(
                Step.V6,
                item + " contest " + c.contestId(),
                "the proof that at most " + c.limit() + " selections are marked does not verify"));
      }
    }
    return failures;
  }
}
