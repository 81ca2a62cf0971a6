package org.urna.kiosk.operator;

import java.util.Arrays;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.urna.kiosk.i18n.Messages;

/**
 * The station's own on-screen PIN pad: ten digit keys in a fixed 3×4 layout, "delete" and "OK". The
 * digits are never shown (one dot per digit), never put in a text field, never logged: they live in
 * one {@code char[]} that is handed to {@code onEnter} and wiped when the pad is cleared. The digit
 * keys of a keyboard work too. OK is enabled from {@code min} digits; no more than {@code max} are
 * taken.
 */
public final class PinPad {
  private final char[] digits;
  private final int min;
  private int length;
  private final Label dots = new Label();
  private final Label spoken = new Label();
  private final Button ok;
  private final VBox root;
  private final Messages words;

  /**
   * @param idPrefix the ids of its keys ({@code <idPrefix>-0} .. {@code -9}, {@code -back}, {@code
   *     -ok}), so that two pads in a flow can be told apart by tests
   * @param onEnter receives the digits; the array is the pad's own and is wiped after the call
   */
  public PinPad(String idPrefix, int min, int max, Messages words, Consumer<char[]> onEnter) {
    this.digits = new char[max];
    this.min = min;
    this.words = words;
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(12);
    grid.setAlignment(Pos.CENTER);
    for (int d = 1; d <= 9; d++) {
      grid.add(key(idPrefix, d), (d - 1) % 3, (d - 1) / 3);
    }
    Button back = button(idPrefix + "-back", words.text("pin.back"), this::delete);
    ok =
        button(
            idPrefix + "-ok",
            words.text("pin.ok"),
            () -> {
              if (length >= min) {
                char[] entered = Arrays.copyOf(digits, length);
                clear();
                try {
                  onEnter.accept(entered);
                } finally {
                  Arrays.fill(entered, '\0');
                }
              }
            });
    ok.getStyleClass().add("primary");
    grid.add(back, 0, 3);
    grid.add(key(idPrefix, 0), 1, 3);
    grid.add(ok, 2, 3);
    dots.setId(idPrefix + "-dots");
    dots.getStyleClass().addAll("heading", "pin-dots");
    dots.setMinHeight(64);
    spoken.setId(idPrefix + "-count");
    spoken.getStyleClass().add("muted");
    root = new VBox(12, dots, spoken, grid);
    root.setAlignment(Pos.CENTER);
    root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    show();
  }

  public VBox root() {
    return root;
  }

  /** Wipes what was typed. */
  public void clear() {
    Arrays.fill(digits, '\0');
    length = 0;
    show();
  }

  private void key(KeyEvent e) {
    String t = e.getText();
    if (t != null && t.length() == 1 && t.charAt(0) >= '0' && t.charAt(0) <= '9') {
      type(t.charAt(0));
      e.consume();
    } else if (e.getCode() == KeyCode.BACK_SPACE) {
      delete();
      e.consume();
    } else if (e.getCode() == KeyCode.ENTER) {
      ok.fire();
      e.consume();
    }
  }

  private Button key(String idPrefix, int digit) {
    char c = (char) ('0' + digit);
    return button(idPrefix + "-" + digit, String.valueOf(c), () -> type(c));
  }

  private static Button button(String id, String text, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setMnemonicParsing(false);
    b.getStyleClass().addAll("action", "pin-key");
    // at least 160 px wide, wider when its word needs it ("Стереть" was cut at 160 px); the
    // keys of a column take the width of the widest
    b.setMinSize(160, 80);
    b.setPrefHeight(88);
    b.setPrefWidth(Region.USE_COMPUTED_SIZE);
    b.setMaxWidth(Double.MAX_VALUE);
    b.setAlignment(Pos.CENTER);
    b.setFocusTraversable(true);
    b.setOnAction(e -> action.run());
    return b;
  }

  private void type(char c) {
    if (length < digits.length) {
      digits[length++] = c;
      show();
    }
  }

  private void delete() {
    if (length > 0) {
      digits[--length] = '\0';
      show();
    }
  }

  private void show() {
    dots.setText(length == 0 ? " " : "● ".repeat(length).strip());
    spoken.setText(words.text("pin.entered", length));
    ok.setDisable(length < min);
  }
}
