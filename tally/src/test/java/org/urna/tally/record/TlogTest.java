package org.urna.tally.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.tally.record.tlog.EntryBundles;
import org.urna.tlog.KeyType;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.NoteKey;

/**
 * The record's own part of the ledger formats: entry bundles, and the strict form of the policy
 * that the record keeps (the C2SP parsing itself is the shared transparency-log module's).
 */
class TlogTest {
  private static final String LOG =
      new NoteKey("ledger.example.org", KeyType.ED25519, filled(1)).vkey();
  private static final String V1 = new NoteKey("v1", KeyType.COSIGNATURE_V1, filled(2)).vkey();
  private static final String V2 = new NoteKey("v2", KeyType.COSIGNATURE_V1, filled(3)).vkey();

  private static byte[] filled(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bundlePathsFollowTlogTiles() {
    assertThat(EntryBundles.path(0, 12)).isEqualTo("tile/entries/000.p/12");
    assertThat(EntryBundles.path(1234, 256)).isEqualTo("tile/entries/x001/234");
    assertThat(EntryBundles.path(1234067, 256)).isEqualTo("tile/entries/x001/x234/067");
    assertThat(EntryBundles.hashTilePath(0, 1, 44)).isEqualTo("tile/0/001.p/44");
    assertThat(EntryBundles.hashTilePath(0, 1234, 256)).isEqualTo("tile/0/x001/234");
    assertThat(EntryBundles.paths(513))
        .containsExactly("tile/entries/000", "tile/entries/001", "tile/entries/002.p/1");
    assertThat(EntryBundles.paths(512)).containsExactly("tile/entries/000", "tile/entries/001");
  }

  @Test
  void bundlesRoundTripAndRefuseCutEntries() {
    List<byte[]> entries = List.of(new byte[] {1, 2}, new byte[0], new byte[300]);
    byte[] b = EntryBundles.write(entries);
    assertThat(EntryBundles.read(b, 3)).hasSize(3);
    assertThatThrownBy(() -> EntryBundles.read(Arrays.copyOf(b, b.length - 1), 3))
        .isInstanceOf(LedgerFormatException.class);
    assertThatThrownBy(() -> EntryBundles.read(b, 2)).isInstanceOf(LedgerFormatException.class);
  }

  /** The policy as the ledger writes it (URLs, a comment): the writer keeps it in strict form. */
  @Test
  void theLedgersPolicyWithUrlsIsKeptInStrictFormAndOnlyThatVerifies() throws Exception {
    String strict =
        "log "
            + LOG
            + "\nwitness v1 "
            + V1
            + "\nwitness v2 "
            + V2
            + "\ngroup validators any v1 v2\nquorum validators\n";
    String asTheLedgerWritesIt =
        "# the ledger's policy\nlog "
            + LOG
            + " https://ledger.example.org/\nwitness v1 "
            + V1
            + " https://v1.example.org:8443\nwitness  v2\t"
            + V2
            + "\n\ngroup validators any v1 v2\nquorum validators\n";

    ElectionRecordWriter w =
        new ElectionRecordWriter().ledger(bytes(asTheLedgerWritesIt), List.of(), List.of());

    assertThat(new String(w.files().get(RecordLayout.POLICY), StandardCharsets.UTF_8))
        .isEqualTo(strict);
    assertThat(ElectionRecordVerifier.recordPolicy(bytes(strict)).quorum()).isEqualTo("validators");
    assertThatThrownBy(() -> ElectionRecordVerifier.recordPolicy(bytes(asTheLedgerWritesIt)))
        .isInstanceOf(LedgerFormatException.class)
        .hasMessageContaining("strict form");
    for (String notStrict :
        List.of(
            strict.replace("quorum validators\n", "quorum validators"),
            strict.replace("group validators", "group  validators"),
            "\n" + strict)) {
      assertThatThrownBy(() -> ElectionRecordVerifier.recordPolicy(bytes(notStrict)))
          .isInstanceOf(LedgerFormatException.class);
    }
  }

  @Test
  void aWitnessWhoseKeyHasAnotherNameIsNotARecordPolicy() {
    String policy = "log " + LOG + "\nwitness v3 " + V1 + "\nquorum v3\n";
    assertThatThrownBy(() -> ElectionRecordVerifier.recordPolicy(bytes(policy)))
        .isInstanceOf(LedgerFormatException.class)
        .hasMessageContaining("named as the witness");
  }

  @Test
  void aPolicyTheLedgerCannotHaveWrittenIsRefusedByTheWriter() {
    assertThatThrownBy(
            () ->
                new ElectionRecordWriter().ledger(bytes("log " + LOG + "\n"), List.of(), List.of()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("quorum");
  }
}
