package org.urna.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SignatureBatch;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * Ed25519 signatures of ballot tracking codes (32-byte messages, two station keys as in the
 * generated records), per signature: one by one with Bouncy Castle against one {@link
 * SignatureBatch} of a record chunk's 4,096 (docs/benchmarks.md, "Election record").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class SignatureBenchmark {
  static final int N = 4096;
  final VerifyingKey[] keys = new VerifyingKey[N];
  final byte[][] messages = new byte[N][32];
  final Signature[] signatures = new Signature[N];

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    SigningKey[] stations = {SigningKey.generate(random), SigningKey.generate(random)};
    for (int i = 0; i < N; i++) {
      random.nextBytes(messages[i]);
      SigningKey k = stations[i % 2];
      keys[i] = k.publicKey();
      signatures[i] = k.sign(messages[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int oneByOne() {
    int ok = 0;
    for (int i = 0; i < N; i++) {
      ok += keys[i].verifies(messages[i], signatures[i]) ? 1 : 0;
    }
    if (ok != N) {
      throw new IllegalStateException("a good signature failed");
    }
    return ok;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public boolean batchOf4096() {
    SignatureBatch batch = new SignatureBatch();
    for (int i = 0; i < N; i++) {
      batch.add(keys[i], messages[i], signatures[i]);
    }
    if (!batch.verifies()) {
      throw new IllegalStateException("a batch of good signatures failed");
    }
    return true;
  }
}
