package org.urna.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.urna.core.crypto.FixedBaseTable;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/** Fixed-base multiplication by window width (docs/benchmarks.md, "Ballot cryptography"). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class FixedBaseBenchmark {
  @Param({"8", "10", "11", "12", "13"})
  int windowBits;

  FixedBaseTable g;
  FixedBaseTable k;
  final Scalar[] scalars = new Scalar[64];
  int next;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    g = new FixedBaseTable(Group.G, windowBits);
    k = new FixedBaseTable(Group.mulG(Scalar.random(random)).normalize(), windowBits);
    for (int i = 0; i < scalars.length; i++) {
      scalars[i] = Scalar.random(random);
    }
  }

  /** One multiplication of G, then one of a second base, as encryption alternates them. */
  @Benchmark
  public Point twoBasesAlternating() {
    Scalar s = scalars[next++ & 63];
    g.multiply(s);
    return k.multiply(s);
  }

  /** Building one table (what an election key costs at start-up). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Measurement(iterations = 3, time = 2)
  public FixedBaseTable buildTable() {
    return new FixedBaseTable(Group.G, windowBits);
  }
}
