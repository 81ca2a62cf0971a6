package org.urna.kiosk.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.urna.ballotbox.BallotBox;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.operator.Station;
import org.urna.kiosk.station.operator.AuditNote;

/**
 * The test rig's station: real devices (a card reader, a printer) and, when an election is loaded,
 * a real H2 ballot box whose hash-chained log takes the audit notes; before that the notes go to an
 * in-memory journal. Not a mock: service mode is tested against what these devices do.
 */
record RigStation(
    StationContext context,
    CardReader cardReader,
    ReceiptPrinter printer,
    Optional<BallotBox> ballotBox,
    List<AuditNote> journal)
    implements Station {

  RigStation(StationContext context, CardReader reader, ReceiptPrinter printer, BallotBox box) {
    this(
        context,
        reader,
        printer,
        Optional.ofNullable(box),
        Collections.synchronizedList(new ArrayList<>()));
  }

  @Override
  public void audit(AuditNote note) {
    ballotBox.ifPresentOrElse(
        b -> b.appendAudit(note.role(), note.action(), note.details()), () -> journal.add(note));
  }

  @Override
  public Parent publicScreen() {
    return new Label("no election loaded");
  }

  @Override
  public boolean voterSessionOpen() {
    return false;
  }

  @Override
  public void close() {
    cardReader.close();
    printer.close();
    ballotBox.ifPresent(BallotBox::close);
  }
}
