package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.urna.ballotbox.BoxFile.Durability;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;

/**
 * Random sequences of store, cast, challenge and refused operations against a model: the counts
 * match the model, every refusal is typed, and the chain links up before and after reopening.
 */
class BallotBoxProperties {
  private static final int POOL = 10;
  private static final List<TestBox.Made> BALLOTS = pool();

  enum Op {
    STORE,
    CAST,
    CHALLENGE
  }

  private static List<TestBox.Made> pool() {
    Random random = new Random(5);
    List<TestBox.Made> made = new ArrayList<>();
    for (int i = 0; i < POOL; i++) {
      made.add(TestBox.ballot("referendum", random));
    }
    return made;
  }

  @Provide
  Arbitrary<List<Tuple2<Op, Integer>>> operations() {
    return Arbitraries.of(Op.class)
        .flatMap(op -> Arbitraries.integers().between(0, POOL - 1).map(i -> Tuple.of(op, i)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(16);
  }

  @Property(tries = 12)
  void randomSequencesKeepTheChainValidAndTheCountsRight(
      @ForAll("operations") List<Tuple2<Op, Integer>> ops) throws IOException {
    Path dir = Files.createTempDirectory("box-property");
    try {
      Path path = dir.resolve("box");
      Map<Integer, String> model = new HashMap<>();
      try (BallotBox box = open(path)) {
        for (Tuple2<Op, Integer> t : ops) {
          apply(box, model, t.get1(), t.get2());
        }
        check(box, model);
      }
      try (BallotBox box = open(path)) {
        check(box, model);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static BallotBox open(Path path) {
    return BallotBox.open(
        path,
        TestBox.PASSWORD.toCharArray(),
        TestBox.ELECTION.manifest,
        TestBox.ELECTION.key,
        "s1",
        TestBox.ELECTION.stationKey,
        TestBox.CLOCK,
        Durability.WRITE);
  }

  private static void apply(BallotBox box, Map<Integer, String> model, Op op, int i) {
    TestBox.Made m = BALLOTS.get(i);
    String now = model.get(i);
    BallotBoxException.Kind expected =
        switch (op) {
          case STORE -> now == null ? null : BallotBoxException.Kind.DUPLICATE_BALLOT;
          case CAST, CHALLENGE ->
              now == null
                  ? BallotBoxException.Kind.UNKNOWN_BALLOT
                  : switch (now) {
                    case "CAST" -> BallotBoxException.Kind.ALREADY_CAST;
                    case "CHALLENGED" -> BallotBoxException.Kind.ALREADY_CHALLENGED;
                    default -> null;
                  };
        };
    Runnable call =
        switch (op) {
          case STORE -> () -> box.storePending(m.ballot(), m.seed());
          case CAST -> () -> box.cast(m.id(), TestBox.ELECTION.stationKey);
          case CHALLENGE -> () -> box.challenge(m.id(), m.plaintext(), TestBox.ELECTION.stationKey);
        };
    if (expected != null) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              BallotBoxException.class, e -> assertThat(e.kind()).isEqualTo(expected));
      return;
    }
    call.run();
    model.put(
        i,
        switch (op) {
          case STORE -> "PENDING";
          case CAST -> "CAST";
          case CHALLENGE -> "CHALLENGED";
        });
  }

  private static void check(BallotBox box, Map<Integer, String> model) {
    long cast = model.values().stream().filter("CAST"::equals).count();
    long challenged = model.values().stream().filter("CHALLENGED"::equals).count();
    long pending = model.values().stream().filter("PENDING"::equals).count();
    assertThat(box.counts()).isEqualTo(new BallotCounts(cast, challenged, pending));
    List<RecordedBallot> chain = new ArrayList<>();
    box.forEachRecorded(chain::add);
    TrackingCode prev = TrackingCode.seed(TestBox.ELECTION.key.extendedHash(), "s1");
    for (RecordedBallot rb : chain) {
      assertThat(rb.previous()).isEqualTo(prev);
      assertThat(rb.signedBy(TestBox.ELECTION.stationKey.publicKey())).isTrue();
      int index = BALLOTS.stream().map(TestBox.Made::id).toList().indexOf(rb.ballotId());
      assertThat(rb.state()).isEqualTo(BallotState.valueOf(model.get(index)));
      prev = rb.code();
    }
    assertThat(box.lastTrackingCode()).isEqualTo(prev);
    assertThat(box.outboxCounts().total()).isEqualTo(chain.size());
  }
}
