package org.urna.hardware.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StatusStreamParserTest {

  @Test
  void realtimeReplyBetweenTheBytesOfAStatusBlockIsSeparated() {
    byte[] stream = {0x10 | 0x20, 0x12 | 0x04, 0x00, 0x0c, 0x00, 0x12};

    List<StatusEvent> events = new StatusStreamParser().feed(stream);

    assertThat(events)
        .containsExactly(
            new StatusEvent.RealtimeReply(0x16),
            new StatusEvent.AutoStatus(0x30, 0x00, 0x0c, 0x00),
            new StatusEvent.RealtimeReply(0x12));
  }

  @Test
  void aBlockSplitOverTwoReadsIsJoined() {
    StatusStreamParser parser = new StatusStreamParser();

    assertThat(parser.feed(new byte[] {0x18, 0x00})).isEmpty();
    assertThat(parser.feed(new byte[] {0x0c, 0x00}))
        .containsExactly(new StatusEvent.AutoStatus(0x18, 0x00, 0x0c, 0x00));
  }

  @Test
  void bytesMatchingNoPatternAreGarbage() {
    assertThat(new StatusStreamParser().feed(new byte[] {(byte) 0xff, 0x00, 0x41}))
        .containsExactly(
            new StatusEvent.Garbage(0xff),
            new StatusEvent.Garbage(0x00),
            new StatusEvent.Garbage(0x41));
  }

  @Test
  void anInterruptedBlockTurnsIntoGarbage() {
    assertThat(new StatusStreamParser().feed(new byte[] {0x10, 0x00, (byte) 0x80}))
        .containsExactly(
            new StatusEvent.Garbage(0x10),
            new StatusEvent.Garbage(0x00),
            new StatusEvent.Garbage(0x80));
  }

  /** Fuzz: any bytes give typed events only, and every byte is accounted for. */
  @Property(tries = 2000)
  void anyBytesGiveOnlyTypedEventsAccountingForEveryByte(@ForAll @Size(max = 300) byte[] bytes) {
    StatusStreamParser parser = new StatusStreamParser();
    int split = bytes.length / 2;
    List<StatusEvent> events = new ArrayList<>(parser.feed(bytes, 0, split));
    events.addAll(parser.feed(bytes, split, bytes.length - split));
    // Close any half block with a byte that cannot continue it.
    events.addAll(parser.feed(new byte[] {(byte) 0xff}));

    int accounted =
        events.stream()
            .mapToInt(
                e ->
                    switch (e) {
                      case StatusEvent.RealtimeReply r -> 1;
                      case StatusEvent.AutoStatus a -> 4;
                      case StatusEvent.Garbage g -> 1;
                    })
            .sum();
    assertThat(accounted).isEqualTo(bytes.length + 1);
  }

  /** Any interleaving of valid replies and blocks is read back exactly. */
  @Property(tries = 500)
  void validStreamsAreReadBackExactly(@ForAll("validEvents") List<StatusEvent> sent) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StatusEvent e : sent) {
      switch (e) {
        case StatusEvent.RealtimeReply r -> out.write(r.value());
        case StatusEvent.AutoStatus a -> {
          out.write(a.first());
          out.write(a.second());
          out.write(a.third());
          out.write(a.fourth());
        }
        case StatusEvent.Garbage g -> throw new AssertionError("not generated");
      }
    }
    assertThat(new StatusStreamParser().feed(out.toByteArray())).isEqualTo(sent);
  }

  @Provide
  Arbitrary<List<StatusEvent>> validEvents() {
    Arbitrary<StatusEvent> reply =
        Arbitraries.integers()
            .between(0, 255)
            .filter(b -> (b & 0x93) == 0x12)
            .map(StatusEvent.RealtimeReply::new);
    Arbitrary<Integer> tail = Arbitraries.integers().between(0, 255).filter(b -> (b & 0x90) == 0);
    Arbitrary<StatusEvent> block =
        Combinators.combine(
                Arbitraries.integers().between(0, 255).filter(b -> (b & 0x93) == 0x10),
                tail,
                tail,
                tail)
            .as(StatusEvent.AutoStatus::new);
    return Arbitraries.oneOf(reply, block).list().ofMaxSize(40);
  }

  @Property(tries = 200)
  void realtimeReplyRejectsBytesOutsideItsMask(@ForAll @IntRange(max = 255) int b) {
    boolean valid = (b & 0x93) == 0x12;
    try {
      new StatusEvent.RealtimeReply(b);
      assertThat(valid).isTrue();
    } catch (IllegalArgumentException e) {
      assertThat(valid).isFalse();
    }
  }
}
