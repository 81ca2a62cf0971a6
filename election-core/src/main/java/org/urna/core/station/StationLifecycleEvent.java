package org.urna.core.station;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * A station's lifecycle event (election loaded, polls opened, paused, resumed, closed, reset),
 * signed by the station's key and written to the ledger as a leaf of its own type
 * (docs/spec/ledger.md, "Station events"). Big-endian, exactly:
 *
 * <pre>
 * u8 version (1) || Q (32) || u8 n || station id (n bytes) || u64 sequence || u8 kind
 *   || u64 time (Unix seconds) || u64 ballots || chain head (32) || report (32)
 *   || signature (64) over H("station-event", every byte before the signature)
 * </pre>
 *
 * {@code ballots} is the number of recorded ballots in the station's tracking-code chain when the
 * event happened and {@code chain head} its last tracking code (the chain's seed before the first
 * ballot); {@code report} is the SHA-256 of the poll report printed with the event (the hash its QR
 * code carries), 32 zero bytes for events without a report, and for a reset its reason: one byte
 * ({@link ResetReason}) and 31 zero bytes. Immutable; {@link #bytes()} are the bytes as signed and
 * sent.
 */
public final class StationLifecycleEvent {
  public static final int VERSION = 1;

  /** The longest station id, as in the manifest. */
  public static final int MAX_STATION_ID = 64;

  /** The fixed part of an event: everything but the station id. */
  public static final int FIXED_BYTES = 1 + 32 + 1 + 8 + 1 + 8 + 8 + 32 + 32 + Signature.BYTES;

  /** The longest event. */
  public static final int MAX_BYTES = FIXED_BYTES + MAX_STATION_ID;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final byte[] NO_REPORT = new byte[32];

  /**
   * Why a station was reset (decision 0349): the first byte of a reset's report field, the 31 after
   * it zero. Its code is the byte on the wire.
   */
  public enum ResetReason {
    /** Cleared after its polls closed, for another election. */
    ELECTION_OVER(1, "cleared after the election"),
    /** Set up again before its polls opened (a wrong set-up, a rehearsal). */
    SET_UP_AGAIN(2, "set up again before the polls opened"),
    /** The station or its ballot box failed and is taken out of service. */
    FAULT(3, "taken out of service after a fault"),
    /** Another reason, written in the station's audit log. */
    OTHER(4, "other reason (in the station's audit log)");

    private final int code;
    private final String words;

    ResetReason(int code, String words) {
      this.code = code;
      this.words = words;
    }

    public int code() {
      return code;
    }

    /** In words, for pages and the audit log. */
    public String words() {
      return words;
    }

    public static Optional<ResetReason> of(int code) {
      for (ResetReason r : values()) {
        if (r.code == code) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }

    /** The 32 bytes of the report field of a reset with this reason. */
    byte[] field() {
      byte[] f = new byte[32];
      f[0] = (byte) code;
      return f;
    }
  }

  /** What happened at the station. Its code is the byte on the wire. */
  public enum Kind {
    ELECTION_LOADED(1, "election loaded", false),
    POLLS_OPENED(2, "polls opened", true),
    POLLS_PAUSED(3, "polls paused", true),
    POLLS_RESUMED(4, "polls resumed", false),
    POLLS_CLOSED(5, "polls closed", true),
    RESET(6, "station reset", false);

    private final int code;
    private final String words;
    private final boolean report;

    Kind(int code, String words, boolean report) {
      this.code = code;
      this.words = words;
      this.report = report;
    }

    public int code() {
      return code;
    }

    /** In words, for refusals and pages ("polls opened"). */
    public String words() {
      return words;
    }

    /** Whether the event carries the hash of a printed report (zero, pause, closing). */
    public boolean carriesReport() {
      return report;
    }

    public static Optional<Kind> of(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }

    /**
     * Why this event may not follow {@code previous} (empty: the station's first event), or empty
     * when it may. The order of docs/spec/ledger.md: first "election loaded"; "polls opened" once,
     * after "election loaded"; "paused" while open, "resumed" while paused; "closed" while open or
     * paused; "reset" after any event but "reset"; after "reset" only "election loaded" again, and
     * only at a station whose polls never opened (decision 0349): the polls never open a second
     * time.
     */
    public Optional<String> refusalAfter(Optional<Kind> previous, boolean openedBefore) {
      Kind p = previous.orElse(null);
      boolean ok =
          switch (this) {
            case ELECTION_LOADED -> p == null || (p == RESET && !openedBefore);
            case POLLS_OPENED -> p == ELECTION_LOADED && !openedBefore;
            case POLLS_PAUSED -> p == POLLS_OPENED || p == POLLS_RESUMED;
            case POLLS_RESUMED -> p == POLLS_PAUSED;
            case POLLS_CLOSED -> p == POLLS_OPENED || p == POLLS_RESUMED || p == POLLS_PAUSED;
            case RESET -> p != null && p != RESET;
          };
      if (ok) {
        return Optional.empty();
      }
      if (this == POLLS_OPENED && openedBefore && p == ELECTION_LOADED) {
        return Optional.of("the polls were already opened once at this station");
      }
      if (this == ELECTION_LOADED && openedBefore && p == RESET) {
        return Optional.of(
            "the polls were opened at this station before its reset: it takes no further part in"
                + " this election (its polls never open a second time)");
      }
      return Optional.of(
          "\""
              + words
              + "\" cannot follow "
              + (p == null
                  ? "nothing (a station's first event is \"election loaded\")"
                  : "\"" + p.words + "\""));
    }
  }

  private final byte[] bytes;
  private final byte[] extendedHash;
  private final String stationId;
  private final long sequence;
  private final Kind kind;
  private final long time;
  private final long ballots;
  private final byte[] chainHead;
  private final byte[] report;
  private final int signedLength;

  private StationLifecycleEvent(
      byte[] bytes,
      byte[] extendedHash,
      String stationId,
      long sequence,
      Kind kind,
      long time,
      long ballots,
      byte[] chainHead,
      byte[] report) {
    this.bytes = bytes;
    this.extendedHash = extendedHash;
    this.stationId = stationId;
    this.sequence = sequence;
    this.kind = kind;
    this.time = time;
    this.ballots = ballots;
    this.chainHead = chainHead;
    this.report = report;
    this.signedLength = bytes.length - Signature.BYTES;
  }

  /**
   * Makes and signs a reset (kind 6): the ballots and chain head of the ballot box being reset, and
   * why.
   */
  public static StationLifecycleEvent signReset(
      SigningKey stationKey,
      byte[] extendedHash,
      String stationId,
      long sequence,
      long unixSeconds,
      long ballots,
      TrackingCode chainHead,
      ResetReason reason) {
    return make(
        stationKey,
        extendedHash,
        stationId,
        sequence,
        Kind.RESET,
        unixSeconds,
        ballots,
        chainHead,
        reason.field());
  }

  /**
   * Makes and signs an event. {@code report} is empty for kinds without a report; a reset is made
   * with {@link #signReset}.
   */
  public static StationLifecycleEvent sign(
      SigningKey stationKey,
      byte[] extendedHash,
      String stationId,
      long sequence,
      Kind kind,
      long unixSeconds,
      long ballots,
      TrackingCode chainHead,
      Optional<byte[]> report) {
    if (kind == Kind.RESET) {
      throw new IllegalArgumentException("a reset carries its reason: signReset makes it");
    }
    if (report.isPresent() != kind.carriesReport()
        || report.map(r -> r.length != 32).orElse(false)) {
      throw new IllegalArgumentException(
          "\""
              + kind.words()
              + "\" "
              + (kind.carriesReport() ? "carries" : "carries no")
              + " report hash");
    }
    return make(
        stationKey,
        extendedHash,
        stationId,
        sequence,
        kind,
        unixSeconds,
        ballots,
        chainHead,
        report.orElse(NO_REPORT));
  }

  private static StationLifecycleEvent make(
      SigningKey stationKey,
      byte[] extendedHash,
      String stationId,
      long sequence,
      Kind kind,
      long unixSeconds,
      long ballots,
      TrackingCode chainHead,
      byte[] field) {
    if (extendedHash.length != 32) {
      throw new IllegalArgumentException("the election hash has 32 bytes");
    }
    if (!ID.matcher(stationId).matches()) {
      throw new IllegalArgumentException("not a station id: " + stationId);
    }
    if (sequence < 1 || unixSeconds < 0 || ballots < 0) {
      throw new IllegalArgumentException("sequence from 1, time and ballots not negative");
    }
    byte[] id = stationId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(FIXED_BYTES + id.length);
    b.put((byte) VERSION).put(extendedHash).put((byte) id.length).put(id);
    b.putLong(sequence).put((byte) kind.code).putLong(unixSeconds).putLong(ballots);
    b.put(chainHead.toBytes()).put(field);
    byte[] out = b.array();
    int signed = out.length - Signature.BYTES;
    byte[] sig = stationKey.sign(message(out, signed)).toBytes();
    System.arraycopy(sig, 0, out, signed, Signature.BYTES);
    return decode(out);
  }

  /** The message the station signs: H("station-event", the event's bytes before the signature). */
  static byte[] message(byte[] bytes, int signedLength) {
    return Hash.tagged("station-event").part(Arrays.copyOf(bytes, signedLength)).digest();
  }

  /**
   * Reads an event; refuses (with words naming the field) anything that is not exactly one event of
   * this version. Does not check the signature ({@link #signedBy}).
   */
  public static StationLifecycleEvent decode(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the event has "
              + bytes.length
              + " bytes, more than the "
              + MAX_BYTES
              + " an event can have");
    }
    if (bytes.length < FIXED_BYTES + 1) {
      throw new IllegalArgumentException("the event is shorter than its fixed fields");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int version = b.get() & 0xff;
    if (version != VERSION) {
      throw new IllegalArgumentException("version " + version + " is not " + VERSION);
    }
    byte[] q = new byte[32];
    b.get(q);
    int n = b.get() & 0xff;
    if (n < 1 || n > MAX_STATION_ID) {
      throw new IllegalArgumentException("station id: " + n + " bytes, not 1 to " + MAX_STATION_ID);
    }
    if (bytes.length != FIXED_BYTES + n) {
      throw new IllegalArgumentException(
          "the event has "
              + bytes.length
              + " bytes; with its station id it must have "
              + (FIXED_BYTES + n));
    }
    byte[] id = new byte[n];
    b.get(id);
    String station = new String(id, StandardCharsets.US_ASCII);
    if (!ID.matcher(station).matches()) {
      throw new IllegalArgumentException(
          "station id: must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-'");
    }
    long sequence = b.getLong();
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence: events are numbered from 1");
    }
    int code = b.get() & 0xff;
    Kind kind =
        Kind.of(code).orElseThrow(() -> new IllegalArgumentException("kind: unknown kind " + code));
    long time = b.getLong();
    long ballots = b.getLong();
    if (time < 0 || ballots < 0) {
      throw new IllegalArgumentException("time and ballots are below 2^63");
    }
    byte[] head = new byte[32];
    b.get(head);
    byte[] report = new byte[32];
    b.get(report);
    if (kind == Kind.RESET) {
      Optional<ResetReason> why = ResetReason.of(report[0] & 0xff);
      if (why.isEmpty() || !Arrays.equals(report, 1, 32, NO_REPORT, 1, 32)) {
        throw new IllegalArgumentException(
            "reason: a \"station reset\" carries its reason, one byte 1 to "
                + ResetReason.values().length
                + " and 31 zero bytes");
      }
    } else if (!Arrays.equals(report, NO_REPORT) != kind.carriesReport()) {
      throw new IllegalArgumentException(
          "report: \""
              + kind.words()
              + "\" "
              + (kind.carriesReport()
                  ? "carries its report's hash"
                  : "carries no report (32 zero bytes)"));
    }
    return new StationLifecycleEvent(
        bytes.clone(), q, station, sequence, kind, time, ballots, head, report);
  }

  /** Whether the station's key signed exactly these bytes. */
  public boolean signedBy(VerifyingKey stationKey) {
    return stationKey.verifies(
        message(bytes, signedLength),
        Signature.decode(Arrays.copyOfRange(bytes, signedLength, bytes.length)));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** SHA-256 of the bytes (the test vector's hash; not the ledger's leaf hash). */
  public String sha256Hex() {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] extendedHash() {
    return extendedHash.clone();
  }

  public String stationId() {
    return stationId;
  }

  public long sequence() {
    return sequence;
  }

  public Kind kind() {
    return kind;
  }

  /** When it happened by the station's clock, Unix seconds. */
  public long time() {
    return time;
  }

  /** The recorded ballots in the station's chain at the event. */
  public long ballots() {
    return ballots;
  }

  public TrackingCode chainHead() {
    return TrackingCode.of(chainHead);
  }

  /** The report's hash, for the kinds that carry one. */
  public Optional<byte[]> report() {
    return kind.carriesReport() ? Optional.of(report.clone()) : Optional.empty();
  }

  public Optional<String> reportHex() {
    return report().map(HexFormat.of()::formatHex);
  }

  /** Why the station was reset, for a reset. */
  public Optional<ResetReason> resetReason() {
    return kind == Kind.RESET ? ResetReason.of(report[0] & 0xff) : Optional.empty();
  }

  @Override
  public String toString() {
    return stationId + " #" + sequence + " " + kind.words();
  }
}
