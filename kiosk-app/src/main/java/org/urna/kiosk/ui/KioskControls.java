package org.urna.kiosk.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The few pieces every voter screen is made of: wrapping labels (never cut: they grow in height),
 * large buttons with text, a vertical scroll area, a navigation bar.
 */
public final class KioskControls {
  private KioskControls() {}

  public static Label text(String text, String... styleClasses) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.setMaxWidth(Double.MAX_VALUE);
    l.getStyleClass().addAll(styleClasses);
    return l;
  }

  public static Label heading(String text) {
    Label l = text(text, "heading");
    l.setFocusTraversable(false);
    return l;
  }

  /** A button that wraps its text and grows to fit it; {@code id} names it for tests and focus. */
  public static Button button(String id, String text, Runnable action, String... styleClasses) {
    Button b = new Button(text);
    b.setId(id);
    b.setWrapText(true);
    b.setMinHeight(Region.USE_PREF_SIZE);
    b.setMnemonicParsing(false);
    b.getStyleClass().addAll(styleClasses);
    b.setOnAction(e -> action.run());
    return b;
  }

  /** A full-width button (choices, review rows). */
  public static Button wideButton(String id, String text, Runnable action, String... styleClasses) {
    Button b = button(id, text, action, styleClasses);
    b.setMaxWidth(Double.MAX_VALUE);
    return b;
  }

  /** Vertical scrolling only, content as wide as the screen so that text wraps. */
  public static ScrollPane scroll(Node content) {
    ScrollPane sp = new ScrollPane(content);
    sp.setFitToWidth(true);
    sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    sp.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
    sp.setFocusTraversable(false);
    sp.setMinHeight(200);
    VBox.setVgrow(sp, Priority.ALWAYS);
    return sp;
  }

  public static VBox column(Node... children) {
    VBox v = new VBox(children);
    v.getStyleClass().add("screen");
    v.setFillWidth(true);
    return v;
  }

  public static VBox list(Node... children) {
    VBox v = new VBox(12, children);
    v.setFillWidth(true);
    return v;
  }

  /** Back on the left, forward on the right; a null button is left out. */
  public static HBox navBar(Button back, Button forward) {
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox h = new HBox();
    h.getStyleClass().add("nav-bar");
    h.setAlignment(Pos.CENTER_LEFT);
    h.setMinHeight(Region.USE_PREF_SIZE);
    if (back != null) {
      back.setMinWidth(Region.USE_PREF_SIZE);
      h.getChildren().add(back);
    }
    h.getChildren().add(gap);
    if (forward != null) {
      h.getChildren().add(forward);
    }
    return h;
  }
}
