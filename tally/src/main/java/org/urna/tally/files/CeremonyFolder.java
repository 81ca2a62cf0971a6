package org.urna.tally.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.urna.tally.Ceremony;
import org.urna.tally.CeremonyParameters;
import org.urna.tally.CheckReport;
import org.urna.tally.ComplaintAnswer;
import org.urna.tally.Deal;
import org.urna.tally.JointKey;
import org.urna.tally.KeyAnnouncement;
import org.urna.tally.TrusteeException;

/**
 * The ceremony folder the trustees pass around (docs/spec/trustees.md 2.1): public files only, the
 * key files stay with their trustees.
 */
public final class CeremonyFolder {
  public static final String CEREMONY = "ceremony.json";
  public static final String JOINT_KEY = "joint-key.json";
  private static final Pattern ANSWER = Pattern.compile("trustee-(\\d+)\\.answer-(\\d+)\\.json");

  private final Path dir;
  private CeremonyParameters params;

  public CeremonyFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path ceremonyFile() {
    return dir.resolve(CEREMONY);
  }

  public Path announcement(int i) {
    return dir.resolve("trustee-" + i + ".announcement.json");
  }

  public Path deal(int i) {
    return dir.resolve("trustee-" + i + ".deal.json");
  }

  public Path check(int j) {
    return dir.resolve("trustee-" + j + ".check.json");
  }

  public Path answer(int dealer, int recipient) {
    return dir.resolve("trustee-" + dealer + ".answer-" + recipient + ".json");
  }

  public Path jointKeyFile() {
    return dir.resolve(JOINT_KEY);
  }

  public static byte[] read(Path p) throws FileFormatException {
    try {
      if (Files.size(p) > TrusteeJson.MAX_BYTES) {
        throw new FileFormatException(p + ": the file is larger than 16 MiB");
      }
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new FileFormatException(p + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  public CeremonyParameters params() throws FileFormatException, TrusteeException {
    if (params == null) {
      Path p = ceremonyFile();
      if (!Files.exists(p)) {
        throw new FileFormatException(
            p + " is missing: create it with 'urna ceremony new' and give every trustee a copy");
      }
      params = TrusteeFiles.readCeremony(read(p), p.toString());
    }
    return params;
  }

  public List<KeyAnnouncement> announcements() throws FileFormatException, TrusteeException {
    List<KeyAnnouncement> out = new ArrayList<>();
    for (int i = 1; i <= params().size(); i++) {
      Path p = announcement(i);
      if (Files.exists(p)) {
        KeyAnnouncement a = TrusteeFiles.readAnnouncement(read(p), p.toString(), params);
        requireNamed(p, a.trustee(), i);
        out.add(a);
      }
    }
    return out;
  }

  public List<Deal> deals() throws FileFormatException, TrusteeException {
    List<Deal> out = new ArrayList<>();
    for (int i = 1; i <= params().size(); i++) {
      Path p = deal(i);
      if (Files.exists(p)) {
        Deal d = TrusteeFiles.readDeal(read(p), p.toString(), params);
        requireNamed(p, d.dealer(), i);
        out.add(d);
      }
    }
    return out;
  }

  public List<CheckReport> reports() throws FileFormatException, TrusteeException {
    List<CheckReport> out = new ArrayList<>();
    for (int j = 1; j <= params().size(); j++) {
      Path p = check(j);
      if (Files.exists(p)) {
        CheckReport r = TrusteeFiles.readCheck(read(p), p.toString(), params);
        requireNamed(p, r.trustee(), j);
        out.add(r);
      }
    }
    return out;
  }

  public List<ComplaintAnswer> answers() throws FileFormatException, TrusteeException {
    params();
    List<ComplaintAnswer> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        Matcher m = ANSWER.matcher(p.getFileName().toString());
        if (m.matches()) {
          ComplaintAnswer a = TrusteeFiles.readAnswer(read(p), p.toString(), params);
          if (a.dealer() != Integer.parseInt(m.group(1))
              || a.recipient() != Integer.parseInt(m.group(2))) {
            throw new FileFormatException(
                p + ": holds the answer of trustee " + a.dealer() + " to trustee " + a.recipient());
          }
          out.add(a);
        }
      }
    } catch (IOException e) {
      throw new FileFormatException(dir + ": cannot be listed (" + e.getMessage() + ")");
    }
    return out;
  }

  private static void requireNamed(Path p, int inFile, int inName) throws FileFormatException {
    if (inFile != inName) {
      throw new FileFormatException(
          p + ": holds a message of trustee " + inFile + ", but its name says trustee " + inName);
    }
  }

  public Ceremony.Published published() throws FileFormatException, TrusteeException {
    return new Ceremony.Published(announcements(), deals(), reports(), answers());
  }

  /** Recomputes the joint key from the folder's public files (steps T2 to T8). */
  public JointKey jointKey() throws FileFormatException, TrusteeException {
    return Ceremony.combine(params(), published());
  }
}
