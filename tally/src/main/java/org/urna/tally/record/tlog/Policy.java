package org.urna.tally.record.tlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger's C2SP tlog-policy as an election record holds it (docs/spec/election-record.md 2.4):
 * {@code log <vkey>}, {@code witness <name> <vkey>}, {@code group <name> <k>|all|any <member>...}
 * and one {@code quorum <name>}, one space between fields, no URLs, no comments, no blank lines.
 */
public final class Policy {
  private final List<VerifierKey> logs;
  private final Map<String, VerifierKey> witnesses;
  private final Map<String, Group> groups;
  private final String quorum;

  private record Group(int threshold, List<String> members) {}

  private Policy(
      List<VerifierKey> logs, Map<String, VerifierKey> w, Map<String, Group> g, String q) {
    this.logs = List.copyOf(logs);
    this.witnesses = w;
    this.groups = g;
    this.quorum = q;
  }

  public List<VerifierKey> logs() {
    return logs;
  }

  public Map<String, VerifierKey> witnesses() {
    return witnesses;
  }

  public static Policy parse(byte[] bytes) throws TlogFormatException {
    if (bytes.length > SignedNote.MAX_BYTES) {
      throw new TlogFormatException("the policy is larger than 1 MiB");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)
        || !text.endsWith("\n")) {
      throw new TlogFormatException("the policy is UTF-8 lines, each ending in a newline");
    }
    List<VerifierKey> logs = new ArrayList<>();
    Map<String, VerifierKey> witnesses = new LinkedHashMap<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    String quorum = null;
    int n = 0;
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      n++;
      String[] f = line.split(" ", -1);
      String where = "policy line " + n + ": ";
      switch (f[0]) {
        case "log" -> {
          if (f.length != 2) {
            throw new TlogFormatException(where + "a log line is 'log <vkey>'");
          }
          VerifierKey k = VerifierKey.parse(f[1]);
          if (k.type() != VerifierKey.ED25519) {
            throw new TlogFormatException(where + "a log key is an Ed25519 (0x01) key");
          }
          logs.add(k);
        }
        case "witness" -> {
          if (f.length != 3 || !names.add(f[1])) {
            throw new TlogFormatException(where + "a witness line is 'witness <new name> <vkey>'");
          }
          VerifierKey k = VerifierKey.parse(f[2]);
          if (k.type() != VerifierKey.COSIGNATURE || !k.name().equals(f[1])) {
            throw new TlogFormatException(
                where + "a witness key is a cosignature (0x04) key named as the witness");
          }
          witnesses.put(f[1], k);
        }
        case "group" -> {
          if (f.length < 4 || !names.add(f[1])) {
            throw new TlogFormatException(
                where + "a group line is 'group <new name> <k>|all|any <member>...'");
          }
          List<String> members = List.of(f).subList(3, f.length);
          if (new HashSet<>(members).size() != members.size()
              || !members.stream()
                  .allMatch(m -> witnesses.containsKey(m) || groups.containsKey(m))) {
            throw new TlogFormatException(where + "a group lists earlier witnesses or groups once");
          }
          int k =
              switch (f[2]) {
                case "all" -> members.size();
                case "any" -> 1;
                default -> {
                  if (!f[2].matches("[1-9][0-9]{0,3}")) {
                    throw new TlogFormatException(where + "a group threshold is k, all or any");
                  }
                  yield Integer.parseInt(f[2]);
                }
              };
          if (k > members.size()) {
            throw new TlogFormatException(where + "a group threshold exceeds its members");
          }
          groups.put(f[1], new Group(k, members));
        }
        case "quorum" -> {
          if (f.length != 2 || quorum != null || !names.contains(f[1])) {
            throw new TlogFormatException(
                where + "there is one line 'quorum <witness or group defined above>'");
          }
          quorum = f[1];
        }
        default ->
            throw new TlogFormatException(where + "starts with log, witness, group or quorum");
      }
    }
    if (quorum == null || logs.isEmpty()) {
      throw new TlogFormatException("the policy names at least one log key and a quorum");
    }
    return new Policy(logs, witnesses, groups, quorum);
  }

  /** True when the witnesses in {@code cosigned} meet the quorum. */
  public boolean quorumMet(Set<String> cosigned) {
    return met(quorum, cosigned);
  }

  private boolean met(String name, Set<String> cosigned) {
    if (witnesses.containsKey(name)) {
      return cosigned.contains(name);
    }
    Group g = groups.get(name);
    return g.members().stream().filter(m -> met(m, cosigned)).count() >= g.threshold();
  }

  public String quorumName() {
    return quorum;
  }
}
