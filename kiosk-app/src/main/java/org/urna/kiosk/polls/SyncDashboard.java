package org.urna.kiosk.polls;

import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import org.urna.ballotbox.BallotCounts;
import org.urna.kiosk.i18n.Messages;
import org.urna.sync.SyncStatus;
import org.urna.tlog.NoteSignature;
import org.urna.tlog.SignedNote;

/**
 * The sync dashboard (decision 0343), in poll-worker mode and in service mode: where the station's
 * link to the ledger stands, how many recorded ballots the ledger confirmed and how many wait, a
 * progress bar while a backlog drains, the last cosigned checkpoint the station has seen (size,
 * when its validators cosigned it, who signed it), an alarm in words saying what to do, and how the
 * box's counts compare with the ledger's. It follows the station's {@link StationLedger} while it
 * is on screen.
 */
public final class SyncDashboard {
  private final StationLedger ledger;
  private final Messages m;
  private final Executor ui;
  private final Optional<Runnable> acknowledge;
  private final VBox root = new VBox(14);
  private final Consumer<StationLedger.Snapshot> listener;

  /**
   * @param acknowledge what the alarm's "called the election office" button does (poll-worker mode
   *     only), or empty for a view without it
   */
  private SyncDashboard(
      StationLedger ledger, Messages m, Executor ui, Optional<Runnable> acknowledge) {
    this.ledger = ledger;
    this.m = m;
    this.ui = ui;
    this.acknowledge = acknowledge;
    root.setId("sync-dashboard");
    root.setFillWidth(true);
    listener = s -> ui.execute(() -> render(s));
    root.sceneProperty()
        .addListener(
            (o, was, now) -> {
              if (now == null) {
                ledger.removeListener(listener);
              } else {
                ledger.removeListener(listener);
                ledger.addListener(listener);
                render(ledger.snapshot());
              }
            });
  }

  /** The dashboard of {@code ledger} in {@code m}'s language; shows itself on {@code ui}. */
  public static VBox view(
      StationLedger ledger, Messages m, Executor ui, Optional<Runnable> acknowledge) {
    SyncDashboard d = new SyncDashboard(ledger, m, ui, acknowledge);
    d.render(ledger.snapshot());
    return d.root;
  }

  private void render(StationLedger.Snapshot s) {
    List<Node> out = new ArrayList<>();
    out.add(heading(m.text("sync.title")));
    out.add(label("sync-standing", m.text("sync.standing." + s.standing().name())));
    s.problem().ifPresent(p -> out.add(label("sync-problem", m.text("sync.forTechnician", p))));
    Optional<SyncStatus> status = s.sync();
    status
        .flatMap(SyncStatus::alarm)
        .ifPresent(
            a -> {
              Label l = text(m.text("sync.alarm." + a.alarm().kind(), time(a.at())), "notice");
              l.setId("sync-alarm");
              out.add(l);
              out.add(
                  label("sync-alarm-details", m.text("sync.forTechnician", a.alarm().details())));
              acknowledge.ifPresent(
                  ack ->
                      out.add(
                          wideButton(
                              "sync-ack", m.text("sync.acknowledge"), ack, "action", "primary")));
            });
    BallotCounts box = s.box();
    long recorded = box.cast() + box.challenged();
    if (s.standing() != StationLedger.Standing.NO_BOX) {
      out.add(label("sync-box", m.text("sync.box", recorded, box.cast(), box.challenged())));
      if (box.pending() > 0) {
        out.add(label("sync-being-voted", m.text("sync.beingVoted", box.pending())));
      }
    }
    status.ifPresent(
        st -> {
          out.add(label("sync-confirmed", m.text("sync.confirmed", st.confirmed(), recorded)));
          out.add(label("sync-waiting", m.text("sync.waiting", st.pending(), st.submitted())));
          if (st.events().queued() > 0) {
            out.add(
                label(
                    "sync-events",
                    st.events().takenByLedger()
                        ? m.text("sync.events", st.events().confirmed(), st.events().queued())
                        : m.text("sync.events.notTaken", st.events().queued())));
          }
          st.progress()
              .ifPresent(
                  p -> {
                    ProgressBar bar =
                        new ProgressBar(p.total() == 0 ? 0 : (double) p.sent() / p.total());
                    bar.setId("sync-progress");
                    bar.setMaxWidth(Double.MAX_VALUE);
                    bar.setMinHeight(28);
                    out.add(bar);
                    out.add(
                        label("sync-progress-words", m.text("sync.progress", p.sent(), p.total())));
                  });
          st.lastError()
              .ifPresent(e -> out.add(label("sync-error", m.text("sync.error", time(e.at())))));
          out.add(label("sync-compare", compare(st, recorded)));
          out.add(label("sync-explain", m.text("sync.explain")));
        });
    out.add(label("sync-checkpoint", checkpoint(s.checkpointNote())));
    root.getChildren().setAll(out);
  }

  private String compare(SyncStatus st, long recorded) {
    long outbox = st.pending() + st.submitted() + st.confirmed();
    if (outbox != recorded) {
      return m.text("sync.compare.differ", recorded, outbox);
    }
    long waiting = st.pending() + st.submitted();
    return waiting == 0
        ? m.text("sync.compare.all", recorded)
        : m.text("sync.compare.waiting", waiting);
  }

  private String checkpoint(Optional<byte[]> note) {
    if (note.isEmpty() || StationLedger.size(note.get()) < 0) {
      return m.text("sync.checkpoint.none");
    }
    Signed signed = Signed.of(note.get());
    return m.text(
        "sync.checkpoint",
        StationLedger.size(note.get()),
        signed.cosignedAt().map(this::time).orElse("?"),
        String.join(", ", signed.names()));
  }

  private String time(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
        .withZone(ZoneId.systemDefault())
        .format(t);
  }

  private static Label label(String id, String words) {
    Label l = text(words);
    l.setId(id);
    return l;
  }

  /**
   * Who signed a checkpoint note (the names of its signature lines, in order) and the latest time
   * among its cosignatures (a cosignature/v1 carries its time in the first 8 bytes after its key
   * id). Called only for a note {@link StationLedger#size} read as a signed checkpoint.
   */
  record Signed(List<String> names, Optional<Instant> cosignedAt) {
    static Signed of(byte[] note) {
      List<String> names = new ArrayList<>();
      long latest = -1;
      for (NoteSignature s : SignedNote.parse(note).signatures()) {
        if (!names.contains(s.name())) {
          names.add(s.name());
        }
        byte[] raw = s.signature();
        if (raw.length == 8 + 64) {
          latest = Math.max(latest, ByteBuffer.wrap(raw, 0, 8).getLong());
        }
      }
      return new Signed(
          List.copyOf(names),
          latest < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(latest)));
    }
  }
}
