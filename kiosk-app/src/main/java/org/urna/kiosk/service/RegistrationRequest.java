package org.urna.kiosk.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * A station's request to be registered in election packages: its id, its public key and the time,
 * signed by that key (docs/spec/station-registration.md). The same ASCII text is the file a
 * technician carries to the election manager and the QR code on the Keys screen.
 */
public record RegistrationRequest(
    String stationId, VerifyingKey key, Instant time, Signature signature) {
  public static final String FORMAT = "urna/station-registration/v1";
  static final String TAG = "station-registration";

  public RegistrationRequest {
    Objects.requireNonNull(stationId, "stationId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(signature, "signature");
  }

  /** The request for {@code stationId}, signed by {@code stationKey} at {@code time}. */
  public static RegistrationRequest sign(String stationId, SigningKey stationKey, Instant time) {
    Instant t = time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new RegistrationRequest(
        stationId,
        stationKey.publicKey(),
        t,
        stationKey.sign(message(stationId, stationKey.publicKey(), t)));
  }

  static byte[] message(String stationId, VerifyingKey key, Instant time) {
    return Hash.tagged(TAG).part(stationId).part(key.toBytes()).part(time.toString()).digest();
  }

  /** True when the signature is the station key's over the id, key and time. */
  public boolean verifies() {
    return key.verifies(message(stationId, key, time), signature);
  }

  /** Five lines of ASCII, each ending in a newline. */
  public String encode() {
    return FORMAT
        + "\nstation "
        + stationId
        + "\nkey "
        + key.toHex()
        + "\ntime "
        + time
        + "\nsignature "
        + signature.toHex()
        + "\n";
  }

  public byte[] bytes() {
    return encode().getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads {@link #encode}'s text back; IllegalArgumentException says what is wrong. */
  public static RegistrationRequest parse(String text) {
    List<String> lines = text.lines().toList();
    if (lines.size() != 5 || !lines.get(0).equals(FORMAT)) {
      throw new IllegalArgumentException("not a station registration request (" + FORMAT + ")");
    }
    try {
      Instant time = Instant.parse(field(lines.get(3), "time"));
      if (time.getNano() != 0) {
        throw new IllegalArgumentException("a registration request's time is in whole seconds");
      }
      return new RegistrationRequest(
          field(lines.get(1), "station"),
          VerifyingKey.fromHex(hex(field(lines.get(2), "key"), 64, "key")),
          time,
          Signature.fromHex(hex(field(lines.get(4), "signature"), 128, "signature")));
    } catch (DateTimeParseException | org.urna.core.crypto.CryptoFormatException e) {
      throw new IllegalArgumentException("a malformed registration request: " + e.getMessage(), e);
    }
  }

  private static String hex(String value, int digits, String name) {
    if (!value.matches("[0-9a-f]{" + digits + "}")) {
      throw new IllegalArgumentException(
          "a registration request's " + name + " is " + digits + " lower-case hex digits");
    }
    return value;
  }

  private static String field(String line, String name) {
    if (!line.startsWith(name + " ")) {
      throw new IllegalArgumentException(
          "a registration request's line should start '" + name + " '");
    }
    return line.substring(name.length() + 1);
  }
}
