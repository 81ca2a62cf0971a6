package org.urna.ledger.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.Cosignatures;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.note.VerifierKey;

/**
 * A C2SP tlog-policy file: the logs (Ed25519 0x01 vkeys whose name is the origin), the witnesses
 * (cosignature 0x04 vkeys), groups with thresholds and exactly one quorum line.
 */
public record WitnessPolicy(
    List<LogKey> logs, Map<String, Witness> witnesses, Map<String, Group> groups, String quorum) {

  public record LogKey(VerifierKey key, Optional<String> url) {}

  public record Witness(String name, VerifierKey key, Optional<String> url) {}

  public record Group(String name, int threshold, List<String> members) {}

  public WitnessPolicy {
    logs = List.copyOf(logs);
    witnesses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(witnesses));
    groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    if (quorum == null) {
      throw new NoteFormatException("a policy has exactly one quorum line");
    }
  }

  /** A policy where {@code threshold} of the listed witnesses must cosign. */
  public static WitnessPolicy threshold(List<LogKey> logs, List<Witness> witnesses, int threshold) {
    Map<String, Witness> ws = new LinkedHashMap<>();
    witnesses.forEach(w -> ws.put(w.name(), w));
    Group g = new Group("validators", threshold, witnesses.stream().map(Witness::name).toList());
    return new WitnessPolicy(logs, ws, Map.of(g.name(), g), g.name());
  }

  public String format() {
    StringBuilder sb = new StringBuilder();
    for (LogKey l : logs) {
      sb.append("log ").append(l.key().vkey());
      l.url().ifPresent(u -> sb.append(' ').append(u));
      sb.append('\n');
    }
    for (Witness w : witnesses.values()) {
      sb.append("witness ").append(w.name()).append(' ').append(w.key().vkey());
      w.url().ifPresent(u -> sb.append(' ').append(u));
      sb.append('\n');
    }
    for (Group g : groups.values()) {
      String k =
          g.threshold() == g.members().size()
              ? "all"
              : g.threshold() == 1 ? "any" : Integer.toString(g.threshold());
      sb.append("group ").append(g.name()).append(' ').append(k);
      g.members().forEach(m -> sb.append(' ').append(m));
      sb.append('\n');
    }
    sb.append("quorum ").append(quorum).append('\n');
    return sb.toString();
  }

  public static WitnessPolicy parse(byte[] bytes) {
    for (byte b : bytes) {
      if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n') || b == 0x7f) {
        throw new NoteFormatException(
            "a policy may contain only tab and newline as control characters");
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<LogKey> logs = new ArrayList<>();
    Map<String, Witness> witnesses = new LinkedHashMap<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    Set<String> publicKeys = new HashSet<>();
    String quorum = null;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("[ \t]+");
      switch (f[0]) {
        case "log" -> {
          if (f.length < 2 || f.length > 3) {
            throw new NoteFormatException("a log line is: log <vkey> [<url>]");
          }
          VerifierKey k = VerifierKey.parse(f[1]);
          if (k.type() != SignatureType.ED25519
              || !publicKeys.add(java.util.HexFormat.of().formatHex(k.publicKey()))) {
            throw new NoteFormatException("a log key is a unique Ed25519 (0x01) vkey");
          }
          logs.add(new LogKey(k, f.length == 3 ? Optional.of(f[2]) : Optional.empty()));
        }
        case "witness" -> {
          if (f.length < 3 || f.length > 4) {
            throw new NoteFormatException("a witness line is: witness <name> <vkey> [<url>]");
          }
          defineName(f[1], witnesses, groups);
          VerifierKey k = VerifierKey.parse(f[2]);
          if (k.type() != SignatureType.COSIGNATURE_V1
              || !publicKeys.add(java.util.HexFormat.of().formatHex(k.publicKey()))) {
            throw new NoteFormatException("a witness key is a unique cosignature (0x04) vkey");
          }
          witnesses.put(
              f[1], new Witness(f[1], k, f.length == 4 ? Optional.of(f[3]) : Optional.empty()));
        }
        case "group" -> {
          if (f.length < 4) {
            throw new NoteFormatException("a group line is: group <name> all|any|<k> <name>...");
          }
          defineName(f[1], witnesses, groups);
          List<String> members = List.of(f).subList(3, f.length);
          if (new HashSet<>(members).size() != members.size()) {
            throw new NoteFormatException("a group lists each member once");
          }
          for (String m : members) {
            if (!witnesses.containsKey(m) && !groups.containsKey(m)) {
              throw new NoteFormatException(
                  "a group member must be defined on an earlier line: " + m);
            }
          }
          int k =
              switch (f[2]) {
                case "all" -> members.size();
                case "any" -> 1;
                default -> {
                  if (!f[2].matches("[1-9][0-9]{0,3}")) {
                    throw new NoteFormatException("a group threshold is all, any or a decimal");
                  }
                  yield Integer.parseInt(f[2]);
                }
              };
          if (k < 1 || k > members.size()) {
            throw new NoteFormatException("a group threshold is between 1 and its member count");
          }
          groups.put(f[1], new Group(f[1], k, members));
        }
        case "quorum" -> {
          if (f.length != 2 || quorum != null) {
            throw new NoteFormatException("a policy has exactly one line: quorum <name>");
          }
          if (!f[1].equals("none") && !witnesses.containsKey(f[1]) && !groups.containsKey(f[1])) {
            throw new NoteFormatException(
                "the quorum must name a witness or group defined earlier");
          }
          quorum = f[1];
        }
        default -> throw new NoteFormatException("unknown policy line: " + f[0]);
      }
    }
    return new WitnessPolicy(logs, witnesses, groups, quorum);
  }

  private static void defineName(String name, Map<String, Witness> ws, Map<String, Group> gs) {
    if (name.equals("none") || ws.containsKey(name) || gs.containsKey(name)) {
      throw new NoteFormatException("a witness or group name is defined twice: " + name);
    }
  }

  /** The names of the witnesses whose cosignature on the note verifies. */
  public Set<String> cosigners(SignedNote note) {
    Set<String> names = new HashSet<>();
    for (Witness w : witnesses.values()) {
      if (Cosignatures.cosignedBy(note, w.key())) {
        names.add(w.name());
      }
    }
    return names;
  }

  public boolean quorumReached(Set<String> cosigners) {
    return quorum.equals("none") || satisfied(quorum, cosigners);
  }

  private boolean satisfied(String name, Set<String> cosigners) {
    if (witnesses.containsKey(name)) {
      return cosigners.contains(name);
    }
    Group g = groups.get(name);
    long n = g.members().stream().filter(m -> satisfied(m, cosigners)).count();
    return n >= g.threshold();
  }

  /** The log keys for a checkpoint origin (a log vkey's name is its origin). */
  public List<VerifierKey> logKeys(String origin) {
    return logs.stream().map(LogKey::key).filter(k -> k.name().equals(origin)).toList();
  }

  /** A checkpoint is valid when one listed log signed it and the quorum cosigned it. */
  public boolean accepts(SignedNote note) {
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(note.text());
    } catch (NoteFormatException e) {
      return false;
    }
    boolean logSigned = logKeys(cp.origin()).stream().anyMatch(note::verifiedBy);
    return logSigned && quorumReached(cosigners(note));
  }
}
