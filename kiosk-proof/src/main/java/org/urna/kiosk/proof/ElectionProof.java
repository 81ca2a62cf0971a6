package org.urna.kiosk.proof;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.urna.core.crypto.ElGamalSecretKey;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Scalar;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ManifestJson;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.hardware.printer.emulator.PrintedPaper;
import org.urna.kiosk.paper.ReceiptPrinterAdapter;
import org.urna.kiosk.station.IdleTimer;
import org.urna.kiosk.ui.ScreenGeometry;
import org.urna.kiosk.voter.KioskSetup;
import org.urna.kiosk.voter.KioskViewModel;
import org.urna.kiosk.voter.SettingsViewModel;
import org.urna.kiosk.voter.VoterKiosk;
import org.urna.kiosk.voter.VoterSession;

/**
 * The proof of an election before it is signed: for every ballot style and every language of the
 * manifest, a voter walks the real kiosk (kiosk-app's {@link VoterKiosk} and its view-model) at the
 * default and the largest text size, and every screen the voter passes is saved as a PNG: the
 * language screen, every page of every contest, every page of the review, the screen that asks to
 * check the paper record, the cast screen. The paper record and the receipt print through the real
 * ESC/POS driver into the printer emulator and are saved as PNGs too.
 *
 * <p>The proof's voter marks the first {@code limit} selections of each contest (a referendum's
 * first answer), so the paper shows marks. Ballots are encrypted to a throwaway election key whose
 * secret is thrown away and kept by a {@link ProofStore}, which keeps nothing. Must run on a thread
 * other than the FX thread; the FX toolkit must be running (see {@link ProofMain}).
 */
public final class ElectionProof {
  /** The text sizes the proof shows: the default and the largest. */
  public static final List<Integer> SIZES = List.of(1, SettingsViewModel.SIZES);

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** One saved screen. {@code texts}: every text that showed on it, in scene order. */
  public record Shot(
      String style,
      String language,
      int textSize,
      String screen,
      String contestId,
      int page,
      Path file,
      List<String> texts,
      List<String> problems) {}

  /** One saved paper ({@code kind}: "paper-record" or "receipt"), with its printed text. */
  public record Paper(String style, String language, String kind, Path file, String text) {}

  /** What the proof wrote. */
  public record Result(
      ElectionManifest manifest, String stationId, List<Shot> shots, List<Paper> papers) {}

  private final ElectionManifest manifest;
  private final Path out;
  private final ScreenGeometry screen;
  private final Consumer<String> progress;
  private final ExecutorService pngWriter =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("proof-png").factory());
  private final List<java.util.concurrent.Future<?>> pngs = new ArrayList<>();

  public ElectionProof(
      ElectionManifest manifest, Path out, ScreenGeometry screen, Consumer<String> progress) {
    this.manifest = manifest;
    this.out = out;
    this.screen = screen;
    this.progress = progress;
  }

  /** Reads a checked manifest (JSON) and names every problem, as `urna election check` does. */
  public static ElectionManifest readManifest(Path file) throws IOException {
    ManifestJson.Checked c = ManifestJson.check(Files.readAllBytes(file));
    if (!c.problems().isEmpty()) {
      StringBuilder s =
          new StringBuilder(file + ": not a checked manifest (run `urna election check` first):");
      c.problems()
          .forEach(
              p ->
                  s.append("\n  ")
                      .append(p.field().isEmpty() ? "" : p.field() + ": ")
                      .append(p.problem()));
      throw new IllegalArgumentException(s.toString());
    }
    return c.manifest().orElseThrow();
  }

  /** Writes every PNG and the index; returns what was written. */
  public Result run() throws IOException {
    Files.createDirectories(out);
    ElectionManifest m =
        manifest; // a manifest names at least one station: the proof shows the first
    String stationId = m.stations().getFirst().id();
    List<Shot> shots = new ArrayList<>();
    List<Paper> papers = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    // a throwaway election key: its secret is not kept, so nothing encrypted here can be read
    ElectionKey throwaway =
        new ElectionKey(
            new ElGamalSecretKey(Scalar.random(random)).publicKey(),
            Hash.tagged("urna-election-proof").part(ManifestJson.electionHash(m)).digest());
    ExecutorService worker =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("proof").factory());
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    try (InProcessPrinter device = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20)) {
      ProofStore store = new ProofStore();
      KioskSetup setup =
          new KioskSetup(
              m,
              throwaway,
              stationId,
              store,
              new ReceiptPrinterAdapter(device),
              new IdleTimer.Timeouts(Duration.ofHours(10), Duration.ofMinutes(1)),
              m.lookupPageUri().map(Object::toString).orElse("https://ledger.example.org/lookup"),
              Clock.fixed(m.votingWindow().opens(), ZoneId.systemDefault()),
              random,
              Platform::runLater,
              worker,
              scheduler);
      Walk walk = new Walk(setup, device, shots, papers);
      for (BallotStyle style : m.ballotStyles()) {
        for (String lang : m.languages()) {
          for (int size : SIZES) {
            progress.accept(
                "ballot style " + style.id() + ", language " + lang + ", text size " + size);
            walk.voter(style, lang, size);
          }
        }
      }
      walk.close();
      if (!store.empty()) {
        throw new IllegalStateException("the proof's store still holds a ballot");
      }
      for (var png : pngs) {
        png.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the proof", e);
    } finally {
      worker.shutdownNow();
      scheduler.shutdownNow();
      pngWriter.shutdownNow();
    }
    Result r = new Result(m, stationId, List.copyOf(shots), List.copyOf(papers));
    ProofIndex.write(r, out);
    return r;
  }

  /** One kiosk on one stage; each call of {@link #voter} is one voter's whole session. */
  private final class Walk {
    private final InProcessPrinter device;
    private final List<Shot> shots;
    private final List<Paper> papers;
    private final List<Consumer<String>> activation = new ArrayList<>();
    private final VoterKiosk kiosk;
    private final Stage stage;

    Walk(KioskSetup setup, InProcessPrinter device, List<Shot> shots, List<Paper> papers) {
      this.device = device;
      this.shots = shots;
      this.papers = papers;
      Object[] made =
          fx(
              () -> {
                VoterKiosk k = new VoterKiosk(setup, activation::add, screen);
                Scene scene = new Scene(k.root(), screen.widthPx(), screen.heightPx());
                k.attach(scene);
                k.viewModel().openPolls();
                Stage s = new Stage();
                s.setScene(scene);
                s.show();
                return new Object[] {k, s};
              });
      kiosk = (VoterKiosk) made[0];
      stage = (Stage) made[1];
      settle();
    }

    void close() {
      fx(
          () -> {
            stage.close();
            return null;
          });
    }

    KioskViewModel vm() {
      return kiosk.viewModel();
    }

    VoterSession session() {
      return vm().session();
    }

    void voter(BallotStyle style, String lang, int size) throws IOException {
      Path dir = out.resolve(safe(style.id())).resolve(safe(lang));
      Files.createDirectories(dir);
      int[] n = {0};
      Shooter shoot =
          (name, contestId, page) -> {
            n[0]++;
            String file = String.format(Locale.ROOT, "text-%d-%02d-%s.png", size, n[0], name);
            shots.add(snapshot(style.id(), lang, size, name, contestId, page, dir.resolve(file)));
          };
      act(() -> vm().activate(style.id()));
      expect("screen-language");
      act(() -> vm().chooseLanguage(lang));
      while (fx(() -> vm().textSize()) < size) {
        act(() -> vm().largerText());
      }
      if (fx(() -> vm().textSize()) != size || !fx(() -> vm().language()).equals(lang)) {
        throw new IllegalStateException("the kiosk did not take language " + lang + ", " + size);
      }
      shoot.shoot("language", "", 1);
      act(() -> session().start());
      List<Contest> contests = manifest.contestsOf(style);
      for (Contest c : contests) {
        expect("screen-contest-" + c.id());
        for (String sel :
            c.selectionIds().subList(0, Math.min(c.limit(), c.selectionIds().size()))) {
          act(() -> session().tap(sel));
        }
        int page = 1;
        shoot.shoot("contest-" + safe(c.id()) + "-page-" + page, c.id(), page);
        while (pageOn()) {
          act(this::turnPage);
          page++;
          shoot.shoot("contest-" + safe(c.id()) + "-page-" + page, c.id(), page);
        }
        act(() -> session().next());
      }
      expect("screen-review");
      int page = 1;
      shoot.shoot("review-page-" + page, "", page);
      while (pageOn()) {
        act(this::turnPage);
        page++;
        shoot.shoot("review-page-" + page, "", page);
      }
      act(() -> session().print());
      expect("screen-check");
      shoot.shoot("check-paper-record", "", 1);
      PrintedPaper record = device.emulator().tearOff();
      act(() -> session().cast());
      expect("screen-cast");
      shoot.shoot("cast", "", 1);
      PrintedPaper receipt = device.emulator().tearOff();
      if (size == SIZES.getFirst()) {
        papers.add(paper(style.id(), lang, "paper-record", record, dir));
        papers.add(paper(style.id(), lang, "receipt", receipt, dir));
      }
      act(() -> session().finish());
      expect("screen-waiting");
    }

    private Paper paper(String style, String lang, String kind, PrintedPaper p, Path dir)
        throws IOException {
      Path file = dir.resolve(kind + ".png");
      p.savePng(file);
      Files.writeString(dir.resolve(kind + ".txt"), p.text(), StandardCharsets.UTF_8);
      return new Paper(style, lang, kind, file, p.text());
    }

    /** The screen's paged list has a next page ("▼" shows and is enabled). */
    private boolean pageOn() {
      return fx(
          () -> {
            Node n = kiosk.root().lookup("#page-next");
            return n != null && shown(n) && !n.isDisabled();
          });
    }

    /** The voter turns the page: the page bar's own "▼" button fires. */
    private void turnPage() {
      ((ButtonBase) kiosk.root().lookup("#page-next")).fire();
    }

    @SuppressWarnings("unchecked")
    private Shot snapshot(
        String style, String lang, int size, String name, String contestId, int page, Path file) {
      Object[] taken =
          fx(
              () ->
                  new Object[] {
                    kiosk.root().snapshot(null, null), texts(kiosk.root()), cut(kiosk.root())
                  });
      List<String> texts = (List<String>) taken[1];
      List<String> problems = (List<String>) taken[2];
      // encoded while the walk goes on; run() waits for every file
      pngs.add(
          pngWriter.submit(
              () -> {
                BufferedImage img = SwingFXUtils.fromFXImage((WritableImage) taken[0], null);
                try {
                  ImageIO.write(img, "png", file.toFile());
                  Files.writeString(
                      file.resolveSibling(
                          file.getFileName().toString().replaceFirst("\\.png$", ".txt")),
                      String.join("\n", texts) + "\n",
                      StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }));
      return new Shot(style, lang, size, name, contestId, page, file, texts, problems);
    }

    /** Runs a voter's action on the FX thread, then waits until the screen has settled. */
    private void act(Runnable action) {
      fx(
          () -> {
            action.run();
            return null;
          });
      settle();
    }

    /** Waits (the worker prints and records) until the screen {@code id} shows, settled. */
    private void expect(String id) {
      long until = System.nanoTime() + WAIT.toNanos();
      while (fx(() -> kiosk.root().lookup("#" + id) == null)) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException(
              "the kiosk never showed " + id + "; it shows " + fx(() -> vm().state()));
        }
        sleep();
      }
      settle();
    }

    /**
     * Waits until the screen stops changing: the re-render the view-model queued, the paged list's
     * settling after layout (which enables "Next" once every choice has been on screen). Looks at
     * what shows after each round trip through the FX thread until three look the same.
     */
    private void settle() {
      String last = null;
      int same = 0;
      for (int i = 0; i < 400 && same < 3; i++) {
        String now =
            fx(
                () -> {
                  Parent root = kiosk.root();
                  root.applyCss();
                  root.layout();
                  return state(root);
                });
        same = now.equals(last) ? same + 1 : 0;
        last = now;
      }
    }
  }

  @FunctionalInterface
  private interface Shooter {
    void shoot(String name, String contestId, int page) throws IOException;
  }

  /** What shows, to tell when the screen has settled: every shown text and button state. */
  private static String state(Node n) {
    StringBuilder s = new StringBuilder();
    walk(
        n,
        x -> {
          if (x instanceof Labeled l) {
            s.append(l.getText()).append(l.isDisabled() ? "|d" : "|e").append('\n');
          }
        });
    return s.toString();
  }

  /** Every text that shows on the screen (labels and buttons whose parents all show). */
  static List<String> texts(Node root) {
    List<String> out = new ArrayList<>();
    walk(
        root,
        n -> {
          if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            out.add(l.getText());
          }
        });
    return out;
  }

  /** Labels that show an ellipsis instead of their whole text (a text cut on screen). */
  static List<String> cut(Node root) {
    List<String> out = new ArrayList<>();
    walk(
        root,
        n -> {
          if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            for (Node t : l.getChildrenUnmodifiable()) {
              if (t instanceof javafx.scene.text.Text text
                  && !text.getText().replace("\n", "").equals(l.getText().replace("\n", ""))) {
                out.add("cut: " + l.getText().replace('\n', ' ') + " -> " + text.getText());
              }
            }
          }
        });
    return out;
  }

  /** Visits every node that shows (it and every parent visible). */
  private static void walk(Node n, Consumer<Node> visit) {
    if (!n.isVisible()) {
      return;
    }
    visit.accept(n);
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        walk(c, visit);
      }
    }
  }

  private static boolean shown(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  /** An id as a file name part: letters, digits, '-' and '_' kept, anything else '_'. */
  static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static <T> T fx(Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(task.call());
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    try {
      return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the kiosk's screen stopped answering", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
