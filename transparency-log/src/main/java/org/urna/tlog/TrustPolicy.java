package org.urna.tlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The keys this kiosk trusts, written as a C2SP tlog-policy: {@code log <vkey> [url]} lines (the
 * vkey's name is the checkpoint origin), {@code witness <name> <vkey> [url]} lines for the
 * validators' cosigner keys, {@code group <name> all|any|<k> <member>...} lines and exactly one
 * {@code quorum <name>} line. It comes from the kiosk's configuration, never from the ledger.
 */
public final class TrustPolicy {
  private final List<NoteKey> logs;
  private final Map<String, NoteKey> witnesses;
  private final Map<String, Group> groups;
  private final String quorum;
  private final String strictForm;

  private record Group(int threshold, List<String> members) {}

  private TrustPolicy(
      List<NoteKey> logs,
      Map<String, NoteKey> witnesses,
      Map<String, Group> groups,
      String q,
      String strictForm) {
    this.logs = List.copyOf(logs);
    this.witnesses = Collections.unmodifiableMap(witnesses);
    this.groups = Collections.unmodifiableMap(groups);
    this.quorum = q;
    this.strictForm = strictForm;
  }

  public static TrustPolicy parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  public static TrustPolicy parse(byte[] bytes) {
    if (bytes.length > SignedNote.MAX_BYTES) {
      throw new LedgerFormatException("a policy is larger than 1 MiB");
    }
    for (byte b : bytes) {
      if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n') || b == 0x7f) {
        throw new LedgerFormatException("a policy contains a control character");
      }
    }
    List<NoteKey> logs = new ArrayList<>();
    Map<String, NoteKey> witnesses = new LinkedHashMap<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    Set<String> keys = new HashSet<>();
    String quorum = null;
    StringBuilder strict = new StringBuilder();
    for (String raw : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("[ \t]+");
      switch (f[0]) {
        case "log" -> {
          if (f.length < 2 || f.length > 3) {
            throw new LedgerFormatException("a log line is: log <vkey> [<url>]");
          }
          NoteKey k = NoteKey.parse(f[1]);
          if (k.type() != KeyType.ED25519 || !keys.add(hex(k))) {
            throw new LedgerFormatException("a log key is a unique Ed25519 (0x01) key");
          }
          logs.add(k);
          strict.append("log ").append(k.vkey()).append('\n');
        }
        case "witness" -> {
          if (f.length < 3 || f.length > 4) {
            throw new LedgerFormatException("a witness line is: witness <name> <vkey> [<url>]");
          }
          undefined(f[1], witnesses, groups);
          NoteKey k = NoteKey.parse(f[2]);
          if (k.type() != KeyType.COSIGNATURE_V1 || !keys.add(hex(k))) {
            throw new LedgerFormatException("a witness key is a unique cosignature (0x04) key");
          }
          witnesses.put(f[1], k);
          strict.append("witness ").append(f[1]).append(' ').append(k.vkey()).append('\n');
        }
        case "group" -> {
          if (f.length < 4) {
            throw new LedgerFormatException("a group line is: group <name> all|any|<k> <name>...");
          }
          undefined(f[1], witnesses, groups);
          List<String> members = List.of(f).subList(3, f.length);
          if (new HashSet<>(members).size() != members.size()
              || !members.stream()
                  .allMatch(m -> witnesses.containsKey(m) || groups.containsKey(m))) {
            throw new LedgerFormatException("a group lists earlier witnesses or groups, once each");
          }
          int k =
              switch (f[2]) {
                case "all" -> members.size();
                case "any" -> 1;
                default -> {
                  if (!f[2].matches("[1-9][0-9]{0,3}")) {
                    throw new LedgerFormatException("a group threshold is all, any or a number");
                  }
                  yield Integer.parseInt(f[2]);
                }
              };
          if (k > members.size()) {
            throw new LedgerFormatException("a group threshold is at most its member count");
          }
          groups.put(f[1], new Group(k, members));
          strict.append(String.join(" ", f)).append('\n');
        }
        case "quorum" -> {
          if (f.length != 2 || quorum != null) {
            throw new LedgerFormatException("a policy has exactly one line: quorum <name>");
          }
          if (!witnesses.containsKey(f[1]) && !groups.containsKey(f[1])) {
            throw new LedgerFormatException("the quorum names a witness or group defined earlier");
          }
          quorum = f[1];
          strict.append("quorum ").append(f[1]).append('\n');
        }
        default ->
            throw new LedgerFormatException(
                "a policy line starts with log, witness, group or quorum");
      }
    }
    if (quorum == null) {
      throw new LedgerFormatException("a policy has exactly one quorum line");
    }
    if (logs.isEmpty()) {
      throw new LedgerFormatException("a policy names at least one log key");
    }
    return new TrustPolicy(logs, witnesses, groups, quorum, strict.toString());
  }

  private static String hex(NoteKey k) {
    return java.util.HexFormat.of().formatHex(k.publicKey());
  }

  private static void undefined(String name, Map<String, ?> ws, Map<String, ?> gs) {
    NoteKey.checkName(name);
    if (name.equals("none") || ws.containsKey(name) || gs.containsKey(name)) {
      throw new LedgerFormatException("a witness or group name is defined twice: " + name);
    }
  }

  /** The names of the trusted validators. */
  public Set<String> witnessNames() {
    return witnesses.keySet();
  }

  /** The trusted log keys (Ed25519, 0x01), in the policy's order. */
  public List<NoteKey> logs() {
    return logs;
  }

  /** The trusted validators' cosigner keys (0x04) by witness name, in the policy's order. */
  public Map<String, NoteKey> witnesses() {
    return witnesses;
  }

  /** The name of the witness or group that the quorum line names. */
  public String quorum() {
    return quorum;
  }

  /** True when the cosignatures of the witnesses named in {@code cosigners} meet the quorum. */
  public boolean quorumMet(Set<String> cosigners) {
    return satisfied(quorum, cosigners);
  }

  /**
   * The policy's lines in their order without what carries nothing a verifier checks: no URLs, no
   * comments, no blank lines, one space between fields, every key in its canonical vkey form and
   * every line ending in a newline (the form an election record keeps, election-record.md 2.4).
   */
  public String strictForm() {
    return strictForm;
  }

  /** What a check of a checkpoint found. */
  public sealed interface Verdict {
    /** Signed by a trusted log key and cosigned by a quorum; {@code cosignedAt} is the latest. */
    record Trusted(Checkpoint checkpoint, Set<String> cosigners, long cosignedAt)
        implements Verdict {}

    record Untrusted(String why) implements Verdict {}
  }

  /** Checks a checkpoint note: its format, a trusted log signature, the quorum of cosignatures. */
  public Verdict check(SignedNote note) {
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(note.text());
    } catch (LedgerFormatException e) {
      return new Verdict.Untrusted("the note is not a checkpoint: " + e.getMessage());
    }
    boolean logSigned =
        logs.stream().filter(k -> k.name().equals(cp.origin())).anyMatch(note::signedBy);
    if (!logSigned) {
      return new Verdict.Untrusted(
          "no trusted log key of origin '" + cp.origin() + "' signed checkpoint " + cp.size());
    }
    Set<String> cosigners = new HashSet<>();
    long latest = 0;
    for (Map.Entry<String, NoteKey> w : witnesses.entrySet()) {
      OptionalLong t = note.cosignedBy(w.getValue());
      if (t.isPresent()) {
        cosigners.add(w.getKey());
        latest = Math.max(latest, t.getAsLong());
      }
    }
    if (!satisfied(quorum, cosigners)) {
      return new Verdict.Untrusted(
          "checkpoint "
              + cp.size()
              + " is cosigned by "
              + cosigners.size()
              + " trusted validators, fewer than the quorum");
    }
    return new Verdict.Trusted(cp, Set.copyOf(cosigners), latest);
  }

  private boolean satisfied(String name, Set<String> cosigners) {
    if (witnesses.containsKey(name)) {
      return cosigners.contains(name);
    }
    Group g = groups.get(name);
    return g.members().stream().filter(m -> satisfied(m, cosigners)).count() >= g.threshold();
  }
}
