package org.urna.core.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.SigningKey;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.core.station.StationLifecycleEvent.ResetReason;

class StationLifecycleEventTest {
  static final HexFormat HEX = HexFormat.of();
  static final SigningKey KEY = SigningKey.fromSeed(filled(0x11));
  static final byte[] Q = filled(0x22);

  static byte[] filled(int b) {
    byte[] out = new byte[32];
    java.util.Arrays.fill(out, (byte) b);
    return out;
  }

  static StationLifecycleEvent vector() {
    return StationLifecycleEvent.sign(
        KEY,
        Q,
        "s1",
        2,
        Kind.POLLS_OPENED,
        1_789_880_400L,
        0,
        TrackingCode.seed(Q, "s1"),
        Optional.of(filled(0x33)));
  }

  /** The test vector of docs/spec/ledger.md, "Station events": these bytes, this SHA-256. */
  @Test
  void specVector() {
    StationLifecycleEvent e = vector();
    assertThat(HEX.formatHex(e.bytes())).isEqualTo(VECTOR_HEX);
    assertThat(e.sha256Hex()).isEqualTo(VECTOR_SHA256);
    assertThat(e.signedBy(KEY.publicKey())).isTrue();
  }

  static final String VECTOR_HEX =
      "0122222222222222222222222222222222222222222222222222222222222222"
          + "22027331000000000000000202000000006aaf685000000000000000008cc9a3"
          + "4758a7f018b9646e6c227bd2c9c48d61423cd3b9651e0ef50e6c4ddf4b333333"
          + "3333333333333333333333333333333333333333333333333333333333caef71"
          + "0a76606181daf01ca4fdd4ba4ae13b5dc353d2c0560551d7a6c325f409d6482c"
          + "14c7606c50dd760a19b243fa982e213f73a082759e04cc045f935e990a";
  static final String VECTOR_SHA256 =
      "153d7759143812c5ad895ec4dd8b9991700c754668f9d517bef4f731d21306e2";

  /** The reset's test vector of docs/spec/ledger.md, "Station events". */
  static StationLifecycleEvent resetVector() {
    return StationLifecycleEvent.signReset(
        KEY,
        Q,
        "s1",
        7,
        1_789_927_200L,
        3,
        TrackingCode.of(filled(0x44)),
        ResetReason.ELECTION_OVER);
  }

  @Test
  void resetSpecVector() {
    StationLifecycleEvent e = resetVector();
    byte[] b = e.bytes();
    assertThat(b).hasSize(189);
    // kind 6 after the sequence; the reason's byte after the chain head, then 31 zero bytes
    int kindAt = 1 + 32 + 1 + 2 + 8;
    assertThat(b[kindAt]).isEqualTo((byte) 6);
    int fieldAt = kindAt + 1 + 8 + 8 + 32;
    assertThat(b[fieldAt]).isEqualTo((byte) 1);
    assertThat(java.util.Arrays.copyOfRange(b, fieldAt + 1, fieldAt + 32)).containsOnly(0);
    assertThat(HEX.formatHex(b)).isEqualTo(RESET_VECTOR_HEX);
    assertThat(e.sha256Hex()).isEqualTo(RESET_VECTOR_SHA256);
    StationLifecycleEvent d = StationLifecycleEvent.decode(b);
    assertThat(d.kind()).isEqualTo(Kind.RESET);
    assertThat(d.ballots()).isEqualTo(3);
    assertThat(d.chainHead()).isEqualTo(TrackingCode.of(filled(0x44)));
    assertThat(d.resetReason()).contains(ResetReason.ELECTION_OVER);
    assertThat(d.report()).isEmpty();
    assertThat(d.signedBy(KEY.publicKey())).isTrue();
  }

  static final String RESET_VECTOR_HEX =
      "0122222222222222222222222222222222222222222222222222222222222222"
          + "22027331000000000000000706000000006ab01f200000000000000003444444"
          + "4444444444444444444444444444444444444444444444444444444444010000"
          + "0000000000000000000000000000000000000000000000000000000000c94e53"
          + "3f737b099926953ebbd919fd9e7afb59ad054c65ecb57adae6d09c89248efd1b"
          + "f1ea790af01ef40171ae8c8e1ea49724ed18f806b29008cf7ebf20f101";
  static final String RESET_VECTOR_SHA256 =
      "f593f7c195c74b96c96117804b8a7f9b4216f67118431a112e8c63b957f2df7f";

  @Test
  void aResetCarriesAKnownReasonAndNothingElse() {
    byte[] good = resetVector().bytes();
    int fieldAt = 1 + 32 + 1 + 2 + 8 + 1 + 8 + 8 + 32;
    byte[] noReason = good.clone();
    noReason[fieldAt] = 0;
    assertThatThrownBy(() -> StationLifecycleEvent.decode(noReason))
        .hasMessageContaining("reason: a \"station reset\" carries its reason");
    byte[] unknown = good.clone();
    unknown[fieldAt] = 5;
    assertThatThrownBy(() -> StationLifecycleEvent.decode(unknown)).hasMessageContaining("reason:");
    byte[] trailing = good.clone();
    trailing[fieldAt + 31] = 1;
    assertThatThrownBy(() -> StationLifecycleEvent.decode(trailing))
        .hasMessageContaining("31 zero bytes");
    assertThatThrownBy(
            () ->
                StationLifecycleEvent.sign(
                    KEY,
                    Q,
                    "s1",
                    1,
                    Kind.RESET,
                    0,
                    0,
                    TrackingCode.seed(Q, "s1"),
                    Optional.empty()))
        .hasMessageContaining("signReset");
    for (ResetReason r : ResetReason.values()) {
      assertThat(ResetReason.of(r.code())).contains(r);
    }
  }

  @Test
  void decodesWhatItSigned() {
    StationLifecycleEvent e = vector();
    StationLifecycleEvent d = StationLifecycleEvent.decode(e.bytes());
    assertThat(d.stationId()).isEqualTo("s1");
    assertThat(d.sequence()).isEqualTo(2);
    assertThat(d.kind()).isEqualTo(Kind.POLLS_OPENED);
    assertThat(d.time()).isEqualTo(1_789_880_400L);
    assertThat(d.ballots()).isZero();
    assertThat(d.chainHead()).isEqualTo(TrackingCode.seed(Q, "s1"));
    assertThat(d.report()).hasValueSatisfying(r -> assertThat(r).isEqualTo(filled(0x33)));
    assertThat(d.extendedHash()).isEqualTo(Q);
  }

  @Test
  void everyFlippedByteBreaksTheSignatureOrTheFormat() {
    byte[] good = vector().bytes();
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      boolean refused;
      try {
        refused = !StationLifecycleEvent.decode(bad).signedBy(KEY.publicKey());
      } catch (IllegalArgumentException e) {
        refused = true;
      }
      assertThat(refused).as("byte %d flipped", i).isTrue();
    }
  }

  @Test
  void anotherKeyDoesNotVerify() {
    assertThat(vector().signedBy(SigningKey.fromSeed(filled(0x12)).publicKey())).isFalse();
  }

  @Test
  void refusesOversizedAndMisshapenBytes() {
    byte[] good = vector().bytes();
    assertThatThrownBy(
            () -> StationLifecycleEvent.decode(new byte[StationLifecycleEvent.MAX_BYTES + 1]))
        .hasMessageContaining("more than the");
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> StationLifecycleEvent.decode(longer))
        .hasMessageContaining("must have");
    byte[] noId = good.clone();
    noId[33] = 0;
    assertThatThrownBy(() -> StationLifecycleEvent.decode(noId)).hasMessageContaining("station id");
    byte[] idTooLong = good.clone();
    idTooLong[33] = 65;
    assertThatThrownBy(() -> StationLifecycleEvent.decode(idTooLong))
        .hasMessageContaining("station id");
    byte[] upper = good.clone();
    upper[34] = 'S';
    assertThatThrownBy(() -> StationLifecycleEvent.decode(upper))
        .hasMessageContaining("station id");
    byte[] kind = good.clone();
    kind[1 + 32 + 1 + 2 + 8] = 9;
    assertThatThrownBy(() -> StationLifecycleEvent.decode(kind))
        .hasMessageContaining("unknown kind");
    byte[] resumedWithReport = good.clone();
    resumedWithReport[1 + 32 + 1 + 2 + 8] = (byte) Kind.POLLS_RESUMED.code();
    assertThatThrownBy(() -> StationLifecycleEvent.decode(resumedWithReport))
        .hasMessageContaining("carries no report");
    assertThatThrownBy(
            () ->
                StationLifecycleEvent.sign(
                    KEY,
                    Q,
                    "x".repeat(65),
                    1,
                    Kind.ELECTION_LOADED,
                    0,
                    0,
                    TrackingCode.seed(Q, "s1"),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void orderOfEvents() {
    assertThat(Kind.ELECTION_LOADED.refusalAfter(Optional.empty(), false)).isEmpty();
    assertThat(Kind.POLLS_OPENED.refusalAfter(Optional.empty(), false)).isPresent();
    assertThat(Kind.POLLS_OPENED.refusalAfter(Optional.of(Kind.ELECTION_LOADED), false)).isEmpty();
    assertThat(Kind.POLLS_OPENED.refusalAfter(Optional.of(Kind.ELECTION_LOADED), true))
        .hasValueSatisfying(w -> assertThat(w).contains("already opened"));
    assertThat(Kind.POLLS_OPENED.refusalAfter(Optional.of(Kind.POLLS_CLOSED), true)).isPresent();
    assertThat(Kind.POLLS_RESUMED.refusalAfter(Optional.of(Kind.POLLS_OPENED), true)).isPresent();
    assertThat(Kind.POLLS_CLOSED.refusalAfter(Optional.of(Kind.POLLS_PAUSED), true)).isEmpty();
    assertThat(Kind.POLLS_PAUSED.refusalAfter(Optional.of(Kind.POLLS_CLOSED), true))
        .hasValueSatisfying(
            w -> assertThat(w).contains("\"polls paused\" cannot follow \"polls closed\""));
    assertThat(Kind.RESET.refusalAfter(Optional.of(Kind.POLLS_CLOSED), true)).isEmpty();
    // after a reset: loaded again only where the polls never opened (decision 0349)
    assertThat(Kind.ELECTION_LOADED.refusalAfter(Optional.of(Kind.RESET), false)).isEmpty();
    assertThat(Kind.ELECTION_LOADED.refusalAfter(Optional.of(Kind.RESET), true))
        .hasValueSatisfying(w -> assertThat(w).contains("takes no further part"));
    assertThat(Kind.RESET.refusalAfter(Optional.empty(), false))
        .hasValueSatisfying(w -> assertThat(w).contains("\"station reset\" cannot follow nothing"));
    assertThat(Kind.RESET.refusalAfter(Optional.of(Kind.RESET), false)).isPresent();
    assertThat(Kind.RESET.refusalAfter(Optional.of(Kind.ELECTION_LOADED), false)).isEmpty();
    assertThat(Kind.RESET.refusalAfter(Optional.of(Kind.POLLS_OPENED), true)).isEmpty();
  }
}
