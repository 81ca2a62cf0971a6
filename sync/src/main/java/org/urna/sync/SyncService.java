package org.urna.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.outbox.Inclusion;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.ballotbox.outbox.OutboxEntry;
import org.urna.core.ballot.BallotId;
import org.urna.core.role.Role;
import org.urna.sync.SyncStatus.CheckpointSeen;
import org.urna.sync.SyncStatus.Progress;
import org.urna.sync.SyncStatus.RaisedAlarm;
import org.urna.sync.SyncStatus.SyncError;
import org.urna.sync.ledger.LedgerCallException;
import org.urna.sync.ledger.LedgerLink;
import org.urna.sync.ledger.SubmitVerdict;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.TrustPolicy.Verdict;

/**
 * Forwards the ballot box's outbox to the ledger (docs/spec/sync.md). One virtual thread runs
 * rounds: send the oldest pending ballots in chain order, a batch at a time; then fetch inclusion
 * proofs for submitted ballots and mark a ballot confirmed only when its proof verifies against a
 * checkpoint signed by a trusted log key, cosigned by a quorum of trusted validators and consistent
 * with the last checkpoint this kiosk verified. Failures to reach the ledger are retried with
 * exponential backoff and jitter; anything that shows the ledger lying raises a sticky {@link
 * SyncAlarm}. Status changes go to listeners (on the sync thread: the UI hops to its own).
 */
public final class SyncService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  private final BallotBox box;
  private final SyncConfig config;
  private final LedgerLink link;
  private final SyncStateFiles files;
  private final CheckpointGuard guard;
  private final ProofFetcher fetcher;
  private final Backoff backoff;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nudge = lock.newCondition();
  private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
  private final Map<BallotId, Instant> missingSince = new HashMap<>();
  private boolean nudged;
  private volatile boolean running;
  private Thread worker;
  private volatile RaisedAlarm alarm;
  private volatile SyncError lastError;
  private volatile SyncStatus status;
  private int failures;
  private long drainTotal;
  private long drainSent;
  private boolean boxMatchesLedger;
  private final StationEventOutbox.Reader events = new StationEventOutbox.Reader();
  private final Map<Long, Instant> eventMissingSince = new HashMap<>();
  private volatile long eventsConfirmed;
  private long eventsSubmitted;
  private volatile boolean eventsRefusedByLedger;

  private SyncService(BallotBox box, SyncConfig config, Clock clock, RandomGenerator random) {
    this.box = box;
    this.config = config;
    this.clock = clock;
    this.link =
        new LedgerLink(
            config.endpoints(),
            config.connectTimeout(),
            config.requestTimeout(),
            config.ledgerCa().map(LedgerLink::trusting));
    this.files = new SyncStateFiles(config.stateDirectory());
    this.guard = new CheckpointGuard(config.policy(), link, files);
    this.fetcher = new ProofFetcher(link, config.proofParallelism());
    this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), random);
  }

  /** Opens the sync for a box: restores the last verified checkpoint and a standing alarm. */
  public static SyncService open(BallotBox box, SyncConfig config) {
    return open(box, config, Clock.systemUTC(), RandomGenerator.of("L64X128MixRandom"));
  }

  public static SyncService open(
      BallotBox box, SyncConfig config, Clock clock, RandomGenerator random) {
    SyncService s = new SyncService(box, config, clock, random);
    try {
      Optional<SyncAlarm> standing = s.files.alarm();
      standing.ifPresent(a -> s.alarm = new RaisedAlarm(a, clock.instant()));
      s.eventsConfirmed = s.files.eventsConfirmed();
      s.eventsSubmitted = s.eventsConfirmed;
      Optional<org.urna.tlog.SignedNote> saved = s.files.checkpoint();
      if (saved.isPresent()) {
        s.guard.restore(saved.get());
      }
      s.recheckConfirmations();
    } catch (AlarmRaised e) {
      s.raise(e.alarm());
    } catch (IOException | LedgerFormatException e) {
      s.raise(new SyncAlarm.DamagedRecord("cannot read the sync state files: " + e.getMessage()));
    }
    s.publish();
    return s;
  }

  /**
   * The ballot box re-checks each stored inclusion proof against its stored checkpoint at open, but
   * not the checkpoint's signatures: it has no trust policy. Here every checkpoint a confirmation
   * rests on is checked against the trusted policy; a box holding confirmations the trusted
   * validators never signed (rewritten by someone with the file) raises the alarm.
   */
  private void recheckConfirmations() throws AlarmRaised {
    // many ballots rest on one checkpoint: each distinct note is checked once
    Map<java.nio.ByteBuffer, Optional<String>> verdicts = new HashMap<>();
    java.util.Map<org.urna.core.ballot.BallotId, String> refused =
        box.confirmationsRefusedBy(
            note ->
                verdicts.computeIfAbsent(java.nio.ByteBuffer.wrap(note), k -> noteRefusal(note)));
    if (!refused.isEmpty()) {
      var first = refused.entrySet().iterator().next();
      throw new AlarmRaised(
          new SyncAlarm.DamagedRecord(
              refused.size()
                  + " ballots are marked confirmed in the ballot box on checkpoints the trusted"
                  + " validators did not sign (ballot "
                  + first.getKey()
                  + ": "
                  + first.getValue()
                  + ")"));
    }
  }

  private Optional<String> noteRefusal(byte[] note) {
    try {
      return switch (config.policy().check(org.urna.tlog.SignedNote.parse(note))) {
        case org.urna.tlog.TrustPolicy.Verdict.Trusted t -> Optional.empty();
        case org.urna.tlog.TrustPolicy.Verdict.Untrusted u -> Optional.of(u.why());
      };
    } catch (LedgerFormatException e) {
      return Optional.of("the stored note is not a checkpoint: " + e.getMessage());
    }
  }

  /** Starts the sync thread (a virtual thread). */
  public synchronized void start() {
    if (worker != null) {
      return;
    }
    running = true;
    worker = Thread.ofVirtual().name("sync-" + box.stationId()).start(this::loop);
  }

  /** Asks for a round now (the kiosk calls this after each cast). */
  public void wake() {
    lock.lock();
    try {
      nudged = true;
      nudge.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** False once the ledger answered that it does not take station events (an older ledger). */
  public boolean takesEvents() {
    return !eventsRefusedByLedger;
  }

  public SyncStatus status() {
    return status;
  }

  public void addListener(Consumer<SyncStatus> listener) {
    listeners.add(listener);
    listener.accept(status);
  }

  public void removeListener(Consumer<SyncStatus> listener) {
    listeners.remove(listener);
  }

  /**
   * A poll worker has read the alarm and called the election office: the alarm is cleared (and an
   * audit entry written) and sync resumes; if the ledger still misbehaves it is raised again.
   */
  public void acknowledgeAlarm() {
    RaisedAlarm a = alarm;
    if (a == null) {
      return;
    }
    try {
      files.clearAlarm();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the alarm file", e);
    }
    alarm = null;
    box.appendAudit(Role.POLL_WORKER, "sync-alarm-acknowledged", a.alarm().kind());
    publish();
    wake();
  }

  private void loop() {
    while (running) {
      Duration wait;
      try {
        wait = runOnce();
      } catch (RuntimeException e) {
        // the box or a state file failed: keep the words, back off, keep every ballot
        failures++;
        lastError =
            new SyncError(
                "Sync could not use the ballot box or its files; it will try again ("
                    + e.getMessage()
                    + ")",
                clock.instant());
        LOG.warn("Sync round failed: {}", e.toString());
        publish();
        wait = backoff.delay(failures);
      }
      pause(wait);
    }
  }

  private void pause(Duration wait) {
    lock.lock();
    try {
      long nanos = wait.toNanos();
      while (running && !nudged && nanos > 0) {
        nanos = nudge.awaitNanos(nanos);
      }
      nudged = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * One round (submit a batch, then confirm what has proofs); returns how long to wait before the
   * next one. For tests and a command line that run the sync by hand: never call it while the
   * service's own thread runs ({@link #start()}).
   */
  public Duration runOnce() {
    if (alarm != null) {
      publish();
      return config.pollInterval();
    }
    boolean failed = false;
    boolean more = false;
    try {
      if (!boxMatchesLedger) {
        checkBoxAgainstLedger();
      }
      events.readNew(box);
      more = submitEvents();
      more |= submitBatch();
      more |= submitEvents();
      more |= confirm();
      more |= confirmEvents();
    } catch (LedgerCallException e) {
      failed = true;
      lastError = new SyncError(words(e), clock.instant());
      LOG.info("Ledger call failed: {} {}", e.kind(), e.getMessage());
    } catch (AlarmRaised e) {
      raise(e.alarm());
    }
    if (failed) {
      failures++;
    } else {
      failures = 0;
      lastError = null;
    }
    OutboxCounts c = publish();
    if (alarm != null) {
      return config.pollInterval();
    }
    if (failed) {
      return backoff.delay(failures);
    }
    if (c.pending() > 0 || more) {
      return Duration.ZERO;
    }
    return c.submitted() > 0 || eventsSubmitted > eventsConfirmed || !unsentEvents().isEmpty()
        ? config.confirmInterval()
        : config.pollInterval();
  }

  /**
   * Before this service sends its first ballot (decision 0064): does the ledger hold ballots of
   * this station that the box does not have? Every ballot the ledger holds was sent by a box, and a
   * box only grows, so an honest box always holds at least as many as the ledger counts for its
   * station. More on the ledger means the box lost its last ballots: put back from an older copy
   * together with its signed head (which the box's own checks cannot see), or the like. Every
   * validator is asked ({@code GET /v1/stations}); a majority of the configured validators counting
   * more ballots than the box holds raises the alarm, so that one lying validator can neither raise
   * it nor, while a majority answers, keep the check from passing. Passed once, it is not asked
   * again while this service runs (the box cannot be put back while it is open).
   */
  private void checkBoxAgainstLedger() throws LedgerCallException, AlarmRaised {
    String station = box.stationId();
    long inBox = box.counts().recorded();
    List<java.net.URI> endpoints = link.endpoints();
    Map<java.net.URI, Long> counts = new LinkedHashMap<>();
    LedgerCallException last = null;
    List<java.util.concurrent.Future<Long>> asked = new ArrayList<>();
    try (var ask = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (java.net.URI e : endpoints) {
        asked.add(ask.submit(() -> link.stationCount(e, station)));
      }
      for (int i = 0; i < endpoints.size(); i++) {
        try {
          counts.put(endpoints.get(i), asked.get(i).get());
        } catch (java.util.concurrent.ExecutionException x) {
          if (x.getCause() instanceof LedgerCallException e) {
            last = e;
          } else {
            throw new IllegalStateException("asking the ledger for its station counts", x);
          }
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          throw new LedgerCallException(
              LedgerCallException.Kind.UNREACHABLE, "", "the sync was stopped", x);
        }
      }
    }
    if (counts.isEmpty()) {
      throw unsent(last);
    }
    int majority = endpoints.size() / 2 + 1;
    Map<java.net.URI, Long> beyond = new LinkedHashMap<>();
    counts.forEach(
        (e, n) -> {
          if (n > inBox) {
            beyond.put(e, n);
          }
        });
    if (beyond.size() >= majority) {
      long onLedger = beyond.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      throw new AlarmRaised(
          SyncAlarm.BoxBehindLedger.of(
              station, inBox, box.lastTrackingCode().display(), onLedger, beyond.toString()));
    }
    if (!beyond.isEmpty() && counts.size() < majority) {
      throw unsent(
          new LedgerCallException(
              LedgerCallException.Kind.BUSY,
              beyond.keySet().iterator().next().toString(),
              "too few validators answered to check the ballot box against the ledger ("
                  + beyond
                  + " count more ballots of station "
                  + station
                  + " than the box's "
                  + inBox
                  + ")",
              null));
    }
    if (!beyond.isEmpty()) {
      LOG.warn(
          "A minority of validators count more ballots of station {} than the box's {}: {}",
          station,
          inBox,
          beyond);
    }
    boxMatchesLedger = true;
  }

  /** The next batch was not sent because of {@code e}: its rows say why, as after a send. */
  private LedgerCallException unsent(LedgerCallException e) {
    String words = words(e);
    for (OutboxEntry entry : box.nextToSubmit(config.batchSize())) {
      box.markFailed(entry.ballotId(), words);
    }
    return e;
  }

  /**
   * How far the station's ballots are on the ledger: every chain position up to this one was
   * accepted (the box's recorded ballots before the first one still to send).
   */
  private long ballotsOnLedger() {
    OutboxCounts c = box.outboxCounts();
    List<OutboxEntry> next = box.nextToSubmit(1);
    return next.isEmpty()
        ? c.pending() + c.submitted() + c.confirmed()
        : next.getFirst().chainPosition() - 1;
  }

  /** The station's events queued and not yet accepted by the ledger, in order. */
  private List<org.urna.core.station.StationLifecycleEvent> unsentEvents() {
    if (eventsRefusedByLedger) {
      return List.of();
    }
    return events.events().stream().filter(e -> e.sequence() > eventsSubmitted).toList();
  }

  /**
   * Sends the station's queued lifecycle events whose ballots are all on the ledger (decision
   * 0344): the ledger takes an event only when it counts exactly the station's ballots it holds, so
   * an event goes after the ballots cast before it and before those cast after it.
   */
  private boolean submitEvents() throws LedgerCallException, AlarmRaised {
    List<org.urna.core.station.StationLifecycleEvent> due = new ArrayList<>();
    long through = -1;
    for (var e : unsentEvents()) {
      if (through < 0) {
        through = ballotsOnLedger();
      }
      if (e.ballots() > through || due.size() == 16) {
        break;
      }
      due.add(e);
    }
    if (due.isEmpty() || eventsRefusedByLedger) {
      return false;
    }
    List<SubmitVerdict> verdicts;
    try {
      verdicts = link.submitEvents(due.stream().map(e -> e.bytes()).toList()).value();
    } catch (LedgerCallException e) {
      if (e.kind() != LedgerCallException.Kind.NOT_FOUND) {
        throw e;
      }
      // a ledger that predates station events: the ballots must still go
      eventsRefusedByLedger = true;
      LOG.warn(
          "The ledger does not take station events; only ballots are sent: {}", e.getMessage());
      return false;
    }
    for (int i = 0; i < due.size(); i++) {
      var e = due.get(i);
      switch (verdicts.get(i)) {
        case SubmitVerdict.Accepted a -> eventsSubmitted = e.sequence();
        case SubmitVerdict.Rejected(String id, String reason) ->
            throw new AlarmRaised(
                new SyncAlarm.EventRefused(
                    "station event "
                        + e.sequence()
                        + " ("
                        + e.kind().words()
                        + ") refused: "
                        + reason));
      }
    }
    return true;
  }

  /** Confirms, in order, the events the ledger accepted: each by its inclusion proof. */
  private boolean confirmEvents() throws LedgerCallException, AlarmRaised {
    for (var e : events.events()) {
      if (e.sequence() <= eventsConfirmed) {
        continue;
      }
      if (e.sequence() > eventsSubmitted) {
        break;
      }
      LedgerLink.Answer<org.urna.tlog.InclusionProof> answer;
      try {
        answer = link.eventProof(e.stationId(), e.sequence());
      } catch (LedgerCallException x) {
        if (x.kind() != LedgerCallException.Kind.NOT_FOUND) {
          throw x;
        }
        if (!x.getMessage().contains("not yet under a cosigned checkpoint")) {
          Instant first = eventMissingSince.computeIfAbsent(e.sequence(), s -> clock.instant());
          if (Duration.between(first, clock.instant()).compareTo(config.resubmitAfter()) >= 0) {
            eventMissingSince.remove(e.sequence());
            eventsSubmitted = e.sequence() - 1;
          }
        }
        break;
      }
      Verdict.Trusted t = guard.admit(answer.value().checkpoint(), answer.endpoint());
      Optional<String> why =
          ConfirmationCheck.eventFailure(e.bytes(), answer.value(), t.checkpoint());
      if (why.isPresent()) {
        throw new AlarmRaised(
            new SyncAlarm.BadProof(
                answer.endpoint() + ", station event " + e.sequence() + ": " + why.get()));
      }
      try {
        files.saveEventsConfirmed(e.sequence());
      } catch (IOException x) {
        throw new UncheckedIOException("cannot save " + SyncStateFiles.EVENTS_CONFIRMED, x);
      }
      eventMissingSince.remove(e.sequence());
      eventsConfirmed = e.sequence();
    }
    return false;
  }

  private boolean submitBatch() throws LedgerCallException, AlarmRaised {
    List<OutboxEntry> batch = box.nextToSubmit(config.batchSize());
    List<org.urna.core.station.StationLifecycleEvent> waiting = unsentEvents();
    if (!waiting.isEmpty()) {
      // ballots cast after the next unsent event wait for it
      long cap = waiting.getFirst().ballots();
      batch = batch.stream().filter(b -> b.chainPosition() <= cap).toList();
    }
    if (batch.isEmpty()) {
      drainTotal = 0;
      drainSent = 0;
      return false;
    }
    List<byte[]> bytes = batch.stream().map(OutboxEntry::recordedBytes).toList();
    List<SubmitVerdict> verdicts;
    try {
      // the station signs the batch: one signature over every byte of it (docs/spec/sync.md)
      verdicts = link.submitSigned(bytes, box.signBatch(bytes).toBytes()).value();
    } catch (LedgerCallException e) {
      String words = words(e);
      for (OutboxEntry entry : batch) {
        box.markFailed(entry.ballotId(), words);
      }
      throw e;
    }
    List<BallotId> accepted = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      OutboxEntry entry = batch.get(i);
      SubmitVerdict v = verdicts.get(i);
      if (!v.ballotIdHex().equals(entry.ballotId().toHex())) {
        throw new LedgerCallException(
            LedgerCallException.Kind.MALFORMED,
            "",
            "the ledger answered for other ballots than those sent",
            null);
      }
      switch (v) {
        case SubmitVerdict.Accepted a -> accepted.add(entry.ballotId());
        case SubmitVerdict.Rejected(String id, String reason) -> {
          box.markSubmitted(accepted);
          drainSent += accepted.size();
          box.markFailed(entry.ballotId(), "refused by the ledger: " + reason);
          throw new AlarmRaised(
              new SyncAlarm.BallotRefused(
                  "ballot "
                      + id
                      + " at position "
                      + entry.chainPosition()
                      + " refused: "
                      + reason));
        }
      }
    }
    box.markSubmitted(accepted);
    drainSent += accepted.size();
    return true;
  }

  private boolean confirm() throws LedgerCallException, AlarmRaised {
    List<OutboxEntry> waiting = box.awaitingConfirmation(Math.max(config.batchSize(), 64));
    if (waiting.isEmpty()) {
      return false;
    }
    Map<Verdict.Trusted, List<Inclusion>> confirmed = new LinkedHashMap<>();
    Map<Verdict.Trusted, byte[]> notes = new LinkedHashMap<>();
    LedgerCallException transientFault = null;
    try {
      for (ProofFetcher.Fetched f : fetcher.fetch(waiting)) {
        switch (f) {
          case ProofFetcher.Fetched.Proven(OutboxEntry entry, var answer) -> {
            Verdict.Trusted t = guard.admit(answer.value().checkpoint(), answer.endpoint());
            Optional<String> why = ConfirmationCheck.failure(entry, answer.value(), t.checkpoint());
            if (why.isPresent()) {
              throw new AlarmRaised(
                  new SyncAlarm.BadProof(
                      answer.endpoint() + ", ballot " + entry.ballotId() + ": " + why.get()));
            }
            confirmed
                .computeIfAbsent(t, k -> new ArrayList<>())
                .add(
                    new Inclusion(
                        entry.ballotId(),
                        answer.value().index(),
                        answer.value().path().stream().map(h -> h.bytes()).toList()));
            notes.putIfAbsent(
                t,
                answer
                    .value()
                    .checkpoint()
                    .format()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            missingSince.remove(entry.ballotId());
          }
          case ProofFetcher.Fetched.Failed(OutboxEntry entry, LedgerCallException e) -> {
            if (e.kind() == LedgerCallException.Kind.NOT_FOUND) {
              notYetProven(entry, e);
            } else if (transientFault == null) {
              transientFault = e;
            }
          }
        }
      }
    } finally {
      confirmed.forEach(
          (t, proofs) ->
              box.markConfirmed(
                  proofs, notes.get(t), t.checkpoint().size(), t.checkpoint().root().bytes()));
    }
    if (transientFault != null) {
      throw transientFault;
    }
    return !confirmed.isEmpty() && waiting.size() >= Math.max(config.batchSize(), 64);
  }

  /** A 404: not yet under a checkpoint (wait), or unknown to the ledger (send again, later). */
  private void notYetProven(OutboxEntry entry, LedgerCallException e) {
    if (e.getMessage().contains("not yet under a cosigned checkpoint")) {
      missingSince.remove(entry.ballotId());
      return;
    }
    Instant first = missingSince.computeIfAbsent(entry.ballotId(), id -> clock.instant());
    if (Duration.between(first, clock.instant()).compareTo(config.resubmitAfter()) >= 0) {
      missingSince.remove(entry.ballotId());
      box.markFailed(entry.ballotId(), "the ledger does not have this ballot; sending it again");
    }
  }

  private void raise(SyncAlarm a) {
    alarm = new RaisedAlarm(a, clock.instant());
    LOG.error("Sync alarm {}: {}", a.kind(), a.details());
    try {
      files.saveAlarm(a);
    } catch (IOException e) {
      LOG.error("Cannot save the alarm file: {}", e.toString());
    }
    try {
      box.appendAudit(Role.KIOSK, "sync-alarm", a.kind());
    } catch (RuntimeException e) {
      LOG.error("Cannot write the alarm to the audit log: {}", e.toString());
    }
  }

  private synchronized OutboxCounts publish() {
    OutboxCounts c = box.outboxCounts();
    if (c.pending() == 0) {
      drainTotal = 0;
      drainSent = 0;
    } else {
      drainTotal = Math.max(drainTotal, drainSent + c.pending());
    }
    Optional<Progress> progress =
        drainTotal > 0 ? Optional.of(new Progress(drainSent, drainTotal)) : Optional.empty();
    Optional<CheckpointSeen> seen =
        guard
            .last()
            .map(
                t ->
                    new CheckpointSeen(
                        t.checkpoint().size(),
                        t.checkpoint().root().hex(),
                        Instant.ofEpochSecond(t.cosignedAt()),
                        clock.instant()));
    SyncStatus s =
        new SyncStatus(
            c.pending(),
            c.submitted(),
            c.confirmed(),
            seen,
            Optional.ofNullable(lastError),
            progress,
            Optional.ofNullable(alarm),
            running,
            new SyncStatus.Events(events.events().size(), eventsConfirmed, !eventsRefusedByLedger));
    status = s;
    for (Consumer<SyncStatus> l : listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.warn("A sync status listener failed: {}", e.toString());
      }
    }
    return c;
  }

  static String words(LedgerCallException e) {
    return switch (e.kind()) {
      case UNREACHABLE ->
          "The ledger cannot be reached. Ballots are kept in the ballot box and will be sent when"
              + " it is back.";
      case TIMED_OUT ->
          "The ledger did not answer in time. Ballots are kept in the ballot box and will be sent"
              + " again.";
      case BUSY -> "The ledger is busy. Ballots are kept in the ballot box and will be sent again.";
      case MALFORMED ->
          "The ledger sent an answer this kiosk cannot read. Ballots are kept in the ballot box and"
              + " will be sent again.";
      case NOT_FOUND, REFUSED -> "The ledger refused a request: " + e.getMessage();
    };
  }

  /** Stops the sync thread; the box stays open (its owner closes it). */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = worker;
      worker = null;
    }
    wake();
    if (t != null) {
      try {
        if (!t.join(Duration.ofSeconds(60))) {
          t.interrupt();
          t.join(TimeUnit.SECONDS.toMillis(10));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    fetcher.close();
    publish();
  }
}
