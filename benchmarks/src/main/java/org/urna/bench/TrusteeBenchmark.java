package org.urna.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Scalar;
import org.urna.tally.Ceremony;
import org.urna.tally.CeremonyParameters;
import org.urna.tally.CheckReport;
import org.urna.tally.Combiner;
import org.urna.tally.Deal;
import org.urna.tally.DecryptionShareSet;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.JointKey;
import org.urna.tally.KeyAnnouncement;
import org.urna.tally.ShareVerifier;
import org.urna.tally.Trustee;
import org.urna.tally.TrusteeException;

/**
 * The trustees' costs (docs/benchmarks.md, "Trustees"): a whole key ceremony with n trustees on one
 * machine, and per encrypted total a decryption share with its proof, its verification, and the
 * combination of k shares into a count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class TrusteeBenchmark {
  static final int TOTALS = 100;

  @Param({"3", "5", "7"})
  int n;

  CeremonyParameters params;
  JointKey joint;
  List<Trustee> trustees;
  List<EncryptedTotal> totals;
  List<DecryptionShareSet> sets;

  static CeremonyParameters params(int n) throws TrusteeException {
    return CeremonyParameters.of(
        new byte[32], n / 2 + 1, IntStream.rangeClosed(1, n).mapToObj(i -> "T" + i).toList());
  }

  /** Every trustee's work and one public combination, in sequence: what the ceremony costs. */
  static JointKey ceremony(CeremonyParameters p, List<Trustee> out) throws TrusteeException {
    List<Trustee> ts = new ArrayList<>();
    List<KeyAnnouncement> ann = new ArrayList<>();
    for (int i = 1; i <= p.size(); i++) {
      Trustee t = Trustee.create(p, i);
      ts.add(t);
      ann.add(t.announce());
    }
    List<Deal> deals = new ArrayList<>();
    for (Trustee t : ts) {
      deals.add(t.deal(ann));
    }
    List<CheckReport> reports = new ArrayList<>();
    for (Trustee t : ts) {
      reports.add(t.check(deals).report());
    }
    JointKey joint = Ceremony.combine(p, new Ceremony.Published(ann, deals, reports, List.of()));
    for (Trustee t : ts) {
      t.finish(joint, deals, List.of());
    }
    out.addAll(ts);
    return joint;
  }

  @Setup
  public void setUp() throws TrusteeException {
    params = params(n);
    trustees = new ArrayList<>();
    joint = ceremony(params, trustees);
    ElectionKey key = joint.toElectionKey();
    SecureRandom rnd = new SecureRandom();
    totals = new ArrayList<>();
    for (int i = 0; i < TOTALS; i++) {
      // A total of about 500 votes: the discrete log then takes one giant step.
      ElGamalCiphertext ct = key.encrypt(400 + rnd.nextInt(200), Scalar.random(rnd));
      totals.add(new EncryptedTotal("c", "s" + i, ct));
    }
    sets = new ArrayList<>();
    for (int j = 1; j <= params.threshold(); j++) {
      sets.add(trustees.get(j - 1).decrypt(joint, totals));
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public JointKey keyCeremony() throws TrusteeException {
    return ceremony(params, new ArrayList<>());
  }

  @Benchmark
  @OperationsPerInvocation(TOTALS)
  public DecryptionShareSet decryptionSharePerTotal() throws TrusteeException {
    return trustees.getFirst().decrypt(joint, totals);
  }

  @Benchmark
  @OperationsPerInvocation(TOTALS)
  public Object verifySharePerTotal() {
    return ShareVerifier.verify(joint, totals, sets.getFirst());
  }

  @Benchmark
  @OperationsPerInvocation(TOTALS)
  public Combiner.Combination combineKSharesPerTotal() throws TrusteeException {
    return Combiner.combine(joint, totals, sets);
  }
}
