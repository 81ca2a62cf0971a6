package org.urna.kiosk.service;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.urna.core.crypto.SigningKey;

/**
 * Keys: the station key (generated here, into the state folder) and its registration request, as a
 * file on a package folder or removable drive and as a QR code on screen.
 */
final class KeysScreen {
  private final Services s;
  private final VBox root = new VBox(12);
  private final Label status = Ui.text("keys-status", "");
  private int replaceConfirmations;

  KeysScreen(Services s) {
    this.s = s;
  }

  Node view() {
    root.setId("screen-keys");
    render();
    return root;
  }

  private void render() {
    root.getChildren().setAll(Ui.heading(s.t("nav.keys")));
    java.util.Optional<SigningKey> key;
    try {
      key = s.keys().signingKey();
    } catch (java.io.IOException e) {
      root.getChildren()
          .addAll(Ui.text("key-state", s.t("keys.unreadable", e.getMessage())), status);
      return;
    }
    if (key.isEmpty()) {
      Button gen = Ui.button("key-generate", s.t("keys.generate"));
      gen.setOnAction(e -> generate(false));
      root.getChildren().addAll(Ui.text("key-state", s.t("keys.none")), gen, status);
      return;
    }
    String hex = key.get().publicKey().toHex();
    Label state = Ui.text("key-state", s.t("keys.present", grouped(hex)));
    state.setStyle("-fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 22px;");
    RegistrationRequest request =
        RegistrationRequest.sign(s.config().stationId(), key.get(), s.clock().instant());
    ImageView qr = new ImageView(Ui.qr(request.encode(), 4));
    qr.setId("key-qr");
    FlowPane exports = new FlowPane(12, 12);
    List<Path> targets = LogExport.targets(s.config().packageFolders());
    for (int i = 0; i < targets.size(); i++) {
      Path t = targets.get(i);
      Button b = Ui.button("key-export-" + i, s.t("keys.exportTo", t));
      b.setOnAction(e -> export(request, t));
      exports.getChildren().add(b);
    }
    Button replace = Ui.danger("key-replace", replaceLabel());
    replace.setOnAction(e -> replace());
    root.getChildren()
        .addAll(state, qr, Ui.text("key-qr-hint", s.t("keys.qrHint")), exports, replace, status);
  }

  private String replaceLabel() {
    return switch (replaceConfirmations) {
      case 0 -> s.t("keys.replace");
      case 1 -> s.t("keys.replaceSure");
      default -> s.t("keys.replaceLast");
    };
  }

  private static String grouped(String hex) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      b.append(hex, i, i + 4).append(i % 32 == 28 ? "\n" : " ");
    }
    return b.toString().strip();
  }

  /** Replacing needs three taps (the button, then two confirmations) and no loaded election. */
  private void replace() {
    if (s.station().ballotBox().isPresent()) {
      replaceConfirmations = 0;
      render();
      status.setStyle(Ui.PROBLEM_STYLE);
      status.setText(s.t("keys.replaceRefusedElection"));
      return;
    }
    replaceConfirmations++;
    if (replaceConfirmations < 3) {
      render();
      status.setStyle(Ui.PROBLEM_STYLE);
      status.setText(s.t("keys.replaceWarning"));
      return;
    }
    replaceConfirmations = 0;
    generate(true);
  }

  private void generate(boolean replace) {
    s.background(
        () -> {
          var k = s.keys().generate(replace);
          s.audit(
              replace ? "station-key-replaced" : "station-key-generated",
              "public key " + k.toHex());
          return k;
        },
        k -> {
          render();
          status.setStyle(Ui.OK_STYLE);
          status.setText(s.t("keys.generated"));
        },
        ex -> {
          render();
          status.setStyle(Ui.PROBLEM_STYLE);
          status.setText(s.t("keys.failed", String.valueOf(ex.getMessage())));
        });
  }

  private void export(RegistrationRequest request, Path folder) {
    s.background(
        () -> {
          Path f = folder.resolve("station-registration-" + request.stationId() + ".txt");
          org.urna.core.io.AtomicFiles.write(f, request.bytes(), false);
          s.audit("station-registration-exported", f.toString());
          return f;
        },
        f -> {
          status.setStyle(Ui.OK_STYLE);
          status.setText(s.t("keys.exported", f));
        },
        ex -> {
          status.setStyle(Ui.PROBLEM_STYLE);
          status.setText(s.t("keys.failed", String.valueOf(ex.getMessage())));
        });
  }
}
