package org.urna.kiosk.polls;

import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.ballotbox.BallotCounts;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.ElectionManifest;
import org.urna.core.role.Role;
import org.urna.hardware.printer.PrintResult;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.operator.OperatorContext;
import org.urna.kiosk.operator.OperatorMode;

/**
 * Poll-worker mode (decision 0342): the screens a poll worker's card and PIN open. One home screen
 * shows where the polls stand (election, fingerprint, counts) and offers only what the state
 * allows: load the election (the fingerprint is shown to compare with the paper instructions before
 * anything is written), open the polls (zero report), activate the next voter (a ballot style
 * chosen when there are several; the ballot opens once the card is out), pause and resume, close
 * the polls (asked twice). Every action runs on the station's worker through {@link
 * StationRuntime}; a refusal is shown in the runtime's own words and changes nothing.
 */
public final class PollWorkerMode implements OperatorMode {
  private static final Logger LOG = LoggerFactory.getLogger(PollWorkerMode.class);

  private final StationRuntime station;
  private StackPane root;
  private OperatorContext context;
  private volatile Role role;
  private volatile String language;

  public PollWorkerMode(StationRuntime station) {
    this.station = station;
  }

  @Override
  public Parent open(OperatorContext context) {
    this.context = context;
    this.role = context.card().role();
    this.language = context.language();
    root = new StackPane();
    root.setId("poll-worker-mode");
    home();
    return root;
  }

  @Override
  public void closed() {
    root = null;
    context = null;
  }

  private Messages words() {
    return station.words(language);
  }

  /** The signed-in operator's role; kept after sign-out for an action still running. */
  private Role by() {
    return role;
  }

  // ---- screens ----

  private void home() {
    Messages m = words();
    run(
        () ->
            new Status(
                station.pollsState(),
                station.counts(),
                station.armedActivation(),
                station
                    .election()
                    .map(e -> e.manifest().title().in(m.language(), e.manifest().electionId())),
                station.fingerprint().map(ElectionFingerprint::display),
                station.election().map(e -> e.manifest().ballotStyles()).orElse(List.of()),
                station.boxRefusal(),
                station.ledger().map(StationLedger::snapshot)),
        s -> show(homeScreen(s, m)));
  }

  /**
   * What the home screen shows, read on the worker (the runtime's lock is held while it prints).
   */
  private record Status(
      PollsState state,
      BallotCounts counts,
      java.util.Optional<String> armed,
      java.util.Optional<String> title,
      java.util.Optional<String> fingerprint,
      List<BallotStyle> styles,
      java.util.Optional<StationRuntime.BoxRefusal> refusal,
      java.util.Optional<StationLedger.Snapshot> ledger) {}

  private Node homeScreen(Status s, Messages m) {
    if (s.refusal().isPresent()) {
      VBox refused = BoxRefusalView.of(s.refusal().get(), m);
      refused.setId("screen-poll-worker-box-refused");
      return refused;
    }
    VBox v = screen("screen-poll-worker-home");
    v.getChildren().add(heading(m.text("pw.state." + s.state().name())));
    s.title().ifPresent(t -> v.getChildren().add(text(t)));
    s.fingerprint().ifPresent(f -> v.getChildren().add(text(m.text("pw.fingerprint", f))));
    if (s.state() != PollsState.NO_ELECTION) {
      Label c = text(m.text("pw.counts", s.counts().cast(), s.counts().challenged()));
      c.setId("pw-counts");
      v.getChildren().add(c);
    }
    s.ledger().ifPresent(l -> v.getChildren().add(ledgerLine(l, m)));
    s.armed().ifPresent(style -> v.getChildren().add(text(m.text("pw.armed", style), "notice")));
    switch (s.state()) {
      case NO_ELECTION -> {
        station.missingKey().ifPresent(k -> v.getChildren().add(text(k, "notice")));
        v.getChildren().add(primary("pw-load", m.text("pw.load"), this::checkPackage));
      }
      case LOADED -> v.getChildren().add(primary("pw-open", m.text("pw.open"), this::openPolls));
      case OPEN -> {
        v.getChildren()
            .add(primary("pw-activate", m.text("pw.activate"), () -> chooseStyle(s.styles())));
        v.getChildren().add(button("pw-pause", m.text("pw.pause"), this::pause));
        v.getChildren().add(button("pw-close", m.text("pw.close"), this::confirmClose));
      }
      case PAUSED -> {
        v.getChildren().add(primary("pw-resume", m.text("pw.resume"), this::resume));
        v.getChildren().add(button("pw-close", m.text("pw.close"), this::confirmClose));
      }
      case CLOSED -> {
        v.getChildren().add(text(m.text("pw.closedForGood")));
        v.getChildren().add(button("pw-load", m.text("pw.loadNext"), this::checkPackage));
      }
    }
    if (station.ledger().isPresent()) {
      v.getChildren().add(button("pw-sync", m.text("pw.sync"), this::syncDashboard));
    }
    return v;
  }

  /** One line on the home screen about the ledger; the dashboard says the rest. */
  private static Label ledgerLine(StationLedger.Snapshot l, Messages m) {
    Label line;
    if (l.sync().flatMap(org.urna.sync.SyncStatus::alarm).isPresent()) {
      line = text(m.text("pw.ledger.alarm"), "notice");
    } else {
      line =
          switch (l.standing()) {
            case NOT_CONFIGURED -> text(m.text("pw.ledger.notConfigured"), "notice");
            case UNAVAILABLE -> text(m.text("pw.ledger.unavailable"), "notice");
            case NO_BOX -> text(m.text("pw.ledger.noBox"));
            case RUNNING, STOPPED ->
                text(
                    m.text(
                        "pw.ledger.counts",
                        l.sync().map(org.urna.sync.SyncStatus::confirmed).orElse(0L),
                        l.box().cast() + l.box().challenged()));
          };
    }
    line.setId("pw-ledger");
    return line;
  }

  /** The sync dashboard, followed live while it is on screen. */
  private void syncDashboard() {
    Messages m = words();
    StationLedger ledger = station.ledger().orElseThrow();
    OperatorContext context = this.context;
    VBox v = screen("screen-sync");
    v.getChildren()
        .add(
            SyncDashboard.view(
                ledger,
                m,
                context.ui(),
                java.util.Optional.of(
                    () ->
                        context
                            .worker()
                            .execute(
                                () -> {
                                  ledger.acknowledgeAlarm();
                                  context.ui().execute(context.activity());
                                }))));
    v.getChildren().add(button("pw-back", m.text("pw.back"), this::home));
    show(v);
  }

  private void checkPackage() {
    Messages m = words();
    busy(m.text("pw.checking"));
    OperatorContext context = this.context;
    context
        .worker()
        .execute(
            () -> {
              try {
                PackageCheck.Checked c = station.checkPackage(by(), m.language());
                context.ui().execute(() -> show(confirmLoad(c, m)));
              } catch (PackageRefusal r) {
                context.ui().execute(() -> loadRefused(r.getMessage()));
              } catch (RuntimeException e) {
                LOG.error("checking the election package failed", e);
                context.ui().execute(() -> loadRefused(String.valueOf(e.getMessage())));
              }
            });
  }

  private void loadRefused(String why) {
    show(outcome("screen-load-refused", words().text("pw.loadRefused"), why));
  }

  private Node confirmLoad(PackageCheck.Checked c, Messages m) {
    ElectionManifest manifest = c.pkg().manifest();
    VBox v = screen("screen-load-confirm");
    v.getChildren().add(heading(m.text("pw.compare.title")));
    v.getChildren().add(text(manifest.title().in(m.language(), manifest.electionId())));
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.forLanguageTag(m.language()))
            .withZone(ZoneId.systemDefault());
    v.getChildren()
        .add(
            text(
                m.text(
                    "pw.compare.window",
                    f.format(manifest.votingWindow().opens()),
                    f.format(manifest.votingWindow().closes()))));
    Label hash = text(c.fingerprint().shortHash());
    hash.setId("pw-fingerprint-hash");
    hash.getStyleClass().addAll("heading", "fingerprint");
    Label wordsLabel = text(String.join(" ", c.fingerprint().words()));
    wordsLabel.setId("pw-fingerprint-words");
    wordsLabel.getStyleClass().addAll("heading", "fingerprint");
    v.getChildren().addAll(text(m.text("pw.compare.body")), hash, wordsLabel);
    v.getChildren()
        .add(
            primary(
                "pw-load-confirm",
                m.text("pw.compare.yes"),
                () ->
                    act(
                        m.text("pw.loading"),
                        () -> {
                          station.load(c, by());
                          return m.text("pw.loaded");
                        })));
    v.getChildren().add(button("pw-load-cancel", m.text("pw.compare.no"), this::home));
    return v;
  }

  private void openPolls() {
    Messages m = words();
    act(
        m.text("pw.printing"),
        () -> printed(station.openPolls(by(), m.language()), "pw.opened", m));
  }

  private void pause() {
    Messages m = words();
    act(m.text("pw.printing"), () -> printed(station.pause(by(), m.language()), "pw.paused", m));
  }

  private void resume() {
    Messages m = words();
    act(
        m.text("pw.working"),
        () -> {
          station.resumePolls(by(), m.language());
          return m.text("pw.resumed");
        });
  }

  private void chooseStyle(List<BallotStyle> styles) {
    Messages m = words();
    if (styles.size() == 1) {
      arm(styles.get(0).id());
      return;
    }
    VBox v = screen("screen-choose-style");
    v.getChildren().add(heading(m.text("pw.style.title")));
    for (BallotStyle s : styles) {
      v.getChildren()
          .add(button("pw-style-" + s.id(), s.name().in(m.language(), s.id()), () -> arm(s.id())));
    }
    v.getChildren().add(button("pw-back", m.text("pw.back"), this::home));
    show(v);
  }

  private void arm(String style) {
    Messages m = words();
    act(
        m.text("pw.working"),
        () -> {
          station.armActivation(style, by(), m.language());
          return m.text("pw.activated");
        });
  }

  private void confirmClose() {
    Messages m = words();
    VBox v = screen("screen-close-confirm");
    v.getChildren().add(heading(m.text("pw.close.title")));
    v.getChildren().add(text(m.text("pw.close.body")));
    v.getChildren().add(primary("pw-close-yes", m.text("pw.close.yes"), this::confirmCloseAgain));
    v.getChildren().add(button("pw-back", m.text("pw.back"), this::home));
    show(v);
  }

  private void confirmCloseAgain() {
    Messages m = words();
    VBox v = screen("screen-close-confirm-again");
    v.getChildren().add(heading(m.text("pw.close.again.title")));
    v.getChildren().add(text(m.text("pw.close.again.body")));
    v.getChildren()
        .add(
            primary(
                "pw-close-final",
                m.text("pw.close.again.yes"),
                () ->
                    act(
                        m.text("pw.printing"),
                        () -> printed(station.closePolls(by(), m.language()), "pw.closed", m))));
    v.getChildren().add(button("pw-back", m.text("pw.back"), this::home));
    show(v);
  }

  private static String printed(StationRuntime.Printed p, String key, Messages m) {
    String done = m.text(key, p.report().hash().substring(0, 16));
    return p.result() instanceof PrintResult.Printed
        ? done
        : done + " " + m.text("pw.reportNotPrinted");
  }

  // ---- plumbing ----

  /** Runs a poll-worker action on the worker; shows its outcome, or the refusal in words. */
  private void act(String working, Supplier<String> action) {
    Messages m = words();
    busy(working);
    OperatorContext context = this.context; // the operator may sign out while it runs
    context
        .worker()
        .execute(
            () -> {
              String title;
              String body;
              String id;
              try {
                body = action.get();
                title = m.text("pw.done");
                id = "screen-done";
              } catch (PollsRefusal r) {
                title = m.text("pw.refused");
                body = r.getMessage();
                id = "screen-refused";
              } catch (RuntimeException e) {
                LOG.error("poll-worker action failed", e);
                title = m.text("pw.refused");
                body = m.text("pw.failed", String.valueOf(e.getMessage()));
                id = "screen-refused";
              }
              String t = title;
              String b = body;
              String i = id;
              context.ui().execute(() -> show(outcome(i, t, b)));
            });
  }

  private <T> void run(Supplier<T> read, java.util.function.Consumer<T> then) {
    OperatorContext context = this.context;
    context
        .worker()
        .execute(
            () -> {
              T value = read.get();
              context.ui().execute(() -> then.accept(value));
            });
  }

  private Node outcome(String id, String title, String body) {
    Messages m = words();
    VBox v = screen(id);
    v.getChildren().add(heading(title));
    Label b = text(body);
    b.setId("pw-outcome");
    v.getChildren().add(b);
    v.getChildren().add(primary("pw-home", m.text("pw.back"), this::home));
    return v;
  }

  private void busy(String text) {
    VBox v = screen("screen-busy");
    v.getChildren().add(heading(text));
    show(v);
  }

  private void show(Node screen) {
    if (root == null || context == null) {
      return; // the operator signed out meanwhile
    }
    ScrollPane sp = new ScrollPane(screen);
    sp.setFitToWidth(true);
    sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    sp.setFocusTraversable(false);
    root.getChildren().setAll(sp);
    context.activity().run();
  }

  private static VBox screen(String id) {
    VBox v = new VBox(16);
    v.setId(id);
    v.getStyleClass().add("screen");
    v.setFillWidth(true);
    return v;
  }

  private static Button button(String id, String label, Runnable action) {
    return wideButton(id, label, action, "action");
  }

  private static Button primary(String id, String label, Runnable action) {
    return wideButton(id, label, action, "action", "primary");
  }
}
