package org.urna.hardware.card.virtual;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import org.urna.hardware.card.CardDataException;

/**
 * A virtual card's state as a small properties file (docs/decisions/0101). Every save replaces the
 * file atomically after an fsync, so a PIN try counted is never lost and a half-written file never
 * exists. The file holds the card's private key: it is as secret as the card (mode 600).
 */
public final class CardStateFile {
  static final String FORMAT = "urna-virtual-piv-card/2";

  /** The first format had no PUK: such a card loads with a blocked PUK (it cannot be reset). */
  static final String FORMAT_WITHOUT_PUK = "urna-virtual-piv-card/1";

  private final Path path;

  public CardStateFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  public Path path() {
    return path;
  }

  public CardState load() throws IOException, CardDataException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    String format = p.getProperty("format");
    boolean withPuk = FORMAT.equals(format);
    if (!withPuk && !FORMAT_WITHOUT_PUK.equals(format)) {
      throw new CardDataException(path + " is not a virtual card state file (" + FORMAT + ")");
    }
    try {
      return new CardState(
          HexFormat.of().parseHex(required(p, "guid")),
          b64(p, "slot.9a.certificate"),
          b64(p, "slot.9a.privateKey"),
          b64(p, "pin.salt"),
          b64(p, "pin.hash"),
          Integer.parseInt(required(p, "pin.triesMax")),
          Integer.parseInt(required(p, "pin.triesLeft")),
          withPuk ? b64(p, "puk.salt") : new byte[16],
          withPuk ? b64(p, "puk.hash") : new byte[32],
          withPuk ? Integer.parseInt(required(p, "puk.triesMax")) : 3,
          withPuk ? Integer.parseInt(required(p, "puk.triesLeft")) : 0);
    } catch (IllegalArgumentException e) {
      throw new CardDataException(path + " has a malformed field: " + e.getMessage());
    }
  }

  public void save(CardState s) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("guid", HexFormat.of().formatHex(s.guid()));
    p.setProperty("slot.9a.certificate", Base64.getEncoder().encodeToString(s.certificateDer()));
    p.setProperty("slot.9a.privateKey", Base64.getEncoder().encodeToString(s.privateKeyPkcs8()));
    p.setProperty("pin.salt", Base64.getEncoder().encodeToString(s.pinSalt()));
    p.setProperty("pin.hash", Base64.getEncoder().encodeToString(s.pinHash()));
    p.setProperty("pin.triesMax", Integer.toString(s.triesMax()));
    p.setProperty("pin.triesLeft", Integer.toString(s.triesLeft()));
    p.setProperty("puk.salt", Base64.getEncoder().encodeToString(s.pukSalt()));
    p.setProperty("puk.hash", Base64.getEncoder().encodeToString(s.pukHash()));
    p.setProperty("puk.triesMax", Integer.toString(s.pukTriesMax()));
    p.setProperty("puk.triesLeft", Integer.toString(s.pukTriesLeft()));
    StringWriter text = new StringWriter();
    p.store(text, "Urna virtual PIV card: holds a private key, keep it secret");
    Path dir = path.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's protection applies
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException(key + " is missing");
    }
    return v.strip();
  }

  private static byte[] b64(Properties p, String key) {
    return Base64.getDecoder().decode(required(p, key));
  }
}
