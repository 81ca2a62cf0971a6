package org.urna.kiosk.polls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.ballotbox.BallotCounts;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.TrustAnchor;
import org.urna.core.role.Role;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.hardware.printer.layout.Count;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.operator.Station;
import org.urna.kiosk.paper.ReceiptPrinterAdapter;
import org.urna.kiosk.station.BallotBoxStore;
import org.urna.kiosk.station.BallotStore;
import org.urna.kiosk.station.BallotStoreException;
import org.urna.kiosk.station.IdleTimer;
import org.urna.kiosk.station.VoterActivation;
import org.urna.kiosk.station.operator.AuditNote;
import org.urna.kiosk.voter.KioskSetup;
import org.urna.kiosk.voter.VoterKiosk;
import org.urna.sync.StationEventOutbox;

/**
 * The real station (decision 0340): opened from a {@link StationContext} with its devices, keeping
 * its state in {@code config.stateFolder()} (docs/spec/station-state.md): the station key, the
 * ballot box password, a verified copy of the loaded election package, the polls' state and the
 * audit journal kept before an election is loaded. Poll-worker actions are its methods; the poll
 * worker's screens call them on the station's worker.
 */
public final class StationRuntime implements Station {
  static final String PACKAGE_COPY = "election-package.json";
  static final String PASSWORD_FILE = "box-password";

  /** How long closing the polls waits for the ledger to confirm the last ballots. */
  static final Duration FINAL_SYNC_PATIENCE = Duration.ofSeconds(20);

  private final StationContext context;
  private final CardReader cardReader;
  private final ReceiptPrinter printer;
  private final Clock clock;
  private final Executor ui;
  private final ExecutorService worker;
  private final ScheduledExecutorService scheduler;
  private final Path state;
  private final StationJournal journal;
  private final Messages words;
  private final Activation activation = new Activation();
  private final StationLedger ledger;

  private PollsStateFile polls;
  private ElectionPackage election;
  private ElectionFingerprint fingerprint;
  private BallotBox box;
  private SigningKey stationKey;
  private String chainHead = StationJournal.GENESIS;
  private String armedStyle;
  private BoxRefusal boxRefusal;
  private VoterKiosk kiosk;
  private StackPane screen;
  private javafx.scene.Scene scene;
  private volatile boolean pollWorkerPresent;
  private long lastEvent;
  private boolean eventsKept = true;

  private StationRuntime(
      StationContext context,
      CardReader cardReader,
      ReceiptPrinter printer,
      Clock clock,
      Executor ui,
      ExecutorService worker,
      ScheduledExecutorService scheduler) {
    this.context = Objects.requireNonNull(context, "context");
    this.cardReader = Objects.requireNonNull(cardReader, "cardReader");
    this.printer = Objects.requireNonNull(printer, "printer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ui = Objects.requireNonNull(ui, "ui");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.state = context.config().stateFolder();
    try {
      Files.createDirectories(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.words = Messages.of(Messages.Area.POLLS, context.config().defaultLanguage());
    this.journal = new StationJournal(state);
    this.stationKey = StationKeys.load(state).orElse(null);
    this.polls = PollsStateFile.read(state);
    this.ledger = new StationLedger(context);
  }

  /**
   * The loaded election's ballot box refused to open when the station started (its file is behind
   * its signed head, damaged, changed, in use...): the box was left as it was and nothing can be
   * done on the election until the election office and a technician have looked at it.
   *
   * @param kind the box's reason
   * @param details the box's own message, for the technician
   */
  public record BoxRefusal(BallotBoxException.Kind kind, String details) {}

  /**
   * Opens the station. A station that had an election loaded opens its verified package copy and
   * its ballot box again, in the state its polls were left in.
   */
  public static StationRuntime open(
      StationContext context,
      CardReader cardReader,
      ReceiptPrinter printer,
      Clock clock,
      Executor ui,
      ExecutorService worker,
      ScheduledExecutorService scheduler) {
    StationRuntime s =
        new StationRuntime(context, cardReader, printer, clock, ui, worker, scheduler);
    s.resume();
    return s;
  }

  private void resume() {
    if (polls.state() == PollsState.NO_ELECTION) {
      return;
    }
    Path copy = state.resolve(PACKAGE_COPY);
    try {
      byte[] bytes = Files.readAllBytes(copy);
      election = ElectionPackage.load(bytes, anchor(), clock.instant());
      fingerprint = ElectionFingerprint.of(bytes);
    } catch (IOException | ElectionPackageException e) {
      throw new IllegalStateException(
          "The station's copy of the election package (" + copy + ") cannot be read: " + e, e);
    }
    if (!fingerprint.hex().equals(polls.election())) {
      throw new IllegalStateException(
          "The station's copy of the election package is not the one the polls state names.");
    }
    try {
      openBox();
      reconcileEvents();
    } catch (BallotBoxException e) {
      boxRefusal = new BoxRefusal(e.kind(), String.valueOf(e.getMessage()));
      journal.append(
          new AuditNote(Role.KIOSK, "ballot-box-refused", cut(e.kind() + ": " + e.getMessage())),
          clock.instant());
      chainHead = journal.head();
    }
  }

  // ---- Station ----

  @Override
  public StationContext context() {
    return context;
  }

  @Override
  public CardReader cardReader() {
    return cardReader;
  }

  @Override
  public ReceiptPrinter printer() {
    return printer;
  }

  @Override
  public synchronized void audit(AuditNote note) {
    if (box != null) {
      AuditEntry e = box.appendAudit(note.role(), note.action(), cut(note.details()));
      chainHead = HexFormat.of().formatHex(e.hash());
    } else {
      journal.append(note, clock.instant());
      chainHead = journal.head();
    }
  }

  @Override
  public synchronized Optional<BallotBox> ballotBox() {
    return Optional.ofNullable(box);
  }

  @Override
  public Parent publicScreen() {
    if (screen == null) {
      screen = new StackPane();
      screen.getStyleClass().add("polls-public-screen");
      refreshScreen();
    }
    return screen;
  }

  @Override
  public boolean voterSessionOpen() {
    VoterKiosk k = kiosk;
    return k != null && k.viewModel().holdsVoterData();
  }

  @Override
  public boolean voterNeedsPollWorker() {
    VoterKiosk k = kiosk;
    return k != null && k.viewModel().needsPollWorker();
  }

  @Override
  public void pollWorkerPresent(boolean present) {
    pollWorkerPresent = present;
    VoterKiosk k = kiosk;
    if (k != null) {
      k.viewModel().setPollWorkerPresent(present);
    }
  }

  @Override
  public void attach(javafx.scene.Scene scene) {
    this.scene = scene;
    VoterKiosk k = kiosk;
    if (k != null) {
      k.attach(scene);
    }
  }

  @Override
  public synchronized void close() {
    ledger.boxClosing();
    if (box != null) {
      box.close();
      box = null;
    }
  }

  /** The station's link to the ledger (decision 0343). */
  @Override
  public Optional<StationLedger> ledger() {
    return Optional.of(ledger);
  }

  /** Why the loaded election's ballot box did not open, when it did not. */
  public synchronized Optional<BoxRefusal> boxRefusal() {
    return Optional.ofNullable(boxRefusal);
  }

  // ---- what the poll worker's screens read ----

  public synchronized PollsState pollsState() {
    return polls.state();
  }

  public synchronized Optional<ElectionPackage> election() {
    return Optional.ofNullable(election);
  }

  public synchronized Optional<ElectionFingerprint> fingerprint() {
    return Optional.ofNullable(fingerprint);
  }

  /** The box's counts; zeros before an election is loaded. */
  @Override
  public synchronized BallotCounts counts() {
    return box == null ? new BallotCounts(0, 0, 0) : box.counts();
  }

  /** The head of the audit chain as last appended (hex). */
  public synchronized String chainHead() {
    return chainHead;
  }

  /** Why the station cannot load an election yet, or empty when it has its key. */
  public synchronized Optional<String> missingKey() {
    return stationKey == null ? Optional.of(words.text("station.noKey")) : Optional.empty();
  }

  public Messages words(String language) {
    return Messages.of(Messages.Area.POLLS, language);
  }

  // ---- load the election ----

  /**
   * Finds and checks the election package for a poll worker to confirm; reads only. A refusal is
   * audited (the audit journal is the only file that changes).
   */
  public PackageCheck.Checked checkPackage(Role by, String language) throws PackageRefusal {
    Messages m = words(language);
    SigningKey key;
    synchronized (this) {
      key = stationKey;
    }
    try {
      if (key == null) {
        throw new PackageRefusal(
            PackageRefusal.Reason.NO_STATION_KEY, m.text("station.noKey"), "no station key");
      }
      Path file = PackageCheck.find(context.config().packageFolders(), m);
      PackageCheck.Checked c =
          PackageCheck.check(file, anchor(), context.config().stationId(), key, clock.instant(), m);
      synchronized (this) {
        if (polls.closedElections().contains(c.fingerprint().hex())) {
          throw new PackageRefusal(
              PackageRefusal.Reason.ALREADY_LOADED, m.text("load.closedHere"), "closed here");
        }
        if (polls.state() != PollsState.NO_ELECTION && polls.state() != PollsState.CLOSED) {
          throw new PackageRefusal(
              PackageRefusal.Reason.ALREADY_LOADED,
              m.text("load.alreadyLoaded"),
              "state " + polls.state());
        }
        Optional<String> afterReset = resetRefusal(c.pkg().extendedHash(), m);
        if (afterReset.isPresent()) {
          throw new PackageRefusal(
              PackageRefusal.Reason.RESET_HERE, afterReset.get(), "reset here: " + lastReset());
        }
      }
      return c;
    } catch (PackageRefusal r) {
      audit(new AuditNote(by, "package-refused", r.reason() + ": " + r.detail()));
      throw r;
    }
  }

  /** Loads a checked package the poll worker confirmed: copies it, opens its ballot box. */
  public synchronized void load(PackageCheck.Checked c, Role by) {
    if (polls.state() != PollsState.NO_ELECTION && polls.state() != PollsState.CLOSED) {
      throw new PollsRefusal("already-loaded", words.text("load.alreadyLoaded"));
    }
    Optional<String> afterReset = resetRefusal(c.pkg().extendedHash(), words);
    if (afterReset.isPresent()) {
      throw new PollsRefusal("reset-here", afterReset.get());
    }
    ledger.boxClosing();
    if (box != null) {
      box.close();
      box = null;
    }
    StateFiles.writeAtomically(state.resolve(PACKAGE_COPY), c.bytes(), false);
    if (!Files.exists(state.resolve(PASSWORD_FILE))) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      StateFiles.writeAtomically(
          state.resolve(PASSWORD_FILE), Base64.getEncoder().withoutPadding().encode(secret), true);
    }
    election = c.pkg();
    fingerprint = c.fingerprint();
    polls = new PollsStateFile(PollsState.LOADED, fingerprint.hex(), polls.closedElections());
    polls.write(state);
    journal.append(
        new AuditNote(
            by, "election-loaded", election.manifest().electionId() + " " + fingerprint.hex()),
        clock.instant());
    openBox();
    boxRefusal = null;
    lastEvent = eventsBefore();
    eventsKept = true;
    ledgerEvent(by, Kind.ELECTION_LOADED, Optional.empty());
    audit(
        new AuditNote(
            by, "election-loaded", election.manifest().electionId() + " " + fingerprint.display()));
    refreshScreen();
  }

  private void openBox() {
    char[] password;
    try {
      password =
          new String(Files.readAllBytes(state.resolve(PASSWORD_FILE)), StandardCharsets.US_ASCII)
              .strip()
              .toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path folder = context.config().ballotBoxFolder();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    box =
        BallotBox.open(
            folder.resolve(election.manifest().electionId() + "-box"),
            password,
            election.manifest(),
            new ElectionKey(election.electionKey(), election.extendedHash()),
            context.config().stationId(),
            stationKey,
            clock);
    var o = box.outboxCounts();
    if (polls.state() != PollsState.CLOSED || o.pending() + o.submitted() > 0) {
      // a station restarted after closing still delivers what the ledger has not confirmed
      ledger.start(box, syncDirectory());
    }
  }

  // ---- open, pause, resume, close ----

  /** What a poll report printed, for the screen and the tests. */
  public record Printed(PollReports.Report report, PrintResult result) {}

  /**
   * Opens the polls: the zero check (VVSG 2.0 1.1.3-B), the voting window, then the zero report;
   * the polls are open once it printed.
   */
  public synchronized Printed openPolls(Role by, String language) {
    Messages m = words(language);
    requireState(PollsState.LOADED, "open", m);
    BallotCounts c = box.counts();
    if (c.cast() + c.challenged() + c.pending() != 0) {
      audit(
          new AuditNote(
              by,
              "zero-check-failed",
              c.cast() + " cast, " + c.challenged() + " challenged, " + c.pending() + " pending"));
      throw new PollsRefusal(
          "zero-check", m.text("open.notEmpty", c.cast(), c.challenged(), c.pending()));
    }
    var window = election.manifest().votingWindow();
    if (!window.contains(clock.instant())) {
      audit(new AuditNote(by, "open-refused", "outside the voting window " + window));
      throw new PollsRefusal(
          "window",
          m.text("open.outsideWindow", window.opens().toString(), window.closes().toString()));
    }
    audit(new AuditNote(by, "zero-check-passed", "0 ballots"));
    Printed p = print("zero", m, List.of());
    if (!(p.result() instanceof PrintResult.Printed)) {
      audit(new AuditNote(by, "zero-report-failed", String.valueOf(p.result())));
      throw new PollsRefusal("printer", m.text("report.notPrinted"));
    }
    // the signed event is the commit point: after a power cut here, reconcileEvents opens the polls
    ledgerEvent(by, Kind.POLLS_OPENED, Optional.of(p.report().hash()));
    transition(PollsState.OPEN);
    audit(new AuditNote(by, "polls-opened", "zero report " + p.report().hash()));
    return p;
  }

  public synchronized Printed pause(Role by, String language) {
    Messages m = words(language);
    requireState(PollsState.OPEN, "pause", m);
    requireNoVoter(m);
    Printed p = print("pause", m, List.of());
    ledgerEvent(by, Kind.POLLS_PAUSED, Optional.of(p.report().hash()));
    transition(PollsState.PAUSED);
    audit(
        new AuditNote(by, "polls-paused", counts().cast() + " cast; report " + p.report().hash()));
    return p;
  }

  public synchronized void resumePolls(Role by, String language) {
    Messages m = words(language);
    requireState(PollsState.PAUSED, "resume", m);
    ledgerEvent(by, Kind.POLLS_RESUMED, Optional.empty());
    transition(PollsState.OPEN);
    audit(new AuditNote(by, "polls-resumed", counts().cast() + " cast"));
  }

  /** Closes the polls for good (the screen asks twice before calling this). */
  public synchronized Printed closePolls(Role by, String language) {
    Messages m = words(language);
    requireBox(m);
    if (polls.state() != PollsState.OPEN && polls.state() != PollsState.PAUSED) {
      throw new PollsRefusal("state", m.text("state.refused." + polls.state().name()));
    }
    requireNoVoter(m);
    transition(PollsState.CLOSED);
    ledger.drain(FINAL_SYNC_PATIENCE);
    var o = box.outboxCounts();
    PollReports.Report closing =
        report(
            "closing",
            m,
            List.of(
                ledger.configured()
                    ? m.text("report.sync", o.pending() + o.submitted(), o.confirmed())
                    : m.text("report.noLedger")));
    ledgerEvent(by, Kind.POLLS_CLOSED, Optional.of(closing.hash()));
    Printed p = new Printed(closing, printer.print(closing.paper()));
    // the closing event goes with the last ballots before the sync stops
    ledger.drain(FINAL_SYNC_PATIENCE, lastEvent);
    ledger.stop();
    audit(
        new AuditNote(
            by,
            "polls-closed",
            counts().cast()
                + " cast; "
                + (o.pending() + o.submitted())
                + " not confirmed by the ledger; report "
                + p.report().hash()));
    return p;
  }

  /**
   * Arms the next voter's activation: it takes effect when the poll worker's session ends (card
   * out), so no voter sees a ballot while an operator card is in the reader (decision 0341).
   */
  public synchronized void armActivation(String ballotStyleId, Role by, String language) {
    Messages m = words(language);
    requireState(PollsState.OPEN, "activate", m);
    if (election.manifest().ballotStyle(ballotStyleId).isEmpty()) {
      throw new PollsRefusal("style", m.text("activate.noStyle", ballotStyleId));
    }
    armedStyle = ballotStyleId;
    audit(new AuditNote(by, "voter-activation-armed", ballotStyleId));
  }

  public synchronized Optional<String> armedActivation() {
    return Optional.ofNullable(armedStyle);
  }

  /** The operator's session ended (card out): an armed activation now opens the voter's ballot. */
  @Override
  public void operatorSessionEnded() {
    String style;
    synchronized (this) {
      style = polls.state() == PollsState.OPEN ? armedStyle : null;
      armedStyle = null;
    }
    refreshScreen();
    if (style != null) {
      ui.execute(() -> activation.fire(style));
    }
  }

  // ---- internals ----

  private void requireState(PollsState wanted, String action, Messages m) {
    requireBox(m);
    if (polls.state() != wanted) {
      throw new PollsRefusal("state", m.text("state.refused." + polls.state().name()));
    }
  }

  private void requireBox(Messages m) {
    if (boxRefusal != null) {
      throw new PollsRefusal("box", m.text("box.refused.short"));
    }
  }

  private void requireNoVoter(Messages m) {
    if (voterSessionOpen()) {
      throw new PollsRefusal("voter", m.text("state.voterSession"));
    }
  }

  private void transition(PollsState next) {
    polls = polls.with(next);
    polls.write(state);
    refreshScreen();
  }

  private Printed print(String kind, Messages m, List<String> extra) {
    PollReports.Report r = report(kind, m, extra);
    return new Printed(r, printer.print(r.paper()));
  }

  /**
   * Signs the station's lifecycle event and queues it in the ballot box for the ledger (decision
   * 0344), numbered after the last one; it counts the box's recorded ballots and carries the chain
   * head. Nothing for an election loaded before this station kept events.
   */
  private void ledgerEvent(Role by, Kind kind, Optional<String> reportHex) {
    if (!eventsKept || stationKey == null) {
      return;
    }
    var o = box.outboxCounts();
    StationLifecycleEvent e =
        StationLifecycleEvent.sign(
            stationKey,
            election.extendedHash(),
            context.config().stationId(),
            lastEvent + 1,
            kind,
            clock.instant().getEpochSecond(),
            o.pending() + o.submitted() + o.confirmed(),
            box.lastTrackingCode(),
            reportHex.map(HexFormat.of()::parseHex));
    StationEventOutbox.queue(box, by, e);
    lastEvent = e.sequence();
    ledger.wake();
  }

  /**
   * After a restart: the events queued in the box and the polls' state file agree again. An event
   * is queued before its state change is written (the event is the commit point), so a power cut
   * between the two is finished forward; closing writes its state first (voting stops before the
   * last sync), so a cut before its event queues the event now, with the closing report built again
   * (and not printed: the audit log says so). An election loaded before this station kept events
   * keeps none.
   */
  private void reconcileEvents() {
    List<StationLifecycleEvent> queued = StationEventOutbox.all(box);
    lastEvent = queued.isEmpty() ? eventsBefore() : queued.getLast().sequence();
    PollsState now = polls.state();
    if (queued.isEmpty()) {
      eventsKept = now == PollsState.LOADED;
      ledgerEvent(Role.KIOSK, Kind.ELECTION_LOADED, Optional.empty());
      return;
    }
    Kind last = queued.getLast().kind();
    if (last == Kind.RESET) {
      // a reset queued and not finished: no voting, and its event still goes to the ledger
      if (now != PollsState.CLOSED) {
        transition(PollsState.CLOSED);
        audit(new AuditNote(Role.KIOSK, "polls-state-restored", last.words() + " after a restart"));
      }
      ensureSync();
      return;
    }
    if ((last == Kind.POLLS_OPENED || last == Kind.POLLS_RESUMED)
        && (now == PollsState.LOADED || now == PollsState.PAUSED)) {
      transition(PollsState.OPEN);
      audit(new AuditNote(Role.KIOSK, "polls-state-restored", last.words() + " after a restart"));
    } else if (last == Kind.POLLS_PAUSED && now == PollsState.OPEN) {
      transition(PollsState.PAUSED);
      audit(new AuditNote(Role.KIOSK, "polls-state-restored", last.words() + " after a restart"));
    } else if (now == PollsState.CLOSED && last != Kind.POLLS_CLOSED) {
      PollReports.Report closing = report("closing", words, List.of());
      ledgerEvent(Role.KIOSK, Kind.POLLS_CLOSED, Optional.of(closing.hash()));
      audit(
          new AuditNote(
              Role.KIOSK,
              "closing-event-after-restart",
              "the station restarted while closing; closing report "
                  + closing.hash()
                  + " built, not printed"));
    }
  }

  // ---- service mode's safe reset (decision 0349) ----

  /**
   * Signs the station's reset event, counting the box's recorded ballots with its chain head, and
   * queues it in the box for the ledger: the reset's commit point. The polls are closed with it (no
   * ballot after a reset) and the sync runs until the ledger confirmed it. A reset queued already
   * is returned as it is. Empty when the station keeps no events for its election (none loaded, its
   * box refused, or loaded before stations kept events).
   */
  @Override
  public synchronized Optional<StationLifecycleEvent> queueReset(
      Role by, StationLifecycleEvent.ResetReason why) {
    if (box == null || boxRefusal != null) {
      return Optional.empty();
    }
    List<StationLifecycleEvent> queued = StationEventOutbox.all(box);
    if (!queued.isEmpty() && queued.getLast().kind() == Kind.RESET) {
      ensureSync();
      return Optional.of(queued.getLast());
    }
    if (!eventsKept || stationKey == null) {
      return Optional.empty();
    }
    requireNoVoter(words);
    var o = box.outboxCounts();
    long ballots = o.pending() + o.submitted() + o.confirmed();
    TrackingCode head = box.lastTrackingCode();
    StationLifecycleEvent e =
        StationLifecycleEvent.signReset(
            stationKey,
            election.extendedHash(),
            context.config().stationId(),
            lastEvent + 1,
            clock.instant().getEpochSecond(),
            ballots,
            head,
            why);
    StationEventOutbox.queue(box, by, e);
    lastEvent = e.sequence();
    audit(
        new AuditNote(
            by,
            "station-reset-queued",
            "event "
                + e.sequence()
                + ": "
                + why.words()
                + "; "
                + ballots
                + " ballots, chain head "
                + head.shortForm()));
    if (polls.state() != PollsState.CLOSED) {
      transition(PollsState.CLOSED);
      audit(new AuditNote(by, "polls-closed-by-reset", "no ballot is taken after a reset"));
    }
    ensureSync();
    return Optional.of(e);
  }

  /**
   * Waits, at most {@code patience}, until the ledger confirmed every ballot of the box and the
   * station's events up to number {@code sequence}; whether it did. False at once for a station
   * without a ledger.
   */
  @Override
  public boolean confirmedByLedger(long sequence, Duration patience) {
    BallotBox b;
    synchronized (this) {
      b = box;
    }
    if (b == null || !ledger.configured()) {
      return false;
    }
    ledger.drain(patience, sequence);
    var o = b.outboxCounts();
    return o.pending() + o.submitted() == 0 && eventsConfirmed() >= sequence;
  }

  /** The number of the station's last event the ledger proved it holds (0: none). */
  @Override
  public long eventsConfirmed() {
    long status = ledger.snapshot().sync().map(st -> st.events().confirmed()).orElse(0L);
    Path dir;
    synchronized (this) {
      dir = election == null ? null : syncDirectory();
    }
    return Math.max(status, dir == null ? 0 : StationEventOutbox.confirmed(dir));
  }

  /** The last reset of an election on this station, as its state folder keeps it. */
  public Optional<ResetNote> lastReset() {
    return ResetNote.read(state);
  }

  /** Why the election with this hash may not be loaded here again after a reset, if so. */
  private Optional<String> resetRefusal(byte[] extendedHash, Messages m) {
    Optional<ResetNote> note = lastReset().filter(n -> n.of(extendedHash));
    if (note.isEmpty()) {
      return Optional.empty();
    }
    ResetNote n = note.get();
    if (n.opened() || n.ballots() > 0) {
      return Optional.of(m.text("load.resetAfterOpening", n.ballots()));
    }
    if (!n.onLedger()) {
      return Optional.of(m.text("load.resetNotOnLedger"));
    }
    return Optional.empty();
  }

  /** The events of the loaded election before this box: those up to its last reset here. */
  private long eventsBefore() {
    return lastReset()
        .filter(n -> n.of(election.extendedHash()))
        .map(ResetNote::sequence)
        .orElse(0L);
  }

  private Path syncDirectory() {
    return state.resolve("sync-" + election.manifest().electionId());
  }

  private void ensureSync() {
    if (!ledger.running()) {
      ledger.start(box, syncDirectory());
    }
    ledger.wake();
  }

  private PollReports.Report report(String kind, Messages m, List<String> extra) {
    BallotCounts c = box.counts();
    List<Count> counts = new ArrayList<>();
    counts.add(new Count(m.text("count.cast"), c.cast()));
    counts.add(new Count(m.text("count.challenged"), c.challenged()));
    if (!kind.equals("zero")) {
      counts.add(new Count(m.text("count.voided"), voided()));
    }
    Optional<String> last =
        c.cast() + c.challenged() == 0
            ? Optional.empty()
            : Optional.ofNullable(box.lastTrackingCode()).map(TrackingCode::shortForm);
    PollReports.Report r =
        PollReports.build(
            new PollReports.Facts(
                kind.equals("pause") ? "pause" : kind,
                election.manifest().title().in(m.language(), election.manifest().electionId()),
                context.config().stationId(),
                LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()),
                counts,
                last,
                fingerprint,
                chainHead,
                ledger.configured()
                    ? ledger.latestCheckpointNote().flatMap(PollReports::checkpointLine)
                    : Optional.of(m.text("report.noLedger")),
                extra),
            m);
    return r;
  }

  private long voided() {
    return box.auditEntries(1, Integer.MAX_VALUE).stream()
        .filter(e -> e.action().contains("void"))
        .count();
  }

  private TrustAnchor anchor() {
    return TrustAnchor.fromHex(context.config().packageTrustAnchor());
  }

  private static String cut(String s) {
    return s.length() > AuditEntry.MAX_DETAILS ? s.substring(0, AuditEntry.MAX_DETAILS) : s;
  }

  private void refreshScreen() {
    StackPane s = screen;
    if (s == null) {
      return;
    }
    ui.execute(
        () -> {
          PollsState now = pollsState();
          Optional<BoxRefusal> refused = boxRefusal();
          if (refused.isPresent()) {
            s.getChildren().setAll(BoxRefusalView.of(refused.get(), words));
            return;
          }
          if (now == PollsState.OPEN) {
            VoterKiosk k = kioskForOpenPolls();
            s.getChildren().setAll(k.root());
            return;
          }
          if (kiosk != null && now == PollsState.CLOSED) {
            kiosk.viewModel().closePolls();
          }
          Label l = new Label(words.text("public." + now.name()));
          l.getStyleClass().add("polls-public-message");
          l.setWrapText(true);
          StackPane.setAlignment(l, Pos.CENTER);
          s.getChildren().setAll(l);
        });
  }

  private VoterKiosk kioskForOpenPolls() {
    if (kiosk == null) {
      KioskSetup setup =
          new KioskSetup(
              election.manifest(),
              new ElectionKey(election.electionKey(), election.extendedHash()),
              context.config().stationId(),
              new GuardedStore(new BallotBoxStore(box, stationKey)),
              new ReceiptPrinterAdapter(printer),
              new IdleTimer.Timeouts(Duration.ofSeconds(120), Duration.ofSeconds(30)),
              election
                  .manifest()
                  .lookupPageUri()
                  .map(Object::toString)
                  .orElse("https://example.invalid/"),
              clock,
              new SecureRandom(),
              ui,
              worker,
              scheduler);
      kiosk = new VoterKiosk(setup, activation);
      kiosk.viewModel().openPolls();
      kiosk.viewModel().setPollWorkerPresent(pollWorkerPresent);
      if (scene != null) {
        kiosk.attach(scene);
      }
    }
    return kiosk;
  }

  /** The kiosk's store: refuses every ballot once the polls are closed (decision 0340). */
  private final class GuardedStore implements BallotStore {
    private final BallotStore inner;

    GuardedStore(BallotStore inner) {
      this.inner = inner;
    }

    private void requireOpen() {
      if (pollsState() == PollsState.CLOSED) {
        throw new BallotStoreException(words.text("public.CLOSED"));
      }
    }

    @Override
    public void storePending(EncryptedBallot ballot, NonceSeed seed) {
      requireOpen();
      inner.storePending(ballot, seed);
    }

    @Override
    public RecordedBallot cast(BallotId id) {
      requireOpen();
      RecordedBallot r = inner.cast(id);
      ledger.wake();
      return r;
    }

    @Override
    public RecordedBallot challenge(BallotId id, PlaintextBallot claimed) {
      requireOpen();
      RecordedBallot r = inner.challenge(id, claimed);
      ledger.wake();
      return r;
    }
  }

  private static final class Activation implements VoterActivation {
    private volatile Consumer<String> target;

    @Override
    public void onActivate(Consumer<String> ballotStyleId) {
      target = ballotStyleId;
    }

    void fire(String style) {
      Consumer<String> t = target;
      if (t != null) {
        t.accept(style);
      }
    }
  }
}
