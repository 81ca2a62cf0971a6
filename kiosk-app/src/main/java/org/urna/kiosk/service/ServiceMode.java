package org.urna.kiosk.service;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.operator.OperatorContext;
import org.urna.kiosk.operator.OperatorMode;
import org.urna.kiosk.station.operator.AuditNote;

/**
 * Service mode: what a technician's card and PIN open. Six screens, chosen on the left: diagnostics
 * (with the touchscreen grid and the printed readiness report), configuration, the audit log and
 * its export, the station key and its registration request, the safe reset, and the sync dashboard
 * (decision 0343) of a station with a ledger link. Every change is written to the station's audit
 * log with the technician's card.
 */
public final class ServiceMode implements OperatorMode {
  private final Path configFile;
  private final StationKeyStore keys;
  private final Clock clock;
  private final long minFreeBytes;

  /**
   * @param configFile the station's configuration file (the Configuration screen edits it)
   * @param keys where the station key is kept
   * @param clock the station's clock (the clock check, file names, the registration's time)
   * @param minFreeBytes the disk check's threshold
   */
  public ServiceMode(Path configFile, StationKeyStore keys, Clock clock, long minFreeBytes) {
    this.configFile = configFile;
    this.keys = keys;
    this.clock = clock;
    this.minFreeBytes = minFreeBytes;
  }

  /** Service mode of a station configured from {@code configFile} as {@code config}. */
  public static ServiceMode of(Path configFile, StationConfig config) {
    return new ServiceMode(
        configFile,
        new StateFolderKeyStore(config.stateFolder(), new SecureRandom()),
        Clock.systemDefaultZone(),
        Diagnostics.DEFAULT_MIN_FREE_BYTES);
  }

  @Override
  public Parent open(OperatorContext context) {
    Words w = new Words(context.language());
    context
        .station()
        .audit(
            new AuditNote(context.card().role(), "service-mode-opened", context.card().subject()));
    BorderPane root = new BorderPane();
    root.setId("service-mode");
    root.setStyle(Ui.ROOT_STYLE);
    root.addEventFilter(
        javafx.scene.input.InputEvent.ANY,
        e -> {
          if (e instanceof javafx.scene.input.MouseEvent m
                  && m.getEventType() == javafx.scene.input.MouseEvent.MOUSE_PRESSED
              || e instanceof javafx.scene.input.KeyEvent k
                  && k.getEventType() == javafx.scene.input.KeyEvent.KEY_PRESSED) {
            context.activity().run();
          }
        });

    Label title = Ui.heading(w.t("title", context.card().commonName()));
    title.setId("service-title");
    BorderPane.setMargin(title, new Insets(16, 24, 0, 24));
    root.setTop(title);

    Map<String, Supplier<Node>> screens = new LinkedHashMap<>();
    Services s =
        new Services(
            context,
            w,
            configFile,
            keys,
            clock,
            minFreeBytes,
            new LinkedHashMap<>(),
            new java.util.concurrent.atomic.AtomicReference<>());
    screens.put("diagnostics", () -> new DiagnosticsScreen(s).view());
    screens.put("config", () -> new ConfigScreen(s).view());
    screens.put("logs", () -> new LogsScreen(s).view());
    screens.put("keys", () -> new KeysScreen(s).view());
    screens.put("reset", () -> new ResetScreen(s).view());
    context
        .station()
        .ledger()
        .ifPresent(
            ledger ->
                screens.put(
                    "sync",
                    () ->
                        org.urna.kiosk.polls.SyncDashboard.view(
                            ledger,
                            org.urna.kiosk.i18n.Messages.of(
                                org.urna.kiosk.i18n.Messages.Area.POLLS, context.language()),
                            context.ui(),
                            java.util.Optional.empty())));

    VBox nav = new VBox(12);
    nav.setPadding(new Insets(16, 16, 16, 24));
    nav.setPrefWidth(300);
    nav.setMinWidth(260);
    Map<String, Button> buttons = new LinkedHashMap<>();
    for (var e : screens.entrySet()) {
      Button b = Ui.quiet("nav-" + e.getKey(), w.t("nav." + e.getKey()));
      b.setMaxWidth(Double.MAX_VALUE);
      b.setOnAction(
          a -> {
            buttons.values().forEach(x -> x.setStyle(Ui.QUIET_BUTTON_STYLE));
            b.setStyle(Ui.BUTTON_STYLE);
            root.setCenter(wrap(e.getValue().get()));
          });
      buttons.put(e.getKey(), b);
      nav.getChildren().add(b);
    }
    Region gap = new Region();
    VBox.setVgrow(gap, Priority.ALWAYS);
    Button out = Ui.danger("sign-out", w.t("nav.signOut"));
    out.setMaxWidth(Double.MAX_VALUE);
    out.setOnAction(a -> context.signOut().run());
    nav.getChildren().addAll(gap, out);
    root.setLeft(nav);
    buttons.get("diagnostics").fire();
    return root;
  }

  private static Node wrap(Node screen) {
    ScrollPane sp = new ScrollPane(screen);
    sp.setFitToWidth(true);
    sp.setStyle("-fx-background-color: transparent; -fx-background: #f4f6f8;");
    sp.setPadding(new Insets(8, 24, 24, 8));
    return sp;
  }
}
