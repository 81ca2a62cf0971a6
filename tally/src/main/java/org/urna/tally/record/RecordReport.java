package org.urna.tally.record;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/** What the verifier found: per step the items checked and the failures, and facts to print. */
public final class RecordReport {
  /** At most this many failures per step are printed (all are counted). */
  public static final int PRINTED_PER_STEP = 20;

  private final Map<RecordStep, AtomicLong> checked = new EnumMap<>(RecordStep.class);
  private final Map<RecordStep, String> skipped = new EnumMap<>(RecordStep.class);

  /**
   * At most this many failures are kept per step, the first in the printed order (all are counted),
   * so that a record of a million failing ballots does not fill the memory.
   */
  public static final int KEPT_PER_STEP = 1_000;

  private static final Comparator<RecordFailure> ORDER =
      Comparator.comparing(RecordFailure::step)
          .thenComparing(RecordFailure::item)
          .thenComparing(RecordFailure::detail);

  private final Map<RecordStep, TreeSet<RecordFailure>> kept = new EnumMap<>(RecordStep.class);
  private final Map<RecordStep, Long> failedCounts = new EnumMap<>(RecordStep.class);
  private final List<String> facts = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public RecordReport() {
    for (RecordStep s : RecordStep.values()) {
      checked.put(s, new AtomicLong());
    }
  }

  private final Map<RecordStep, Long> nanos = new EnumMap<>(RecordStep.class);

  /** Time spent in the method that runs {@code step} (and the steps it runs with it). */
  public synchronized void timed(RecordStep step, long n) {
    nanos.merge(step, n, Long::sum);
  }

  /** Nanoseconds per step method, for benchmarks (never printed in the report). */
  public synchronized Map<RecordStep, Long> timings() {
    return new EnumMap<>(nanos);
  }

  public void checked(RecordStep step, long n) {
    checked.get(step).addAndGet(n);
  }

  public synchronized void fail(RecordStep step, String item, String detail) {
    failedCounts.merge(step, 1L, Long::sum);
    TreeSet<RecordFailure> set = kept.computeIfAbsent(step, s -> new TreeSet<>(ORDER));
    set.add(new RecordFailure(step, item, detail));
    if (set.size() > KEPT_PER_STEP) {
      set.pollLast();
    }
  }

  /**
   * Counts {@code n} more failures of {@code step} that are not kept by name (they come after the
   * {@link #KEPT_PER_STEP} kept ones in the printed order).
   */
  public synchronized void failUnnamed(RecordStep step, long n) {
    if (n > 0) {
      failedCounts.merge(step, n, Long::sum);
    }
  }

  public synchronized void skip(RecordStep step, String why) {
    skipped.putIfAbsent(step, why);
  }

  public void fact(String line) {
    facts.add(line);
  }

  public void note(String line) {
    notes.add(line);
  }

  public synchronized boolean holds() {
    return failedCounts.isEmpty() && skipped.isEmpty();
  }

  /** The failures kept (at most {@link #KEPT_PER_STEP} a step), sorted by step, item and detail. */
  public synchronized List<RecordFailure> failures() {
    List<RecordFailure> out = new ArrayList<>();
    kept.values().forEach(out::addAll);
    out.sort(ORDER);
    return out;
  }

  /** Every failure of {@code step}, kept or not. */
  public synchronized long failed(RecordStep step) {
    return failedCounts.getOrDefault(step, 0L);
  }

  /** Every failure of every step. */
  public synchronized long failedTotal() {
    return failedCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long checkedCount(RecordStep step) {
    return checked.get(step).get();
  }

  /** The whole report as the command prints it on standard output. */
  public void print(PrintStream out) {
    out.println("Urna election record verifier (docs/spec/election-record.md)");
    facts.forEach(out::println);
    for (String n : notes) {
      out.println("note: " + n);
    }
    List<RecordFailure> all = failures();
    if (failedTotal() > 0) {
      out.println();
      out.println("Failures:");
      Map<RecordStep, Integer> shown = new EnumMap<>(RecordStep.class);
      for (RecordFailure f : all) {
        int n = shown.merge(f.step(), 1, Integer::sum);
        if (n <= PRINTED_PER_STEP) {
          out.println("  " + f);
        } else if (n == PRINTED_PER_STEP + 1) {
          out.println(
              "  "
                  + f.step()
                  + " "
                  + f.step().label()
                  + ": ... and "
                  + (failed(f.step()) - PRINTED_PER_STEP)
                  + " more");
        }
      }
    }
    out.println();
    out.println(
        String.format(Locale.ROOT, "%-4s %9s %7s  %s", "step", "checked", "failed", "what"));
    for (RecordStep s : RecordStep.values()) {
      String state = skipped.containsKey(s) ? "NOT RUN: " + skipped.get(s) : s.title();
      out.println(
          String.format(
              Locale.ROOT,
              "%-4s %,9d %7s  %s",
              s,
              checked.get(s).get(),
              failed(s) == 0 ? "0" : String.format(Locale.ROOT, "%,d", failed(s)),
              state));
    }
    out.println();
    if (holds()) {
      out.println("VERIFIED: every step holds.");
    } else {
      List<String> steps = new ArrayList<>();
      for (RecordStep s : RecordStep.values()) {
        if (failed(s) > 0 || skipped.containsKey(s)) {
          steps.add(s.toString());
        }
      }
      out.println(
          "NOT VERIFIED: "
              + failedTotal()
              + " failure(s); steps failed or not run: "
              + String.join(", ", steps)
              + ".");
    }
  }
}
