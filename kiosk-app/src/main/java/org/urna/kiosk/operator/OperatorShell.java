package org.urna.kiosk.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.ballotbox.BallotCounts;
import org.urna.core.io.AtomicFiles;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.PinResult;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.role.AuthenticationResult;
import org.urna.hardware.card.role.CardCheck;
import org.urna.hardware.card.role.PinUpdate;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.role.RoleCertificate;
import org.urna.hardware.card.role.RoleSession;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.station.operator.AuditNote;
import org.urna.kiosk.station.operator.InactivityTimeout;
import org.urna.kiosk.station.operator.OperatorCard;
import org.urna.kiosk.station.operator.OperatorEvent;
import org.urna.kiosk.station.operator.OperatorSession;
import org.urna.kiosk.station.operator.OperatorState;
import org.urna.kiosk.ui.KioskControls;
import org.urna.kiosk.voter.VoterShell;

/**
 * What the station's screen is (decision 0342): the public screen (the voter's kiosk, or "no
 * election loaded", "paused", "closed") while no operator is signed in; the card reader watched; a
 * card read and checked, then its PIN asked on the station's own {@link PinPad}; after the card
 * proved its PIN, the screens of its role ({@link OperatorMode}) under a header that names the
 * operator and the ballot counts. Every change of the operator session goes through {@link
 * OperatorSession} and is audited; taking the card out always signs out; an untouched session ends
 * after the configured inactivity time-out. An election manager resets a blocked card here (PUK,
 * new PIN twice); every operator can change their PIN, and is offered to at a card's first sign-in
 * at this station.
 *
 * <p>Threads: the shell lives on the FX thread; card I/O and audit writes run on the station's
 * worker; results come back through {@code ui}. A card taken out or swapped while its I/O runs
 * makes the result stale: it is dropped (every insert and removal starts a new generation).
 */
public final class OperatorShell {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorShell.class);

  /** How long one card operation may take. */
  static final Duration CARD_TIMEOUT = Duration.ofSeconds(10);

  /** How long an election manager has to insert the card to reset. */
  public static final Duration RESET_WINDOW = Duration.ofMinutes(2);

  /** The file (in the station's state folder) of card serials that signed in here before. */
  static final String KNOWN_CARDS = "operator-cards";

  private final Station station;
  private final RoleCardAuthenticator authenticator;
  private final Map<Role, OperatorMode> modes;
  private final OperatorSession rules;
  private final Duration timeout;
  private final Clock clock;
  private final Executor ui;
  private final ExecutorService worker;
  private final ScheduledExecutorService scheduler;
  private final Path knownCards;

  private final StackPane root = new StackPane();
  private final BorderPane frame = new BorderPane();
  private final Label counts = new Label();
  private final Label banner = new Label();
  private final List<Consumer<OperatorState>> listeners = new ArrayList<>();

  private String language;
  private boolean contrast;
  private OperatorState state = new OperatorState.LoggedOut();
  private String reader;
  private long generation;
  private boolean reading;
  private RoleCertificate certificate;
  private RoleSession session;
  private OperatorMode mode;
  private Parent modeScreen;
  private Node content;
  private String message = "";
  private String notice = "";
  private boolean sessionEndPending;
  private ScheduledFuture<?> ticker;
  private volatile boolean stopped;

  public OperatorShell(
      Station station,
      RoleCardAuthenticator authenticator,
      Map<Role, OperatorMode> modes,
      InactivityTimeout timeout,
      String language,
      Clock clock,
      Executor ui,
      ExecutorService worker,
      ScheduledExecutorService scheduler) {
    this.station = Objects.requireNonNull(station, "station");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.modes = Map.copyOf(modes);
    this.rules = new OperatorSession(timeout);
    this.timeout = timeout.value();
    this.language = Objects.requireNonNull(language, "language");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ui = Objects.requireNonNull(ui, "ui");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.knownCards = station.context().config().stateFolder().resolve(KNOWN_CARDS);
    root.getStyleClass().addAll("kiosk-root", "size-2", "theme-standard", "operator-root");
    root.getStylesheets().add(VoterShell.class.getResource(VoterShell.STYLESHEET).toExternalForm());
    root.setId("station-root");
    root.getChildren().add(frame);
    counts.setId("operator-counts");
    counts.setWrapText(true);
    counts.setMinHeight(Region.USE_PREF_SIZE);
    banner.setId("operator-banner");
    banner.setWrapText(true);
    banner.getStyleClass().add("notice");
    banner.setMaxWidth(Double.MAX_VALUE);
    root.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> activity());
    root.addEventFilter(KeyEvent.KEY_PRESSED, e -> activity());
    render();
  }

  public Parent root() {
    return root;
  }

  /** Shows the station in {@code scene}: the voter's screens wire their keys into it. */
  public void attach(Scene scene) {
    station.attach(scene);
  }

  /** Starts watching the card reader and the clock. Call once, on the FX thread. */
  public void start() {
    station.cardReader().start(event -> ui.execute(() -> onCard(event)));
    ticker = scheduler.scheduleAtFixedRate(() -> ui.execute(this::tick), 1, 1, TimeUnit.SECONDS);
  }

  /** Stops the clock and stops taking card events (the reader is closed with the station). */
  public void stop() {
    stopped = true;
    if (ticker != null) {
      ticker.cancel(false);
    }
  }

  /** The operator session now (FX thread). */
  public OperatorState state() {
    return state;
  }

  /** Called (FX thread) after every change of the operator session: for tests and benchmarks. */
  public void addListener(Consumer<OperatorState> listener) {
    listeners.add(listener);
  }

  // ---- the card reader ----

  private void onCard(CardEvent event) {
    if (stopped) {
      return;
    }
    switch (event) {
      case CardEvent.CardInserted in -> {
        generation++;
        reader = in.reader();
        notice = "";
        if (state instanceof OperatorState.LoggedOut
            || state instanceof OperatorState.AwaitingCardToReset) {
          identify();
        }
      }
      case CardEvent.CardRemoved out -> cardGone(out.reader());
      case CardEvent.ReaderDetached d -> cardGone(d.reader());
      case CardEvent.ServiceUnavailable down -> {
        banner(words().text("signin.service", down.message()));
        cardGone(reader);
      }
      case CardEvent.ServiceRestored back -> {
        LOG.info("card service back: {}", back.message());
        banner(""); // cards are read again: nothing to warn about
      }
      case CardEvent.ReaderAttached a -> {}
    }
  }

  private void cardGone(String from) {
    if (from == null || !from.equals(reader)) {
      return;
    }
    generation++;
    reader = null;
    reading = false;
    certificate = null;
    notice = "";
    if (rules.accepts(state, new OperatorEvent.CardRemoved())) {
      apply(new OperatorEvent.CardRemoved());
    } else {
      render();
    }
    if (sessionEndPending) {
      sessionEndPending = false;
      station.operatorSessionEnded();
    }
  }

  /** Reads and checks the card now in the reader, then how many PIN tries it has left. */
  private void identify() {
    long gen = generation;
    String name = reader;
    reading = true;
    message = "";
    render();
    onWorker(
        () -> {
          CardReader r = station.cardReader();
          CardCheck check = authenticator.identify(r, name, CARD_TIMEOUT);
          int left = 0;
          if (check instanceof CardCheck.Recognized) {
            try {
              left = r.withCard(name, ch -> triesLeft(authenticator.pinStatus(ch)), CARD_TIMEOUT);
            } catch (CardIoException e) {
              check = new CardCheck.Failed(e.fault(), e.getMessage());
            }
          }
          CardCheck result = check;
          int tries = left;
          ui.execute(() -> identified(gen, result, tries));
        });
  }

  /** PIV's default retry count stands in for a card already verified since it was powered up. */
  private static int triesLeft(PinResult status) {
    return switch (status) {
      case PinResult.Incorrect(int left) -> left;
      case PinResult.Blocked() -> 0;
      case PinResult.Correct() -> 3;
    };
  }

  private void identified(long gen, CardCheck check, int left) {
    if (gen != generation) {
      return; // the card left or changed while it was read
    }
    reading = false;
    switch (check) {
      case CardCheck.Recognized(var cert) -> {
        certificate = cert;
        apply(new OperatorEvent.CardRecognized(OperatorCard.of(cert), left));
      }
      case CardCheck.Refused(var reason, var detail) -> {
        LOG.info("operator card refused: {}", detail);
        apply(
            new OperatorEvent.CardRefused(
                words().text("refusal." + reason.name()), reason.name() + ": " + detail));
      }
      case CardCheck.Failed(var fault, var detail) -> {
        LOG.info("operator card could not be read: {}", detail);
        notice = words().text("signin.failed", words().text("fault." + fault.name()));
        render();
      }
    }
  }

  // ---- the PIN ----

  private void pinEntered(char[] digits) {
    Pin pin;
    try {
      pin = Pin.of(new String(digits));
    } catch (IllegalArgumentException e) {
      message = words().text("pin.short");
      render();
      return;
    }
    long gen = generation;
    String name = reader;
    RoleCertificate cert = certificate;
    message = words().text("signin.checking");
    render();
    onWorker(
        () -> {
          AuthenticationResult r =
              authenticator.authenticate(station.cardReader(), name, cert, pin, CARD_TIMEOUT);
          ui.execute(() -> authenticated(gen, r));
        });
  }

  private void authenticated(long gen, AuthenticationResult result) {
    if (gen != generation || !(state instanceof OperatorState.CheckingPin)) {
      return;
    }
    message = "";
    switch (result) {
      case AuthenticationResult.Authenticated(var s) -> {
        session = s;
        apply(new OperatorEvent.PinAccepted(clock.instant()));
      }
      case AuthenticationResult.WrongPin(int left) -> {
        if (left <= 0) {
          apply(new OperatorEvent.CardBlocked());
        } else if (rules.accepts(state, new OperatorEvent.PinRejected(left))) {
          message = words().text("signin.pin.wrong");
          apply(new OperatorEvent.PinRejected(left));
        } else {
          // The card did not spend a try: it is not believed (decision 0312).
          apply(new OperatorEvent.CardRefused(words().text("fault.CARD_NOT_UNDERSTOOD")));
        }
      }
      case AuthenticationResult.PinBlocked() -> apply(new OperatorEvent.CardBlocked());
      case AuthenticationResult.Refused(var reason, var detail) -> {
        LOG.info("operator card refused after its PIN: {}", detail);
        apply(
            new OperatorEvent.CardRefused(
                words().text("refusal." + reason.name()), reason.name() + ": " + detail));
      }
      case AuthenticationResult.Failed(var fault, var detail) -> {
        LOG.info("PIN check failed: {}", detail);
        message = words().text("signin.failed", words().text("fault." + fault.name()));
        render();
      }
    }
  }

  // ---- the session ----

  private void apply(OperatorEvent event) {
    OperatorState before = state;
    OperatorSession.Step step = rules.next(state, event);
    step.audit().ifPresent(this::audit);
    state = step.state();
    if (before instanceof OperatorState.LoggedIn && !(state instanceof OperatorState.LoggedIn)) {
      leaveMode();
    }
    if (state instanceof OperatorState.LoggedIn in && !(before instanceof OperatorState.LoggedIn)) {
      enterMode(in);
    }
    if (!(state instanceof OperatorState.CheckingPin)) {
      message = state instanceof OperatorState.ResettingCard ? message : "";
    }
    render();
    for (Consumer<OperatorState> l : List.copyOf(listeners)) {
      l.accept(state);
    }
  }

  private void audit(AuditNote note) {
    onWorker(
        () -> {
          try {
            station.audit(note);
          } catch (RuntimeException e) {
            LOG.error("the audit entry {} could not be written", note.action(), e);
          }
        });
  }

  /** Runs {@code task} on the station's worker; a worker shut down (station stopping) drops it. */
  private void onWorker(Runnable task) {
    try {
      worker.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.info("the station is stopping: a card task was dropped");
    }
  }

  private void enterMode(OperatorState.LoggedIn in) {
    station.pollWorkerPresent(in.role() == Role.POLL_WORKER);
    mode = modes.get(in.role());
    modeScreen = null;
    content = null;
    String serial = in.card().serial();
    if (!knownCard(serial)) {
      content = pinChangeOffer(serial);
    }
    refreshCounts();
  }

  private void leaveMode() {
    station.pollWorkerPresent(false);
    if (mode != null) {
      try {
        mode.closed();
      } catch (RuntimeException e) {
        LOG.warn("an operator mode failed to close", e);
      }
    }
    mode = null;
    modeScreen = null;
    content = null;
    session = null;
    if (reader == null) {
      station.operatorSessionEnded();
    } else {
      sessionEndPending = true;
    }
  }

  private void activity() {
    if (state instanceof OperatorState.LoggedIn) {
      OperatorEvent a = new OperatorEvent.Activity(clock.instant());
      state = rules.next(state, a).state();
    }
  }

  private void tick() {
    if (stopped) {
      return;
    }
    OperatorState before = state;
    OperatorEvent t = new OperatorEvent.Tick(clock.instant());
    if (!rules.accepts(state, t)) {
      return;
    }
    OperatorSession.Step step = rules.next(state, t);
    if (step.state().equals(before)) {
      if (state instanceof OperatorState.LoggedIn) {
        refreshCounts();
      }
      return;
    }
    apply(t);
    if (before instanceof OperatorState.LoggedIn && reader != null) {
      // Timed out with the card still in: ask for the PIN again (decision 0312).
      sessionEndPending = true;
      notice = words().text("signin.timedOut", timeout.toMinutes());
      identify();
    } else if (before instanceof OperatorState.AwaitingCardToReset
        || before instanceof OperatorState.ResettingCard) {
      notice = words().text("reset.abandoned");
      render();
    }
  }

  private void signOut() {
    if (rules.accepts(state, new OperatorEvent.SignOut(clock.instant()))) {
      boolean wasResetting =
          state instanceof OperatorState.AwaitingCardToReset
              || state instanceof OperatorState.ResettingCard;
      apply(new OperatorEvent.SignOut(clock.instant()));
      if (reader != null) {
        notice = words().text(wasResetting ? "reset.abandoned" : "signin.signedOut");
        render();
      }
    }
  }

  private void refreshCounts() {
    String station = this.station.context().config().stationId();
    onWorker(
        () -> {
          BallotCounts c;
          try {
            c = this.station.counts();
          } catch (RuntimeException e) {
            return;
          }
          ui.execute(
              () ->
                  counts.setText(words().text("header.counts", station, c.cast(), c.challenged())));
        });
  }

  // ---- PIN change and first use ----

  private boolean knownCard(String serial) {
    try {
      return Files.exists(knownCards)
          && Files.readAllLines(knownCards, StandardCharsets.US_ASCII).contains(serial);
    } catch (IOException e) {
      return true; // cannot tell: do not nag
    }
  }

  private void rememberCard(String serial) {
    onWorker(
        () -> {
          try {
            Set<String> known = new HashSet<>();
            if (Files.exists(knownCards)) {
              known.addAll(Files.readAllLines(knownCards, StandardCharsets.US_ASCII));
            }
            if (known.add(serial)) {
              AtomicFiles.write(
                  knownCards,
                  (String.join("\n", known) + "\n").getBytes(StandardCharsets.US_ASCII),
                  false);
            }
          } catch (IOException e) {
            LOG.warn("could not remember card {}", serial, e);
          }
        });
  }

  private Node pinChangeOffer(String serial) {
    Messages w = words();
    Button now =
        wide(
            "pin-change-now",
            w.text("changePin.now"),
            () -> {
              rememberCard(serial);
              content = pinChange(w.text("changePin.first"));
              render();
            });
    now.getStyleClass().add("primary");
    Button later =
        wide(
            "pin-change-later",
            w.text("changePin.later"),
            () -> {
              rememberCard(serial);
              content = null;
              render();
            });
    return page(
        "screen-pin-change-offer",
        w.text("changePin.title"),
        w.text("changePin.first"),
        now,
        later);
  }

  /** The PIN change: current PIN, new PIN, new PIN again; then CHANGE REFERENCE DATA. */
  private Node pinChange(String intro) {
    Messages w = words();
    VBox box = new VBox(12);
    box.setId("screen-pin-change");
    box.getStyleClass().add("screen");
    char[][] entered = new char[2][];
    Label heading = KioskControls.heading(w.text("changePin.title"));
    Label prompt =
        KioskControls.text(
            intro.isEmpty()
                ? w.text("changePin.current")
                : intro + " " + w.text("changePin.current"));
    prompt.setId("pin-change-prompt");
    Label result = KioskControls.text("");
    result.setId("pin-change-result");
    result.getStyleClass().add("notice");
    Button back =
        wide(
            "pin-change-back",
            w.text("changePin.back"),
            () -> {
              wipe(entered);
              content = null;
              render();
            });
    int[] stepNo = {0};
    PinPad pad =
        new PinPad(
            "newpin",
            6,
            8,
            w,
            digits -> {
              switch (stepNo[0]) {
                case 0 -> {
                  entered[0] = Arrays.copyOf(digits, digits.length);
                  stepNo[0] = 1;
                  prompt.setText(w.text("changePin.new"));
                }
                case 1 -> {
                  entered[1] = Arrays.copyOf(digits, digits.length);
                  stepNo[0] = 2;
                  prompt.setText(w.text("changePin.again"));
                }
                default -> {
                  boolean same = Arrays.equals(entered[1], digits);
                  if (!same) {
                    wipe(entered);
                    stepNo[0] = 0;
                    result.setText(w.text("changePin.mismatch"));
                    prompt.setText(w.text("changePin.current"));
                    return;
                  }
                  changePin(entered, result, prompt, stepNo);
                }
              }
            });
    box.getChildren().addAll(heading, prompt, result, pad.root(), back);
    return box;
  }

  private void changePin(char[][] entered, Label result, Label prompt, int[] stepNo) {
    Messages w = words();
    Pin current;
    Pin next;
    try {
      current = Pin.of(new String(entered[0]));
      next = Pin.of(new String(entered[1]));
    } catch (IllegalArgumentException e) {
      result.setText(w.text("pin.short"));
      return;
    } finally {
      wipe(entered);
      stepNo[0] = 0;
      prompt.setText(w.text("changePin.current"));
    }
    long gen = generation;
    String name = reader;
    OperatorState.LoggedIn in = (OperatorState.LoggedIn) state;
    onWorker(
        () -> {
          PinUpdate u =
              authenticator.changePin(station.cardReader(), name, current, next, CARD_TIMEOUT);
          ui.execute(
              () -> {
                if (gen != generation) {
                  return;
                }
                switch (u) {
                  case PinUpdate.Changed c -> {
                    audit(new AuditNote(in.role(), "operator-pin-changed", subject(in)));
                    result.setText(w.text("changePin.done"));
                  }
                  case PinUpdate.WrongPin(int left) -> {
                    audit(
                        new AuditNote(
                            in.role(),
                            "operator-pin-change-wrong",
                            subject(in) + "; " + left + " left"));
                    result.setText(w.text("changePin.wrong", left));
                  }
                  case PinUpdate.PinBlocked b -> {
                    audit(new AuditNote(in.role(), "operator-card-blocked", subject(in)));
                    result.setText(w.text("signin.blocked.body"));
                  }
                  case PinUpdate.Failed(var fault, var detail) ->
                      result.setText(w.text("changePin.failed", w.text("fault." + fault.name())));
                  default -> result.setText(w.text("changePin.failed", String.valueOf(u)));
                }
              });
        });
  }

  private static String subject(OperatorState.LoggedIn in) {
    return in.card().subject() + " (serial " + in.card().serial() + ")";
  }

  private static void wipe(char[][] entered) {
    for (int i = 0; i < entered.length; i++) {
      if (entered[i] != null) {
        Arrays.fill(entered[i], '\0');
        entered[i] = null;
      }
    }
  }

  // ---- the election manager's card reset ----

  private Node managerScreen() {
    Messages w = words();
    Button reset =
        wide(
            "manager-reset",
            w.text("manager.reset"),
            () -> apply(new OperatorEvent.CardResetRequested(clock.instant(), RESET_WINDOW)));
    reset.getStyleClass().add("primary");
    return page("screen-manager", w.text("manager.title"), w.text("manager.body"), reset);
  }

  private Node resetFlow(OperatorState.ResettingCard r) {
    Messages w = words();
    VBox box = new VBox(12);
    box.setId("screen-card-reset");
    box.getStyleClass().add("screen");
    Label prompt = KioskControls.text(w.text("reset.puk"));
    prompt.setId("reset-prompt");
    Label result = KioskControls.text(message);
    result.setId("reset-result");
    result.getStyleClass().add("notice");
    char[][] entered = new char[2][];
    int[] stepNo = {0};
    PinPad[] pad = new PinPad[1];
    pad[0] =
        new PinPad(
            "reset",
            6,
            8,
            w,
            digits -> {
              switch (stepNo[0]) {
                case 0 -> {
                  if (digits.length != 8) {
                    result.setText(w.text("pin.pukShort"));
                    return;
                  }
                  entered[0] = Arrays.copyOf(digits, digits.length);
                  stepNo[0] = 1;
                  prompt.setText(w.text("reset.new"));
                }
                case 1 -> {
                  entered[1] = Arrays.copyOf(digits, digits.length);
                  stepNo[0] = 2;
                  prompt.setText(w.text("reset.again"));
                }
                default -> {
                  if (!Arrays.equals(entered[1], digits)) {
                    wipe(entered);
                    stepNo[0] = 0;
                    prompt.setText(w.text("reset.puk"));
                    result.setText(w.text("reset.mismatch"));
                    return;
                  }
                  Puk puk;
                  Pin next;
                  try {
                    puk = Puk.of(new String(entered[0]));
                    next = Pin.of(new String(entered[1]));
                  } catch (IllegalArgumentException e) {
                    result.setText(w.text("pin.short"));
                    return;
                  } finally {
                    wipe(entered);
                    stepNo[0] = 0;
                    prompt.setText(w.text("reset.puk"));
                  }
                  resetCard(puk, next);
                }
              }
            });
    Button cancel = wide("reset-cancel", w.text("reset.cancel"), this::signOut);
    box.getChildren()
        .addAll(
            KioskControls.heading(w.text("reset.title", r.card().commonName())),
            prompt,
            result,
            pad[0].root(),
            cancel);
    return box;
  }

  private void resetCard(Puk puk, Pin next) {
    long gen = generation;
    String name = reader;
    Messages w = words();
    onWorker(
        () -> {
          PinUpdate u = authenticator.resetPin(station.cardReader(), name, puk, next, CARD_TIMEOUT);
          ui.execute(
              () -> {
                if (gen != generation || !(state instanceof OperatorState.ResettingCard)) {
                  return;
                }
                switch (u) {
                  case PinUpdate.Changed c -> {
                    apply(new OperatorEvent.CardResetDone());
                    notice = w.text("reset.done");
                    render();
                  }
                  case PinUpdate.WrongPuk(int left) -> {
                    message = w.text("reset.wrongPuk", left);
                    apply(new OperatorEvent.PukRejected(left));
                  }
                  case PinUpdate.PukBlocked b -> {
                    message = w.text("reset.pukBlocked");
                    apply(new OperatorEvent.PukRejected(0));
                  }
                  case PinUpdate.Failed(var fault, var detail) -> {
                    message = w.text("reset.failed", w.text("fault." + fault.name()));
                    render();
                  }
                  default -> {
                    message = w.text("reset.failed", String.valueOf(u));
                    render();
                  }
                }
              });
        });
  }

  // ---- screens ----

  private Messages words() {
    return Messages.of(Messages.Area.OPERATOR, language);
  }

  private void banner(String text) {
    banner.setText(text);
    render();
  }

  private void render() {
    Messages w = words();
    root.getStyleClass().removeAll("theme-standard", "theme-contrast");
    root.getStyleClass().add(contrast ? "theme-contrast" : "theme-standard");
    frame.setTop(null);
    Node center =
        switch (state) {
          case OperatorState.LoggedOut l -> {
            if (reading) {
              yield page("screen-reading-card", w.text("signin.reading"), "");
            }
            if (!notice.isEmpty() && reader != null) {
              yield page("screen-take-card-out", notice, "");
            }
            yield station.publicScreen();
          }
          case OperatorState.CheckingPin(var card, int left) -> pinScreen(card, left);
          case OperatorState.Blocked b ->
              page(
                  "screen-card-blocked",
                  w.text("signin.blocked.title"),
                  w.text("signin.blocked.body"));
          case OperatorState.Refused(var reason) ->
              page(
                  "screen-card-refused",
                  w.text("signin.refused.title"),
                  reason + " " + w.text("signin.takeOut"));
          case OperatorState.LoggedIn in -> {
            frame.setTop(header(in));
            yield loggedIn(in);
          }
          case OperatorState.AwaitingCardToReset a ->
              page(
                  "screen-reset-insert",
                  w.text("reset.insert.title"),
                  w.text("reset.insert.body", RESET_WINDOW.toMinutes()),
                  wide("reset-cancel", w.text("reset.cancel"), this::signOut));
          case OperatorState.ResettingCard r -> resetFlow(r);
        };
    if (banner.getText() != null && !banner.getText().isEmpty()) {
      VBox withBanner = new VBox(banner, center);
      VBox.setVgrow(center, Priority.ALWAYS);
      center = withBanner;
    }
    frame.setCenter(center);
  }

  private Node loggedIn(OperatorState.LoggedIn in) {
    Messages w = words();
    if (content != null) {
      return content;
    }
    if (in.role() == Role.POLL_WORKER && station.voterNeedsPollWorker()) {
      Label help = KioskControls.text(w.text("header.voterHelp"));
      help.getStyleClass().add("notice");
      help.setId("operator-voter-help");
      Parent voter = station.publicScreen();
      VBox v = new VBox(help, voter);
      VBox.setVgrow(voter, Priority.ALWAYS);
      return v;
    }
    if (in.role() == Role.ELECTION_MANAGER && mode == null) {
      return managerScreen();
    }
    if (mode == null) {
      return page("screen-no-mode", w.text("noMode", w.text("role." + in.role().name())), "");
    }
    if (modeScreen == null) {
      modeScreen =
          mode.open(
              new OperatorContext(
                  station,
                  in.card(),
                  session,
                  language,
                  this::activity,
                  this::signOut,
                  ui,
                  worker));
    }
    return modeScreen;
  }

  private Node pinScreen(OperatorCard card, int left) {
    Messages w = words();
    PinPad pad = new PinPad("pin", 6, 8, w, this::pinEntered);
    Label tries =
        KioskControls.text(
            left == 1 ? w.text("signin.pin.lastTry") : w.text("signin.pin.tries", left));
    tries.setId("pin-tries");
    Label msg = KioskControls.text(message);
    msg.setId("pin-message");
    msg.getStyleClass().add("notice");
    VBox box =
        new VBox(
            12,
            KioskControls.heading(w.text("signin.pin.title")),
            KioskControls.text(
                w.text("signin.pin.body", w.text("role." + card.role().name()), card.commonName())),
            tries,
            msg,
            pad.root());
    box.setId("screen-pin");
    box.getStyleClass().add("screen");
    if (!notice.isEmpty()) {
      Label n = KioskControls.text(notice);
      n.getStyleClass().add("notice");
      box.getChildren().add(1, n);
    }
    return box;
  }

  private Node header(OperatorState.LoggedIn in) {
    Messages w = words();
    Label who =
        KioskControls.text(w.text("role." + in.role().name()) + " · " + in.card().commonName());
    who.setId("operator-who");
    who.getStyleClass().add("heading");
    VBox left = new VBox(4, who, counts);
    HBox.setHgrow(left, Priority.ALWAYS);
    Button pin =
        small(
            "operator-change-pin",
            w.text("header.changePin"),
            () -> {
              content = pinChange("");
              render();
            });
    Button look =
        small(
            "operator-look",
            w.text("header.look"),
            () -> {
              contrast = !contrast;
              render();
            });
    Button lang =
        small(
            "operator-language",
            w.text("header.otherLanguage"),
            () -> {
              language = language.equals("ru") ? "en" : "ru";
              modeScreen = null; // the mode's screens are built in the operator's language
              content = content == null ? null : content;
              refreshCounts();
              render();
            });
    Button out = small("operator-sign-out", w.text("header.signOut"), this::signOut);
    for (Button b : List.of(pin, look, lang, out)) {
      b.setWrapText(false); // a button's word is never broken; the name beside them wraps
      b.setMinWidth(Region.USE_PREF_SIZE);
      b.setFocusTraversable(false);
    }
    left.setMinWidth(0);
    HBox h = new HBox(12, left, pin, look, lang, out);
    h.setAlignment(Pos.CENTER_LEFT);
    h.setPadding(new Insets(8, 16, 8, 16));
    h.getStyleClass().add("operator-header");
    h.setId("operator-header");
    return h;
  }

  private static VBox page(String id, String title, String body, Button... buttons) {
    VBox v = new VBox(16);
    v.setId(id);
    v.getStyleClass().add("screen");
    v.getChildren().add(KioskControls.heading(title));
    if (!body.isEmpty()) {
      v.getChildren().add(KioskControls.text(body));
    }
    v.getChildren().addAll(buttons);
    return v;
  }

  private static Button wide(String id, String label, Runnable action) {
    return KioskControls.wideButton(id, label, action, "action");
  }

  private static Button small(String id, String label, Runnable action) {
    return KioskControls.button(id, label, action, "action");
  }
}
