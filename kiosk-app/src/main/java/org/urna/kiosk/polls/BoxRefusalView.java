package org.urna.kiosk.polls;

import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.text;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.kiosk.i18n.Messages;

/**
 * What the station's screen says when the loaded election's ballot box refused to open (decision
 * 0343): what happened in a poll worker's words, that no ballot was voided and the file was left as
 * it was, that nobody may vote on this station, whom to call, and the box's own message for the
 * technician.
 */
final class BoxRefusalView {
  private BoxRefusalView() {}

  /** The words of a refusal, in order: title, what happened, nothing changed, whom to call. */
  static java.util.List<String> words(StationRuntime.BoxRefusal r, Messages m) {
    return java.util.List.of(
        m.text("box.refused.title"),
        m.text("box.refused." + what(r.kind())),
        m.text("box.refused.safe"),
        m.text("box.refused.call"),
        m.text("box.refused.details", r.details()));
  }

  static VBox of(StationRuntime.BoxRefusal r, Messages m) {
    var w = words(r, m);
    VBox v = new VBox(16);
    v.setId("screen-box-refused");
    v.getStyleClass().add("screen");
    v.setAlignment(Pos.CENTER_LEFT);
    v.setFillWidth(true);
    Label title = heading(w.get(0));
    title.setId("box-refused-title");
    Label what = text(w.get(1));
    what.setId("box-refused-what");
    Label safe = text(w.get(2));
    safe.setId("box-refused-safe");
    Label call = text(w.get(3), "notice");
    call.setId("box-refused-call");
    Label details = text(w.get(4));
    details.setId("box-refused-details");
    v.getChildren().addAll(title, what, safe, call, details);
    return v;
  }

  /** The bundle key suffix of a box refusal's kind. */
  static String what(BallotBoxException.Kind kind) {
    return switch (kind) {
      case ROLLED_BACK -> "ROLLED_BACK";
      case TAMPERED -> "TAMPERED";
      case CORRUPT -> "CORRUPT";
      case IN_USE -> "IN_USE";
      case STORAGE_FAILURE, NOT_WRITABLE -> "STORAGE";
      case WRONG_PASSWORD, UNUSABLE_PASSWORD -> "PASSWORD";
      default -> "OTHER";
    };
  }
}
