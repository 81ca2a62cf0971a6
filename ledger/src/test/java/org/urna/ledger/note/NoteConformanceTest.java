package org.urna.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.urna.ledger.Vectors;
import org.urna.ledger.merkle.NodeHash;

class NoteConformanceTest {
  static final Properties KEYS = Vectors.properties("c2sp-keys.properties");

  @Test
  void goSignedNoteVectorIsReproducedByteForByte() {
    SigningKey key = SigningKey.parse(Vectors.text("go-note-private-key.txt"));
    assertThat(key.verifierKey().vkey()).isEqualTo(Vectors.text("go-note-vkey.txt").strip());
    assertThat(String.format("%08x", key.keyId())).isEqualTo("c74f20a3");
    String text =
        "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    SignedNote note = new SignedNote(text, List.of(SignedNote.sign(key, text)));
    assertThat(note.bytes()).isEqualTo(Vectors.bytes("go-note-signed.txt"));
    SignedNote parsed = SignedNote.parse(Vectors.bytes("go-note-signed.txt"));
    assertThat(parsed.verifiedBy(VerifierKey.parse(Vectors.text("go-note-vkey.txt").strip())))
        .isTrue();
    assertThat(key.privateKeyString()).isEqualTo(Vectors.text("go-note-private-key.txt").strip());
  }

  @Test
  void keyIdsOfIndependentVkeysOfBothTypesAreRecomputed() {
    VerifierKey cosigner = VerifierKey.parse(KEYS.getProperty("cosigner.vkey"));
    assertThat(cosigner.type()).isEqualTo(SignatureType.COSIGNATURE_V1);
    assertThat(cosigner.vkey()).isEqualTo(KEYS.getProperty("cosigner.vkey"));
    VerifierKey ed = VerifierKey.parse(KEYS.getProperty("ed25519.vkey"));
    assertThat(ed.type()).isEqualTo(SignatureType.ED25519);
    assertThat(String.format("%08x", ed.keyId())).isEqualTo("7997405c");
    assertThatThrownBy(
            () ->
                VerifierKey.parse(
                    "remora.n621.de+da77ade8+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"))
        .isInstanceOf(NoteFormatException.class);
  }

  @Test
  void c2spCheckpointExampleParsesIntoItsThreeLinesAndTwoSignatures() {
    SignedNote note = SignedNote.parse(Vectors.bytes("c2sp-cosigned-checkpoint.txt"));
    Checkpoint cp = Checkpoint.parse(note.text());
    assertThat(cp.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(cp.size()).isEqualTo(20852163L);
    assertThat(cp.root().base64()).isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    assertThat(cp.text()).isEqualTo(note.text());
    assertThat(note.signatures())
        .extracting(NoteSignature::name)
        .containsExactly("example.com/behind-the-sofa", "witness.example.com/w1");
    assertThat(note.bytes()).isEqualTo(Vectors.bytes("c2sp-cosigned-checkpoint.txt"));
  }

  @Test
  void c2spCosignatureExampleCarriesTheTimestampOfItsSignedMessage() {
    SignedNote note = SignedNote.parse(Vectors.bytes("c2sp-cosigned-checkpoint.txt"));
    NoteSignature cosig = note.signatures().get(1);
    assertThat(Cosignatures.timestamp(cosig)).hasValue(1679315147L);
    assertThat(Cosignatures.signedMessage(note.text(), 1679315147L))
        .isEqualTo(Vectors.bytes("c2sp-cosignature-message.txt"));
    NoteSignature other =
        new NoteSignature(
            "x", 0, Base64.getDecoder().decode(KEYS.getProperty("cosignature.base64")));
    byte[] raw = Base64.getDecoder().decode(KEYS.getProperty("cosignature.base64"));
    NoteSignature tdSig =
        new NoteSignature("x", 0, java.util.Arrays.copyOfRange(raw, 4, raw.length));
    assertThat(Cosignatures.timestamp(tdSig))
        .hasValue(Long.parseLong(KEYS.getProperty("cosignature.timestamp")));
    assertThat(other.signature()).hasSize(76);
  }

  @Test
  void ourCosignatureIsTheSpecMessageSignedAndVerifiesOnlyOverThatCheckpoint() {
    byte[] seed =
        HexFormat.of().parseHex("8d1b7a2f0e1c3b4a59687766554433221100ffeeddccbbaa9988776655443322");
    SigningKey witness =
        SigningKey.fromSeed("witness.example.com/w1", SignatureType.COSIGNATURE_V1, seed);
    String text =
        Checkpoint.parse(SignedNote.parse(Vectors.bytes("c2sp-cosigned-checkpoint.txt")).text())
            .text();
    NoteSignature sig = Cosignatures.sign(witness, text, 1679315147L);
    byte[] body = sig.signature();
    assertThat(body).hasSize(72);
    assertThat(java.nio.ByteBuffer.wrap(body).getLong()).isEqualTo(1679315147L);
    byte[] ed = java.util.Arrays.copyOfRange(body, 8, 72);
    assertThat(witness.verifierKey().verifyRaw(Vectors.bytes("c2sp-cosignature-message.txt"), ed))
        .isTrue();
    assertThat(sig.keyId())
        .isEqualTo(
            KeyNames.keyId(
                "witness.example.com/w1",
                SignatureType.COSIGNATURE_V1,
                witness.verifierKey().publicKey()));
    assertThat(Cosignatures.verify(witness.verifierKey(), text, sig)).hasValue(1679315147L);
    assertThat(
            Cosignatures.verify(witness.verifierKey(), text.replace("20852163", "20852164"), sig))
        .isEmpty();
    // The line is "— <name> base64(key ID || timestamp || signature)".
    assertThat(sig.line()).startsWith("\u2014 witness.example.com/w1 ").endsWith("\n");
    assertThat(NoteSignature.parseLine(sig.line().strip())).isEqualTo(sig);
  }

  @Test
  void checkpointsRefuseNonCanonicalSizesAndRoots() {
    String root = NodeHash.fromHex("00".repeat(32)).base64();
    assertThat(Checkpoint.parse("o\n0\n" + root + "\n").size()).isZero();
    for (String bad :
        List.of(
            "o\n01\n" + root + "\n",
            "o\n-1\n" + root + "\n",
            "o\n1\nAAAA\n",
            "o\n1\n" + root,
            "\n1\n" + root + "\n",
            "o\n1\n" + root + "\n\n")) {
      assertThatThrownBy(() -> Checkpoint.parse(bad)).isInstanceOf(NoteFormatException.class);
    }
  }

  @Test
  void notesWithControlCharactersOrNoSignaturesAreRefused() {
    String sigLine = Vectors.text("go-note-signed.txt").split("\n\n")[1];
    for (String bad :
        List.of(
            "text\n",
            "text\n\n",
            "te\u0001xt\n\n" + sigLine,
            "text\n\n\u2014 bad name AAAAAAA=\n",
            "text\n\n" + sigLine + "junk\n")) {
      assertThatThrownBy(() -> SignedNote.parse(bad.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(NoteFormatException.class);
    }
  }
}
