package org.urna.hardware.printer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PaperBlock;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.escpos.EscPosEncoder;

/** Fuzz the emulator's command interpreter: whatever arrives, only typed errors come out. */
class EscPosInterpreterFuzzTest {

  /** Command prefixes, so random input reaches deep into the parser, not just its first byte. */
  private static final byte[][] PREFIXES = {
    {0x1b, '@'},
    {0x1b, 't'},
    {0x1b, 'E'},
    {0x1b, 'a'},
    {0x1b, 'd'},
    {0x1b, '3'},
    {0x1d, '!'},
    {0x1d, 'B'},
    {0x1d, 'a'},
    {0x1d, 'V'},
    {0x1d, 'V', 66},
    {0x1d, 'v', '0', 0},
    {0x1d, 'v', '0', 0, 2, 0, 3, 0},
    {0x1d, '(', 'k'},
    {0x1d, '(', 'k', 3, 0, '1', 'C'},
    {0x1d, '(', 'k', 5, 0, '1', 'P', '0'},
    {0x1d, '(', 'k', 3, 0, '1', 'Q', '0'},
    {0x10, 0x04},
    {0x0a}
  };

  @Provide
  Arbitrary<byte[]> commandLikeBytes() {
    Arbitrary<byte[]> prefix = Arbitraries.of(PREFIXES);
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(6);
    return Arbitraries.oneOf(prefix, noise)
        .list()
        .ofMaxSize(60)
        .map(
            parts -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              parts.forEach(out::writeBytes);
              return out.toByteArray();
            });
  }

  @Property(tries = 1000)
  void commandLikeInputRaisesOnlySyntaxErrors(@ForAll("commandLikeBytes") byte[] input) {
    interpretAll(input, PrinterProfile.EPSON_TM_T20);
  }

  @Property(tries = 500)
  void randomBytesRaiseOnlySyntaxErrors(@ForAll @Size(max = 2000) byte[] input) {
    interpretAll(input, PrinterProfile.GENERIC_58MM);
  }

  /** Runs the whole interpreter (parser and mechanism); anything but a typed error fails. */
  private static List<String> interpretAll(byte[] input, PrinterProfile profile) {
    List<byte[]> replies = new ArrayList<>();
    PrinterMechanism mechanism = new PrinterMechanism(profile, replies::add);
    EscPosCommandReader reader = new EscPosCommandReader(ByteSource.of(input));
    while (true) {
      try {
        mechanism.apply(reader.next());
      } catch (EscPosSyntaxException e) {
        assertThat(e.offset()).isBetween(0L, (long) input.length);
        mechanism.syntaxError(e);
      } catch (ByteSource.EndOfInput e) {
        break;
      }
    }
    PrintedPaper paper = mechanism.paper();
    assertThat(paper.image().getWidth()).isEqualTo(profile.dotsPerLine());
    return paper.errors();
  }

  @Provide
  Arbitrary<String> words() {
    Arbitrary<Character> letters =
        Arbitraries.of(
            'a', 'Z', '7', 'ж', 'Щ', 'ё', '№', ' ', ' ', ' ', ',', 'ы', 'Я', 'q', '-', 'Ә', 'ң');
    return letters
        .list()
        .ofMinSize(1)
        .ofMaxSize(120)
        .map(
            l -> {
              StringBuilder sb = new StringBuilder();
              l.forEach(sb::append);
              return sb.toString();
            })
        .filter(s -> !s.isBlank());
  }

  /** Whatever the driver's encoder produces, the emulator parses without a single error. */
  @Property(tries = 60)
  void everythingTheEncoderSendsIsUnderstood(
      @ForAll("words") String text, @ForAll("words") String other) {
    for (PrinterProfile profile : PrinterProfile.known()) {
      Paper paper =
          new Paper(
              "fuzz",
              List.of(
                  PaperBlock.Text.heading(text),
                  PaperBlock.Text.body(other),
                  new PaperBlock.Rule(),
                  new PaperBlock.QrCode("URNA-FUZZ/" + text.length(), 4)));
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      new EscPosEncoder(profile).encode(paper).chunks().forEach(all::writeBytes);
      assertThat(interpretAll(all.toByteArray(), profile)).isEmpty();
    }
  }
}
