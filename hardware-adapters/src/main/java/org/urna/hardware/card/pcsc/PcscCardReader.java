package org.urna.hardware.card.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.hardware.card.ApduChannel;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.CardEventListener;
import org.urna.hardware.card.CardFault;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.CardTask;
import org.urna.hardware.card.apdu.ResponseApdu;

/**
 * Card readers through PC/SC ({@code javax.smartcardio} to pcscd). One platform thread does
 * everything: it watches readers and cards with {@code waitForChange} (bounded waits, and sleeps
 * when there is no reader, so it never spins) and runs each {@link CardTask} between two waits.
 *
 * <p>When pcscd goes, every call fails with {@code SCARD_E_NO_SERVICE}. The reader then publishes
 * {@link CardEvent.ServiceUnavailable} once, fails every task with {@link
 * CardFault#SERVICE_UNAVAILABLE} and retries every few seconds with a new PC/SC context ({@link
 * PcscContext}); when pcscd answers again it publishes {@link CardEvent.ServiceRestored} and the
 * readers and cards as they are. Where the JVM does not allow a new context (no {@code
 * --add-opens}), the message says to restart the kiosk.
 */
public final class PcscCardReader implements CardReader {
  public static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";
  public static final String DEFAULT_LIBRARY = "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1";
  public static final String SERVICE_STOPPED = "The card service stopped; restart the kiosk.";
  public static final String SERVICE_STOPPED_RECOVERING =
      "The card service stopped; the kiosk reconnects when it is back. Cards cannot be read"
          + " until then.";
  public static final String SERVICE_RESTORED = "The card service is back; cards can be read.";
  public static final String SERVICE_NOT_RUNNING =
      "The card service is not running; call a technician or restart the kiosk.";
  public static final String NAMED_READER_BACK = "The card reader is connected; cards can be read.";

  private static final Logger log = LoggerFactory.getLogger(PcscCardReader.class);
  private static final long WAIT_MS = 50;
  private static final long NO_READER_SLEEP_MS = 500;
  private static final long SERVICE_RETRY_MS = 2000;
  private static final long FULL_REFRESH_MS = 1000;

  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running;
  private volatile List<String> readerNames = List.of();
  private CardEventListener listener;
  // The one reader whose cards are published, or null for every reader.
  private final String only;

  // Confined to the card thread:
  private CardTerminals terminals;
  private final ReaderPresence presence = new ReaderPresence();
  private boolean serviceDown;
  private boolean everConnected;
  private boolean namedReaderMissingSaid;
  private long lastRefresh;
  // Whether this JVM lets the provider establish a new context after pcscd restarts.
  private final boolean recoverable = PcscContext.forgettable();

  private PcscCardReader(String only) {
    this.only = only;
    this.thread = Thread.ofPlatform().daemon().name("urna-card-io").unstarted(this::loop);
  }

  /**
   * A PC/SC reader set. Points the JDK at Debian's libpcsclite unless {@value #LIBRARY_PROPERTY} is
   * already set; must run before anything else in the JVM touches PC/SC.
   */
  public static PcscCardReader create() {
    useDebiansLibrary();
    return new PcscCardReader(null);
  }

  /**
   * A PC/SC reader set that publishes the cards of the one reader named {@code readerName} (the
   * name pcscd gives it, as {@link #readers()} lists them) and ignores every other reader's cards.
   * While no reader of that name is connected it publishes {@link CardEvent.ServiceUnavailable}
   * naming it and the readers there are; when it comes, {@link CardEvent.ServiceRestored}. {@link
   * #readers()} still lists every reader (a technician's diagnostics compare them).
   */
  public static PcscCardReader create(String readerName) {
    Objects.requireNonNull(readerName, "readerName");
    useDebiansLibrary();
    return new PcscCardReader(readerName);
  }

  private static void useDebiansLibrary() {
    if (System.getProperty(LIBRARY_PROPERTY) == null && Files.exists(Path.of(DEFAULT_LIBRARY))) {
      System.setProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY);
    }
  }

  /** What the station says while the reader named {@code wanted} is not connected. */
  public static String namedReaderMissing(String wanted, List<String> connected) {
    return "No card reader named \"%s\" is connected; cards are read only there. Connected: %s. Call a technician."
        .formatted(wanted, connected.isEmpty() ? "none" : String.join(", ", connected));
  }

  @Override
  public synchronized void start(CardEventListener listener) {
    if (this.listener != null) {
      throw new IllegalStateException("already started");
    }
    this.listener = Objects.requireNonNull(listener);
    running = true;
    thread.start();
  }

  @Override
  public List<String> readers() {
    return readerNames;
  }

  @Override
  public <T> T withCard(String reader, CardTask<T> task, Duration timeout) throws CardIoException {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("withCard called from inside a card task");
    }
    if (!running) {
      throw new CardIoException(CardFault.READER_UNAVAILABLE, "the reader is closed");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    tasks.add(
        () -> {
          if (result.isDone()) {
            return; // the caller gave up waiting: do not touch the card any more
          }
          try {
            result.complete(runTask(reader, task));
          } catch (CardIoException | RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(false);
      throw new CardIoException(CardFault.TIMEOUT, "no answer within " + timeout);
    } catch (InterruptedException e) {
      result.cancel(false);
      Thread.currentThread().interrupt();
      throw new CardIoException(CardFault.TIMEOUT, "interrupted while waiting for the card");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CardIoException c) {
        throw new CardIoException(c.fault(), c.detail(), c);
      }
      throw new CardIoException(
          CardFault.CARD_NOT_UNDERSTOOD, "card task failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runnable r;
    while ((r = tasks.poll()) != null) {
      r.run(); // terminals may be null now: runTask fails it with a typed fault
    }
  }

  private <T> T runTask(String reader, CardTask<T> task) throws CardIoException {
    if (!running || terminals == null || serviceDown) {
      throw new CardIoException(CardFault.SERVICE_UNAVAILABLE, "no PC/SC service");
    }
    Card card;
    try {
      CardTerminal terminal = terminals.getTerminal(reader);
      if (terminal == null) {
        throw new CardIoException(CardFault.READER_UNAVAILABLE, "no reader named " + reader);
      }
      card = terminal.connect("*");
    } catch (CardException | IllegalStateException e) {
      throw failure(e, "connect");
    }
    try {
      CardChannel channel = card.getBasicChannel();
      ApduChannel apdu =
          command -> {
            try {
              ResponseAPDU r = channel.transmit(new CommandAPDU(command.encode()));
              return new ResponseApdu(r.getData(), r.getSW());
            } catch (CardException | IllegalStateException e) {
              throw failure(e, "transmit");
            } catch (IllegalArgumentException e) {
              // pcscd hands back zero bytes when the card vanished during the command, and the
              // JDK refuses to build a response from them.
              throw new CardIoException(CardFault.CARD_REMOVED, "transmit: empty answer", e);
            }
          };
      return task.run(apdu);
    } finally {
      try {
        card.disconnect(false);
      } catch (CardException | IllegalStateException e) {
        log.debug("disconnect after a card task failed: {}", e.getMessage());
      }
    }
  }

  private CardIoException failure(Exception e, String step) {
    if (e instanceof IllegalStateException) {
      // The JDK marks a card whose removal it noticed; any later call throws this.
      return new CardIoException(CardFault.CARD_REMOVED, step + ": card removed", e);
    }
    PcscErrors.Kind kind = PcscErrors.classify(e);
    if (kind == PcscErrors.Kind.SERVICE_GONE) {
      serviceGone(e);
    }
    return new CardIoException(
        PcscErrors.fault(kind), step + ": " + PcscErrors.codes(e).strip(), e);
  }

  private void loop() {
    while (running) {
      runPendingTasks();
      try {
        if (terminals == null) {
          terminals = TerminalFactory.getInstance("PC/SC", null).terminals();
        }
        long now = System.nanoTime();
        if (serviceDown || now - lastRefresh > FULL_REFRESH_MS * 1_000_000L) {
          refresh();
        }
        if (readerNames.isEmpty()) {
          idle(NO_READER_SLEEP_MS);
        } else if (terminals.waitForChange(WAIT_MS)) {
          refresh();
        }
      } catch (java.security.NoSuchAlgorithmException e) {
        serviceGone(e);
        terminals = null; // no context: establish one on the next try
        idle(SERVICE_RETRY_MS);
      } catch (CardException | IllegalStateException e) {
        watchFailed(e);
      } catch (RuntimeException e) {
        log.warn("card watcher failed; retrying", e);
        idle(SERVICE_RETRY_MS);
      }
    }
  }

  private void watchFailed(Exception e) {
    PcscErrors.Kind kind =
        e instanceof IllegalStateException ? PcscErrors.Kind.NO_READERS : PcscErrors.classify(e);
    switch (kind) {
      case SERVICE_GONE -> {
        serviceGone(e);
        idle(SERVICE_RETRY_MS);
        if (recoverable) {
          // the old context is dead for good: the next round establishes a new one
          PcscContext.forget();
          terminals = null;
        }
      }
      case NO_READERS -> {
        update(Map.of());
        idle(NO_READER_SLEEP_MS);
      }
      default -> {
        log.debug("card watcher: {}", PcscErrors.codes(e));
        lastRefresh = 0;
        idle(NO_READER_SLEEP_MS);
      }
    }
  }

  /** Reads the readers and their cards and publishes what changed. */
  private void refresh() throws CardException {
    lastRefresh = System.nanoTime();
    Map<String, Boolean> now = new LinkedHashMap<>();
    List<CardTerminal> list;
    try {
      list = terminals.list();
    } catch (CardException e) {
      if (PcscErrors.classify(e) != PcscErrors.Kind.NO_READERS) {
        throw e;
      }
      list = List.of();
    }
    for (CardTerminal t : list) {
      boolean present;
      try {
        present = t.isCardPresent();
      } catch (CardException e) {
        if (PcscErrors.classify(e) == PcscErrors.Kind.SERVICE_GONE) {
          throw e;
        }
        continue; // the reader went away between list() and here
      }
      now.put(t.getName(), present);
    }
    if (serviceDown) {
      log.info("card service answers again");
      serviceDown = false;
      publish(new CardEvent.ServiceRestored(SERVICE_RESTORED));
    }
    everConnected = true;
    update(now);
  }

  private void update(Map<String, Boolean> now) {
    for (CardEvent e : presence.moveTo(now, this::atr)) {
      if (only == null || e.reader().equals(only)) {
        publish(e);
      }
    }
    readerNames = presence.readers();
    if (only == null) {
      return;
    }
    boolean there = readerNames.contains(only);
    if (!there && !namedReaderMissingSaid) {
      namedReaderMissingSaid = true;
      log.warn("no card reader named {}; connected: {}", only, readerNames);
      publish(
          new CardEvent.ServiceUnavailable(
              namedReaderMissing(only, readerNames), "no reader named " + only));
    } else if (there && namedReaderMissingSaid) {
      namedReaderMissingSaid = false;
      publish(new CardEvent.ServiceRestored(NAMED_READER_BACK));
    }
  }

  private String atr(String reader) {
    try {
      Card card = terminals.getTerminal(reader).connect("*");
      try {
        return HexFormat.of().withUpperCase().formatHex(card.getATR().getBytes());
      } finally {
        card.disconnect(false);
      }
    } catch (CardException | IllegalStateException e) {
      return "";
    }
  }

  private void serviceGone(Exception e) {
    if (serviceDown) {
      return;
    }
    serviceDown = true;
    namedReaderMissingSaid = false; // said again, if still so, once the service is back
    presence.forget();
    readerNames = List.of();
    String message =
        !everConnected
            ? SERVICE_NOT_RUNNING
            : recoverable ? SERVICE_STOPPED_RECOVERING : SERVICE_STOPPED;
    log.warn("card service unavailable: {}", PcscErrors.codes(e).strip());
    publish(new CardEvent.ServiceUnavailable(message, PcscErrors.codes(e).strip()));
  }

  private void publish(CardEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      log.warn("card event listener failed on {}", event.getClass().getSimpleName(), e);
    }
  }

  private void runPendingTasks() {
    Runnable r;
    while ((r = tasks.poll()) != null) {
      r.run();
    }
  }

  /** Sleeps up to {@code ms}, waking at once to run a task that arrives meanwhile. */
  private void idle(long ms) {
    try {
      Runnable r = tasks.poll(ms, TimeUnit.MILLISECONDS);
      if (r != null) {
        r.run();
        runPendingTasks();
      }
    } catch (InterruptedException e) {
      if (running) {
        Thread.currentThread().interrupt();
      }
      running = false;
    }
  }
}
