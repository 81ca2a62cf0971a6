package org.urna.kiosk.polls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.Station;
import org.urna.core.election.TrustAnchor;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.polls.PackageRefusal.Reason;

/**
 * Finds a poll worker's election package in the configured folders and checks it: every package
 * check P1–P9 against the configured trust anchor, this station's id and key in the manifest, and
 * the voting window not yet over. Reads only; writes nothing.
 */
public final class PackageCheck {
  public static final String FILE_NAME = "election-package.json";
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  /** A package that passed every check, with its file's bytes and its fingerprint. */
  public record Checked(
      Path file, byte[] bytes, ElectionPackage pkg, ElectionFingerprint fingerprint) {}

  private PackageCheck() {}

  /** The first {@value #FILE_NAME} in {@code folders}, in their order. */
  static Path find(List<Path> folders, Messages m) throws PackageRefusal {
    for (Path f : folders) {
      Path p = f.resolve(FILE_NAME);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    String where = folders.stream().map(Path::toString).collect(Collectors.joining(", "));
    throw new PackageRefusal(Reason.NOT_FOUND, m.text("load.notFound", FILE_NAME, where), where);
  }

  static Checked check(
      Path file,
      TrustAnchor anchor,
      String stationId,
      SigningKey stationKey,
      Instant now,
      Messages m)
      throws PackageRefusal {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new PackageRefusal(
            Reason.DAMAGED, m.text("load.damaged", "P1", m.text("load.tooBig")), "P1 too big");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PackageRefusal(
          Reason.UNREADABLE, m.text("load.unreadable", file.toString()), String.valueOf(e));
    }
    ElectionPackage pkg;
    try {
      pkg = ElectionPackage.load(bytes, anchor, now);
    } catch (ElectionPackageException e) {
      String step = e.step().code();
      String detail = step + " " + e.step().title() + ": " + e.getMessage();
      throw switch (e.step()) {
        case P4_AUTHORITY_ROOT, P5_AUTHORITY_CERTIFICATE ->
            new PackageRefusal(Reason.FOREIGN_AUTHORITY, m.text("load.foreign", step), detail);
        case P6_SIGNATURE ->
            new PackageRefusal(Reason.NOT_SIGNED, m.text("load.unsigned", step), detail);
        default ->
            new PackageRefusal(
                Reason.DAMAGED, m.text("load.damaged", step, e.step().title()), detail);
      };
    }
    if (pkg.station().isPresent() && !pkg.station().get().equals(stationId)) {
      throw new PackageRefusal(
          Reason.OTHER_STATION,
          m.text("load.stationPackage", stationId, pkg.station().get()),
          "package made for station " + pkg.station().get());
    }
    var station = pkg.manifest().station(stationId);
    if (station.isEmpty()) {
      String listed =
          pkg.manifest().stations().stream().map(Station::id).collect(Collectors.joining(", "));
      throw new PackageRefusal(
          Reason.OTHER_STATION,
          m.text("load.otherStation", stationId, listed),
          "stations in the package: " + listed);
    }
    if (!station.get().key().equals(stationKey.publicKey())) {
      throw new PackageRefusal(
          Reason.OTHER_STATION_KEY,
          m.text("load.otherKey", stationId),
          "package key " + station.get().key().toHex());
    }
    var window = pkg.manifest().votingWindow();
    if (!now.isBefore(window.closes())) {
      throw new PackageRefusal(
          Reason.WINDOW_CLOSED,
          m.text("load.windowClosed", window.closes().toString()),
          "window " + window.opens() + " to " + window.closes());
    }
    return new Checked(file, bytes, pkg, ElectionFingerprint.of(bytes));
  }
}
