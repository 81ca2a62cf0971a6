package org.urna.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.BatchVerifier;

/** Encryption and verification of whole ballots (docs/benchmarks.md, "Ballot cryptography"). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class BallotBenchmark {
  BenchElection e;
  BallotEncryptor encryptor;
  BallotVerifier verifier;
  PlaintextBallot council;
  RecordedBallot councilRecorded;
  RecordedBallot referendumRecorded;
  List<RecordedBallot> referendumBatch;
  byte[] councilBytes;
  Scalar scalar;
  Point point;
  final SecureRandom random = new SecureRandom();

  @Setup
  public void setUp() {
    e = new BenchElection();
    encryptor = new BallotEncryptor(e.manifest, e.key);
    verifier = new BallotVerifier(e.manifest, e.key);
    Random r = new Random(1);
    council = e.ballot("four-by-five", r);
    councilRecorded = record(council);
    councilBytes = councilRecorded.toBytes();
    referendumRecorded = record(e.ballot("referendum", r));
    referendumBatch = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      referendumBatch.add(record(e.ballot("referendum", r)));
    }
    scalar = Scalar.random(random);
    point = Group.mulG(Scalar.random(random)).normalize();
  }

  private RecordedBallot record(PlaintextBallot p) {
    EncryptedBallot b =
        encryptor.encrypt(
            p, BallotId.random(random), "s1", BenchElection.HOUR, NonceSeed.random(random));
    return RecordedBallot.record(
        b, BallotState.CAST, null, TrackingCode.seed(e.key.extendedHash(), "s1"), e.stationKey);
  }

  /** 20 selections (4 contests × 5), every proof: goal ≤ 2 ms. */
  @Benchmark
  public EncryptedBallot encryptCouncilBallot() {
    return encryptor.encrypt(
        council, BallotId.random(random), "s1", BenchElection.HOUR, NonceSeed.random(random));
  }

  /** Decode + every check of one 20-selection ballot, signature included: goal ≤ 6 ms. */
  @Benchmark
  public Object verifyCouncilBallot() {
    return verifier.verify(RecordedBallot.decode(councilBytes));
  }

  @Benchmark
  public Object verifyReferendumBallot() {
    return verifier.verify(referendumRecorded);
  }

  /** 2,000 referendum ballots on two threads: ops/s × 2000 = ballots/s; goal ≥ 4,000/s. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Measurement(iterations = 5, time = 4)
  public Object batchVerify2000ReferendumBallots() {
    return new BatchVerifier(verifier, 2).verify(referendumBatch);
  }

  @Benchmark
  public Point fixedBaseMultiplication() {
    return Group.mulG(scalar);
  }

  @Benchmark
  public Point variableBaseMultiplication() {
    return point.multiply(scalar);
  }

  @Benchmark
  public Point pointDecode() {
    return Point.decode(councilBytes.length > 0 ? point.toBytes() : null);
  }
}
