package org.urna.kiosk.operator;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.urna.hardware.card.role.RoleSession;
import org.urna.kiosk.station.operator.OperatorCard;

/**
 * What an operator mode's screens get when an operator has signed in with card and PIN.
 *
 * @param station the running station
 * @param card who signed in (certificate subject, serial, role)
 * @param session the card session the PIN opened (the card stays in the reader while it lasts)
 * @param language the language the operator screens speak ("ru", "en", ...)
 * @param activity call on every tap or key of the operator: it restarts the inactivity time-out
 * @param signOut call when the operator taps "sign out"
 * @param ui runs a task on the FX thread
 * @param worker the station's one worker thread for devices, storage and crypto
 */
public record OperatorContext(
    Station station,
    OperatorCard card,
    RoleSession session,
    String language,
    Runnable activity,
    Runnable signOut,
    Executor ui,
    ExecutorService worker) {
  public OperatorContext {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(signOut, "signOut");
    Objects.requireNonNull(ui, "ui");
    Objects.requireNonNull(worker, "worker");
  }
}
