package org.urna.hardware.card.simulated;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.urna.hardware.card.ApduChannel;
import org.urna.hardware.card.CardDataException;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.CardEventListener;
import org.urna.hardware.card.CardFault;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.CardTask;
import org.urna.hardware.card.apdu.ResponseApdu;
import org.urna.hardware.card.virtual.VirtualPivCard;

/**
 * A reader in the same process with a {@link VirtualPivCard} in it: the demo runs without pcscd,
 * and unit tests drive insertion, removal, an unplugged reader and a stopped card service. Events
 * and card tasks run on one thread, as with {@code PcscCardReader}.
 */
public final class SimulatedCardReader implements CardReader {
  public static final String READER_NAME = "Urna simulated reader";

  private final ExecutorService io =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("urna-card-sim").factory());
  private volatile CardEventListener listener;
  private volatile boolean attached = true;
  private volatile boolean serviceDown;
  private volatile VirtualPivCard card;

  @Override
  public void start(CardEventListener listener) {
    this.listener = Objects.requireNonNull(listener);
    run(
        () -> {
          publish(new CardEvent.ReaderAttached(READER_NAME));
          VirtualPivCard c = card;
          if (c != null) {
            publish(new CardEvent.CardInserted(READER_NAME, atr(c)));
          }
        });
  }

  /** Puts {@code virtualCard} into the reader (it is powered on, as a reader would). */
  public void insert(VirtualPivCard virtualCard) {
    run(
        () -> {
          if (card != null) {
            card = null;
            publish(new CardEvent.CardRemoved(READER_NAME));
          }
          virtualCard.powerOn();
          card = virtualCard;
          if (attached && !serviceDown) {
            publish(new CardEvent.CardInserted(READER_NAME, atr(virtualCard)));
          }
        });
  }

  /**
   * Takes the card out. A task running now sees {@link CardFault#CARD_REMOVED} at its next APDU.
   */
  public void remove() {
    VirtualPivCard now = takeCard(); // at once, as a pulled card is gone at once
    run(
        () -> {
          VirtualPivCard queued = takeCard(); // inserted by a call still queued before this one
          if (now != null || queued != null) {
            publish(new CardEvent.CardRemoved(READER_NAME));
          }
        });
  }

  /** Unplugs the reader (and with it, the card). */
  public void detachReader() {
    attached = false;
    VirtualPivCard now = takeCard();
    run(
        () -> {
          VirtualPivCard queued = takeCard();
          if (now != null || queued != null) {
            publish(new CardEvent.CardRemoved(READER_NAME));
          }
          publish(new CardEvent.ReaderDetached(READER_NAME));
        });
  }

  private synchronized VirtualPivCard takeCard() {
    VirtualPivCard c = card;
    card = null;
    if (c != null) {
      c.powerOff();
    }
    return c;
  }

  public void attachReader() {
    attached = true;
    run(() -> publish(new CardEvent.ReaderAttached(READER_NAME)));
  }

  /** Behaves as when pcscd goes away: one event, then every task fails. */
  public void stopService() {
    serviceDown = true;
    run(
        () ->
            publish(
                new CardEvent.ServiceUnavailable(
                    "The card service stopped; restart the kiosk.", "simulated service stop")));
  }

  @Override
  public List<String> readers() {
    return attached && !serviceDown ? List.of(READER_NAME) : List.of();
  }

  @Override
  public <T> T withCard(String reader, CardTask<T> task, Duration timeout) throws CardIoException {
    Future<T> f;
    try {
      f = io.submit(() -> task.run(channel(reader)));
    } catch (RejectedExecutionException e) {
      throw new CardIoException(CardFault.READER_UNAVAILABLE, "the reader is closed");
    }
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new CardIoException(CardFault.TIMEOUT, "no answer within " + timeout);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new CardIoException(CardFault.TIMEOUT, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CardIoException c) {
        throw new CardIoException(c.fault(), c.detail(), c);
      }
      throw new CardIoException(
          CardFault.CARD_NOT_UNDERSTOOD, "card task failed: " + e.getCause(), e.getCause());
    }
  }

  private ApduChannel channel(String reader) throws CardIoException {
    if (serviceDown) {
      throw new CardIoException(CardFault.SERVICE_UNAVAILABLE, "service stopped");
    }
    if (!attached || !READER_NAME.equals(reader)) {
      throw new CardIoException(CardFault.READER_UNAVAILABLE, "no reader named " + reader);
    }
    VirtualPivCard inserted = card;
    if (inserted == null) {
      throw new CardIoException(CardFault.NO_CARD, "no card in " + reader);
    }
    return command -> {
      if (card != inserted || !attached) {
        throw new CardIoException(CardFault.CARD_REMOVED, "card removed during the exchange");
      }
      try {
        return ResponseApdu.parse(inserted.process(command.encode()));
      } catch (CardDataException e) {
        throw new CardIoException(CardFault.CARD_NOT_UNDERSTOOD, e.getMessage(), e);
      }
    };
  }

  @Override
  public void close() {
    io.shutdownNow();
  }

  private void run(Runnable r) {
    try {
      io.execute(r);
    } catch (RejectedExecutionException e) {
      // closed: nobody listens any more
    }
  }

  private void publish(CardEvent e) {
    CardEventListener l = listener;
    if (l != null) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        // a failing listener must not stop the reader
      }
    }
  }

  private static String atr(VirtualPivCard c) {
    return HexFormat.of().withUpperCase().formatHex(c.atr());
  }
}
