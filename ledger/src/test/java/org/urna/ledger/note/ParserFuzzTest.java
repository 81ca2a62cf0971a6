package org.urna.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.urna.ledger.Vectors;
import org.urna.ledger.proof.TlogProof;
import org.urna.ledger.tiles.TilePath;
import org.urna.ledger.witness.AddCheckpointRequest;
import org.urna.ledger.witness.WitnessPolicy;

/** Parsers of everything that arrives from outside answer with NoteFormatException or a value. */
class ParserFuzzTest {
  @Provide
  Arbitrary<byte[]> mutated() {
    byte[][] seeds = {
      Vectors.bytes("c2sp-cosigned-checkpoint.txt"),
      Vectors.bytes("c2sp-add-checkpoint-request.txt"),
      Vectors.bytes("go-note-signed.txt"),
      ("c2sp.org/tlog-proof@v1\nextra AAAA\nindex 3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
              + Vectors.text("c2sp-cosigned-checkpoint.txt"))
          .getBytes(StandardCharsets.UTF_8),
      "tile/entries/x001/x234/067.p/12".getBytes(StandardCharsets.UTF_8),
      ("log "
              + Vectors.text("go-note-vkey.txt")
              + "witness a remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2\nquorum a\n")
          .getBytes(StandardCharsets.UTF_8),
    };
    Arbitrary<byte[]> seed = Arbitraries.of(seeds);
    return seed.flatMap(
        s ->
            Arbitraries.integers()
                .between(0, s.length - 1)
                .list()
                .ofMaxSize(6)
                .flatMap(
                    positions ->
                        Arbitraries.bytes()
                            .list()
                            .ofSize(positions.size())
                            .map(
                                values -> {
                                  byte[] copy = s.clone();
                                  for (int i = 0; i < positions.size(); i++) {
                                    copy[positions.get(i)] = values.get(i);
                                  }
                                  return copy;
                                })));
  }

  @Property(tries = 1500)
  void mutatedInputsGiveOnlyTypedErrors(@ForAll("mutated") byte[] input) {
    String s = new String(input, StandardCharsets.UTF_8);
    expectTyped(() -> SignedNote.parse(input));
    expectTyped(() -> Checkpoint.parse(s));
    expectTyped(() -> TlogProof.parse(s));
    expectTyped(() -> AddCheckpointRequest.parse(input));
    expectTyped(() -> TilePath.parse(s));
    expectTyped(() -> WitnessPolicy.parse(input));
    expectTyped(() -> VerifierKey.parse(s.strip()));
    expectTyped(() -> NoteSignature.parseLine(s));
  }

  @Property(tries = 500)
  void arbitraryTextGivesOnlyTypedErrors(@ForAll String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    expectTyped(() -> SignedNote.parse(b));
    expectTyped(() -> Checkpoint.parse(s));
    expectTyped(() -> TlogProof.parse(s));
    expectTyped(() -> AddCheckpointRequest.parse(b));
    expectTyped(() -> TilePath.parse(s));
    expectTyped(() -> WitnessPolicy.parse(b));
    expectTyped(() -> SigningKey.parse(s));
  }

  static void expectTyped(Runnable r) {
    try {
      r.run();
    } catch (NoteFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
