package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.robot.BaseRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.election.SampleElection;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.polls.PollWorkerMode;
import org.urna.kiosk.polls.StationKeys;
import org.urna.kiosk.polls.StationRuntime;
import org.urna.kiosk.station.operator.InactivityTimeout;

/**
 * Base of the operator stories: a real station (StationRuntime on a real H2 box in a temporary
 * folder, the ESC/POS emulator, the sample election package on a "USB stick" folder) under the
 * operator shell, cards issued by a test authority and read through a card reader the subclass
 * provides (the simulated reader, or pcscd with the virtual reader driver).
 */
abstract class StationStory extends FxRobot {
  static final SampleElection SAMPLE = SampleElection.create();
  static final String STATION = "uik-1701";
  static final Instant ELECTION_DAY = Instant.parse("2027-09-19T06:00:00Z");
  static final int WIDTH = 1280;
  static final int HEIGHT = 1024;

  final TestAuthority authority = new TestAuthority();

  /** The station's validator: a loopback ledger that the station's real sync checks. */
  final LoopbackLedger ledger = LoopbackLedger.startForStory(ELECTION_DAY.getEpochSecond() + 300);

  @TempDir Path dir;
  Path usb;
  Path stateFolder;
  final MovableClock clock = new MovableClock(ELECTION_DAY);
  InProcessPrinter printer;
  ExecutorService worker;
  ScheduledExecutorService scheduler;
  CardReader reader;
  StationRuntime station;
  OperatorShell shell;
  Scene scene;
  String language = "en";

  /** The station id in the configuration (a story may set it before the station opens). */
  String stationId = STATION;

  /** Which cards the station trusts: the test authority's, for every operator role. */
  TrustPolicy cardPolicy() {
    return authority.policy();
  }

  /** The card reader under test; not started (the shell starts it). */
  abstract CardReader openReader() throws Exception;

  /** Puts {@code card} into the reader and waits until the reader has seen it. */
  abstract void insert(VirtualPivCard card) throws Exception;

  /** Takes the card out and waits until the reader has seen it go. */
  abstract void remove() throws Exception;

  /** Where this story's screenshots go: docs/screenshots/operator (beside the kiosk's). */
  static Path screenshots() {
    Path kiosk = Path.of(System.getProperty("urna.screenshots", "target/screenshots/kiosk"));
    return kiosk.resolveSibling("operator");
  }

  @BeforeEach
  void startStation() throws Exception {
    usb = dir.resolve("usb");
    SAMPLE.writeTo(usb);
    stateFolder = dir.resolve("state");
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
    Files.write(dir.resolve("cards-ca.der"), authority.ca.certificateDer());
    worker =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("station-worker").factory());
    scheduler = Executors.newSingleThreadScheduledExecutor();
    printer = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
    reader = openReader();
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(this::show);
    WaitForAsyncUtils.waitForFxEvents();
  }

  StationConfig config() {
    try {
      Files.writeString(dir.resolve("ledger.policy"), ledger.policy());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StationConfig(
        stationId,
        new CardReaderChoice.Simulated(),
        new PrinterChoice.Emulator(PrinterProfile.EPSON_TM_T20),
        dir.resolve("box"),
        List.of(ledger.uri()),
        dir.resolve("ledger.policy"),
        language,
        InactivityTimeout.DEFAULT,
        stateFolder,
        List.of(dir.resolve("not-mounted"), usb),
        SAMPLE.trustAnchor().sha256Hex(),
        dir.resolve("cards-ca.der"),
        Set.of());
  }

  /**
   * Runs before the station under test opens, on its configuration: a story prepares the state
   * folder and the ballot box here (a station that ran before).
   */
  void beforeStationOpens(StationConfig config) throws Exception {}

  private void show(Stage stage) {
    StationConfig config = config();
    try {
      beforeStationOpens(config);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    station =
        StationRuntime.open(
            StationContext.of(config),
            reader,
            printer,
            clock,
            Platform::runLater,
            worker,
            scheduler);
    RoleCardAuthenticator authenticator =
        new RoleCardAuthenticator(cardPolicy(), Clock.systemUTC(), new SecureRandom());
    shell =
        new OperatorShell(
            station,
            authenticator,
            Map.of(
                Role.POLL_WORKER,
                new PollWorkerMode(station),
                Role.TECHNICIAN,
                org.urna.kiosk.service.ServiceMode.of(dir.resolve("station.conf"), config)),
            config.inactivityTimeout(),
            language,
            clock,
            Platform::runLater,
            worker,
            scheduler);
    scene = new Scene(shell.root(), WIDTH, HEIGHT);
    shell.attach(scene);
    shell.start();
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stopStation() throws Exception {
    if (shell != null) {
      interact(shell::stop);
    }
    try {
      remove();
    } catch (Exception | AssertionError e) {
      // no card in
    }
    if (reader != null) {
      reader.close();
    }
    worker.shutdown();
    worker.awaitTermination(30, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    if (station != null) {
      station.close();
    }
    if (printer != null) {
      printer.close();
    }
    ledger.close();
    FxToolkit.cleanupStages();
  }

  // ---- gestures ----

  /** Waits (generously: the CI machine is slow) until a node with this id is showing. */
  void waitFor(String id) {
    try {
      WaitForAsyncUtils.waitFor(
          30,
          TimeUnit.SECONDS,
          () -> WaitForAsyncUtils.asyncFx(() -> lookup("#" + id).tryQuery().isPresent()).get());
    } catch (TimeoutException e) {
      throw new AssertionError("the screen never showed #" + id + "; texts: " + texts(), e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Waits until some text on screen contains {@code part}. */
  void waitForText(String part) {
    try {
      WaitForAsyncUtils.waitFor(
          30,
          TimeUnit.SECONDS,
          () ->
              WaitForAsyncUtils.asyncFx(() -> textsNow().stream().anyMatch(t -> t.contains(part)))
                  .get());
    } catch (TimeoutException e) {
      throw new AssertionError("no text ever contained '" + part + "'; texts: " + texts(), e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  boolean showing(String id) {
    WaitForAsyncUtils.waitForFxEvents();
    boolean[] b = new boolean[1];
    interact(() -> b[0] = lookup("#" + id).tryQuery().isPresent());
    return b[0];
  }

  void tap(String id) {
    waitFor(id);
    Node n = lookup("#" + id).query();
    assertThat(n.isDisabled()).as("#" + id + " is enabled").isFalse();
    // a finger lands where it taps (clickOn would glide the mouse there, waiting at each step)
    Point2D at = point(n).query();
    BaseRobot finger = robotContext().getBaseRobot();
    finger.moveMouse(at);
    finger.pressMouse(MouseButton.PRIMARY);
    finger.releaseMouse(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Types {@code digits} on the PIN pad {@code pad} ("pin", "newpin", "reset") and taps OK. */
  void enterPin(String pad, String digits) {
    waitFor(pad + "-ok");
    for (char c : digits.toCharArray()) {
      tap(pad + "-" + c);
    }
    tap(pad + "-ok");
  }

  List<String> texts() {
    List<String> out = new ArrayList<>();
    interact(() -> out.addAll(textsNow()));
    return out;
  }

  private List<String> textsNow() {
    List<String> out = new ArrayList<>();
    collect(shell.root(), out);
    return out;
  }

  private static void collect(Node n, List<String> out) {
    if (!n.isVisible()) {
      return;
    }
    if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
      out.add(l.getText());
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, out);
      }
    }
  }

  /** The station's audit actions, in order (the ballot box's log once an election is loaded). */
  List<String> auditActions() throws Exception {
    return worker
        .submit(
            () ->
                station
                    .ballotBox()
                    .map(
                        b ->
                            b.auditEntries(1, Integer.MAX_VALUE).stream()
                                .map(AuditEntry::action)
                                .toList())
                    .orElse(List.of()))
        .get();
  }

  /** The station's audit entries as "action details", in order (the ballot box's log). */
  List<String> auditActionsAndDetails() throws Exception {
    return worker
        .submit(
            () ->
                station
                    .ballotBox()
                    .map(
                        b ->
                            b.auditEntries(1, Integer.MAX_VALUE).stream()
                                .map(e -> e.action() + " " + e.details())
                                .toList())
                    .orElse(List.of()))
        .get();
  }

  String journal() throws IOException {
    Path j = stateFolder.resolve("audit-journal.tsv");
    return Files.exists(j) ? Files.readString(j) : "";
  }

  /** Saves the station's screen as docs/screenshots/operator/{@code name}.png. */
  void screenshot(String name) {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage[] img = new WritableImage[1];
    interact(() -> img[0] = shell.root().snapshot(null, null));
    BufferedImage b = SwingFXUtils.fromFXImage(img[0], null);
    try {
      Files.createDirectories(screenshots());
      ImageIO.write(b, "png", screenshots().resolve(name + ".png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clock the story moves by hand (the inactivity time-out). */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static Optional<String> first(List<String> texts, String part) {
    return texts.stream().filter(t -> t.contains(part)).findFirst();
  }
}
