package org.urna.hardware.card.pcsc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.EventLog;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.TestAuthority.IssuedCard;
import org.urna.hardware.card.apdu.CommandApdu;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.PivApplication;
import org.urna.hardware.card.role.AuthenticationResult;
import org.urna.hardware.card.role.CardCheck;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.card.virtual.VpcdCardConnection;

/**
 * Prints timings of the card stack (docs/benchmarks/cards.md): APDU round trips through pcscd and
 * vpcd, and the time from card insertion to an authenticated role. Starts its own pcscd (under the
 * same lock as the tests). Run: see docs/benchmarks/cards.md.
 */
public final class PcscBenchmark {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    TestAuthority authority = new TestAuthority();
    RoleCardAuthenticator auth =
        new RoleCardAuthenticator(authority.policy(), Clock.systemUTC(), authority.random);
    try (PcscdFixture pcscd = PcscdFixture.start(Path.of("target", "pcscd"));
        PcscCardReader reader = PcscCardReader.create()) {
      EventLog events = new EventLog();
      reader.start(events);
      String name =
          events
              .await(CardEvent.ReaderAttached.class, e -> e.reader().endsWith(" 00 00"), PATIENCE)
              .reader();
      IssuedCard issued = authority.card(Role.POLL_WORKER);

      // 1. APDU round trip (SELECT, 9000 + template) inside one card task.
      List<Long> apdu = new ArrayList<>();
      List<Long> task = new ArrayList<>();
      try (VpcdCardConnection card =
          VpcdCardConnection.insert(issued.virtualCard(), pcscd.vpcdPort(), PATIENCE)) {
        events.await(CardEvent.CardInserted.class, PATIENCE);
        CommandApdu select = new CommandApdu(0, 0xA4, 4, 0, PivApplication.AID_SELECT, 256);
        reader.withCard(
            name,
            ch -> {
              for (int i = 0; i < 20 + 200; i++) {
                long t = System.nanoTime();
                ch.transmit(select);
                if (i >= 20) {
                  apdu.add(System.nanoTime() - t);
                }
              }
              return null;
            },
            PATIENCE);
        // 2. One-APDU task: queueing on the card thread + connect + APDU + disconnect.
        for (int i = 0; i < 60; i++) {
          long t = System.nanoTime();
          reader.withCard(name, ch -> ch.transmit(select), PATIENCE);
          if (i >= 10) {
            task.add(System.nanoTime() - t);
          }
        }
        card.close();
        events.await(CardEvent.CardRemoved.class, PATIENCE);
      }

      // 3. Insertion to authenticated role.
      List<Long> toEvent = new ArrayList<>();
      List<Long> identify = new ArrayList<>();
      List<Long> unlock = new ArrayList<>();
      List<Long> total = new ArrayList<>();
      for (int i = 0; i < rounds + 2; i++) {
        events.drain();
        long t0 = System.nanoTime();
        try (VpcdCardConnection card =
            VpcdCardConnection.insert(issued.virtualCard(), pcscd.vpcdPort(), PATIENCE)) {
          events.await(CardEvent.CardInserted.class, PATIENCE);
          long t1 = System.nanoTime();
          var cert = ((CardCheck.Recognized) auth.identify(reader, name, PATIENCE)).certificate();
          long t2 = System.nanoTime();
          var r = auth.authenticate(reader, name, cert, Pin.of(TestAuthority.PIN), PATIENCE);
          long t3 = System.nanoTime();
          if (!(r instanceof AuthenticationResult.Authenticated)) {
            throw new IllegalStateException("not authenticated: " + r);
          }
          if (i >= 2) {
            toEvent.add(t1 - t0);
            identify.add(t2 - t1);
            unlock.add(t3 - t2);
            total.add(t3 - t0);
          }
          card.close();
          events.await(CardEvent.CardRemoved.class, PATIENCE);
        }
      }

      // 4. The same in process, with the simulator (no pcscd).
      List<Long> sim = new ArrayList<>();
      try (SimulatedCardReader s = new SimulatedCardReader()) {
        s.start(e -> {});
        for (int i = 0; i < 60; i++) {
          s.insert(issued.virtualCard());
          long t = System.nanoTime();
          var cert =
              ((CardCheck.Recognized) auth.identify(s, SimulatedCardReader.READER_NAME, PATIENCE))
                  .certificate();
          auth.authenticate(
              s, SimulatedCardReader.READER_NAME, cert, Pin.of(TestAuthority.PIN), PATIENCE);
          if (i >= 10) {
            sim.add(System.nanoTime() - t);
          }
          s.remove();
        }
      }

      System.out.println("| measurement | n | median ms | min ms | max ms |");
      System.out.println("|---|---|---|---|---|");
      row("APDU round trip through pcscd + vpcd (SELECT)", apdu);
      row("card task with one APDU (queue, connect, APDU, disconnect)", task);
      row("card into vpcd -> CardInserted event", toEvent);
      row("identify: SELECT + GET DATA certificate + chain checks", identify);
      row("authenticate: SELECT + VERIFY + GENERAL AUTHENTICATE + verify", unlock);
      row("**insertion -> authenticated role (goal <= 1000 ms)**", total);
      row("identify + authenticate on the in-process simulator", sim);
    }
  }

  private static void row(String what, List<Long> nanos) {
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    System.out.printf(
        "| %s | %d | %.1f | %.1f | %.1f |%n",
        what, s.size(), s.get(s.size() / 2) / 1e6, s.getFirst() / 1e6, s.getLast() / 1e6);
  }
}
