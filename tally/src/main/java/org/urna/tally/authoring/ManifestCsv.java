package org.urna.tally.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The election manifest as a spreadsheet (docs/spec/election-authoring.md): one row per field of
 * one thing, one column per election language. It is turned into the manifest's JSON, and every
 * problem the manifest's checks find is brought back to the line and column it came from.
 */
public final class ManifestCsv {
  /** The fixed columns before the language columns. */
  public static final List<String> FIXED = List.of("record", "id", "in", "field", "value");

  /** The largest spreadsheet read (the manifest itself is at most 4 MiB of JSON). */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "election", Set.of("title", "opens", "closes", "lookupPage"),
          "contest", Set.of("type", "title", "votesAllowed", "question", "yes", "no"),
          "candidate", Set.of("name", "description"),
          "style", Set.of("name", "contests"),
          "station", Set.of("name", "key"));
  private static final Set<String> VALUE_FIELDS =
      Set.of("opens", "closes", "lookupPage", "type", "votesAllowed", "contests", "key");

  /** A problem at a line (1 is the header) and, when known, a column name. */
  public record Problem(int line, String column, String field, String problem) {
    @Override
    public String toString() {
      String where =
          line > 0 ? "line " + line + (column.isEmpty() ? "" : ", column " + column) : "";
      String what = field.isEmpty() ? problem : field + ": " + problem;
      return where.isEmpty() ? what : where + ": " + what;
    }
  }

  /** The converted manifest JSON, or the problems of the spreadsheet's own structure. */
  public record Result(Optional<byte[]> json, List<Problem> problems, Map<String, int[]> lines) {
    /**
     * The line (and language column index, or -1) that set a manifest path, or its nearest parent.
     */
    public Problem locate(String field, String problem, List<String> languages) {
      String p = field;
      while (true) {
        int[] at = lines.get(p);
        if (at != null) {
          String column = at[1] >= 0 ? languages.get(at[1]) : "";
          // "title: has no text in 'tt'": point at the language's column
          java.util.regex.Matcher m = Pattern.compile("no text in '([^']+)'").matcher(problem);
          if (m.find()) {
            column = m.group(1);
          }
          return new Problem(at[0], column, field, problem);
        }
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        if (cut <= 0) {
          return new Problem(0, "", field, problem);
        }
        p = p.substring(0, cut);
      }
    }
  }

  private ManifestCsv() {}

  /** Reads a spreadsheet saved as CSV (UTF-8, comma-separated, a header row). */
  public static Result read(byte[] csv) {
    List<Problem> problems = new ArrayList<>();
    Map<String, int[]> lines = new LinkedHashMap<>();
    if (csv.length > MAX_BYTES) {
      problems.add(new Problem(0, "", "", "the file is larger than 4 MiB"));
      return new Result(Optional.empty(), problems, lines);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(csv))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(
          new Problem(0, "", "", "the file is not UTF-8: save the spreadsheet as \"CSV UTF-8\""));
      return new Result(Optional.empty(), problems, lines);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // the byte order mark spreadsheet programs write
    }
    List<List<String>> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(text)) {
      while (it.hasNextValue()) {
        int line = it.getCurrentLocation().getLineNr();
        List<String> row = it.nextValue();
        rows.add(row);
        rowLines.add(line);
      }
    } catch (IOException | RuntimeException e) {
      String msg =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      problems.add(new Problem(0, "", "", "the file is not valid CSV: " + msg));
      return new Result(Optional.empty(), problems, lines);
    }
    if (rows.isEmpty()) {
      problems.add(new Problem(1, "", "", "the file is empty: the first row is the header"));
      return new Result(Optional.empty(), problems, lines);
    }
    List<String> header = rows.getFirst().stream().map(String::strip).toList();
    if (header.size() < FIXED.size() + 1 || !header.subList(0, FIXED.size()).equals(FIXED)) {
      problems.add(
          new Problem(
              1,
              "",
              "",
              "the header row must be "
                  + String.join(",", FIXED)
                  + ", then one column per election language (like ru,en,tt)"));
      return new Result(Optional.empty(), problems, lines);
    }
    List<String> languages = header.subList(FIXED.size(), header.size());
    for (int i = 0; i < languages.size(); i++) {
      if (!LANGUAGE.matcher(languages.get(i)).matches()) {
        problems.add(
            new Problem(
                1,
                "",
                "",
                "column "
                    + (FIXED.size() + i + 1)
                    + ": '"
                    + languages.get(i)
                    + "' is not a language tag like ru, en or tt"));
      }
    }
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems, lines);
    }

    JsonNodeFactory nf = JsonNodeFactory.instance;
    ObjectNode manifest = nf.objectNode();
    manifest.put("format", "urna/election-manifest/v1");
    ArrayNode langs = manifest.putArray("languages");
    languages.forEach(langs::add);
    ObjectNode window = nf.objectNode();
    Map<String, ObjectNode> contests = new LinkedHashMap<>();
    Map<String, ObjectNode> styles = new LinkedHashMap<>();
    Map<String, ObjectNode> stations = new LinkedHashMap<>();
    lines.put("", new int[] {1, -1});
    lines.put("languages", new int[] {1, -1});

    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      int line = rowLines.get(r);
      String record = cell(row, 0);
      if (record.isEmpty() && row.stream().allMatch(c -> c.strip().isEmpty())) {
        continue; // a blank row
      }
      if (record.startsWith("#")) {
        continue; // a comment
      }
      if (row.size() > header.size()) {
        problems.add(
            new Problem(
                line, "", "", "the row has " + row.size() + " cells, the header " + header.size()));
        continue;
      }
      Set<String> allowed = FIELDS.get(record);
      if (allowed == null) {
        problems.add(
            new Problem(
                line,
                "record",
                "",
                "'"
                    + record
                    + "' is not a record: say election, contest, candidate, style or station"));
        continue;
      }
      String id = cell(row, 1);
      String in = cell(row, 2);
      String field = cell(row, 3);
      if (!allowed.contains(field)) {
        problems.add(
            new Problem(
                line,
                "field",
                "",
                "a "
                    + record
                    + " has no field '"
                    + field
                    + "'; it has "
                    + String.join(", ", new java.util.TreeSet<>(allowed))));
        continue;
      }
      boolean valueField = VALUE_FIELDS.contains(field);
      String value = cell(row, 4);
      Map<String, String> texts = new LinkedHashMap<>();
      for (int i = 0; i < languages.size(); i++) {
        String t = cellRaw(row, FIXED.size() + i);
        if (!t.isEmpty()) {
          texts.put(languages.get(i), t);
        }
      }
      if (valueField && !texts.isEmpty()) {
        problems.add(
            new Problem(
                line,
                "value",
                "",
                "'" + field + "' is one value in the value column, not a text per language"));
        continue;
      }
      if (!valueField && !value.isEmpty()) {
        problems.add(
            new Problem(
                line,
                "value",
                "",
                "'" + field + "' is a text per language: put it in the language columns"));
        continue;
      }
      ObjectNode target;
      String path;
      switch (record) {
        case "election" -> {
          if (!id.isEmpty()) {
            if (manifest.has("electionId") && !manifest.get("electionId").asText().equals(id)) {
              problems.add(
                  new Problem(
                      line,
                      "id",
                      "electionId",
                      "the election's id is already '"
                          + manifest.get("electionId").asText()
                          + "'"));
              continue;
            }
            manifest.put("electionId", id);
            lines.putIfAbsent("electionId", new int[] {line, -1});
          }
          if (field.equals("opens") || field.equals("closes")) {
            target = window;
            path = "votingWindow";
            lines.putIfAbsent(path, new int[] {line, -1});
          } else {
            target = manifest;
            path = "";
          }
        }
        case "contest" -> {
          ObjectNode c = contests.computeIfAbsent(id, k -> newObject(nf, k));
          path = "contests[" + indexOf(contests, id) + "]";
          lines.putIfAbsent(path, new int[] {line, -1});
          target = c;
        }
        case "candidate" -> {
          ObjectNode c = contests.get(in);
          if (c == null) {
            problems.add(
                new Problem(
                    line,
                    "in",
                    "",
                    "'"
                        + in
                        + "' is not a contest defined above: a candidate's 'in' names its contest"));
            continue;
          }
          ArrayNode cands =
              c.has("candidates") ? (ArrayNode) c.get("candidates") : c.putArray("candidates");
          int k = -1;
          for (int i = 0; i < cands.size(); i++) {
            if (cands.get(i).get("id").asText().equals(id)) {
              k = i;
            }
          }
          if (k < 0) {
            cands.add(newObject(nf, id));
            k = cands.size() - 1;
          }
          target = (ObjectNode) cands.get(k);
          path = "contests[" + indexOf(contests, in) + "].candidates[" + k + "]";
          lines.putIfAbsent(path, new int[] {line, -1});
        }
        case "style" -> {
          target = styles.computeIfAbsent(id, k -> newObject(nf, k));
          path = "ballotStyles[" + indexOf(styles, id) + "]";
          lines.putIfAbsent(path, new int[] {line, -1});
        }
        default -> {
          target = stations.computeIfAbsent(id, k -> newObject(nf, k));
          path = "stations[" + indexOf(stations, id) + "]";
          lines.putIfAbsent(path, new int[] {line, -1});
        }
      }
      String name = field.equals("contests") ? "contestIds" : field;
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      if (target.has(name)) {
        int[] first = lines.get(fieldPath);
        problems.add(
            new Problem(
                line,
                "field",
                fieldPath,
                "is already set on line " + (first == null ? "?" : first[0])));
        continue;
      }
      lines.put(fieldPath, new int[] {line, -1});
      if (!valueField) {
        ObjectNode t = target.putObject(name);
        texts.forEach(t::put);
        for (int i = 0; i < languages.size(); i++) {
          lines.put(fieldPath + "." + languages.get(i), new int[] {line, i});
        }
      } else if (field.equals("votesAllowed")) {
        try {
          target.put(name, Integer.parseInt(value));
        } catch (NumberFormatException e) {
          problems.add(
              new Problem(line, "value", fieldPath, "'" + value + "' is not a whole number"));
        }
      } else if (field.equals("contests")) {
        ArrayNode ids = target.putArray(name);
        for (String c : value.split("[\\s,;]+")) {
          if (!c.isEmpty()) {
            ids.add(c);
          }
        }
      } else {
        target.put(name, value);
      }
    }
    if (!window.isEmpty()) {
      manifest.set("votingWindow", window);
    }
    ArrayNode cs = manifest.putArray("contests");
    contests.values().forEach(cs::add);
    ArrayNode bs = manifest.putArray("ballotStyles");
    styles.values().forEach(bs::add);
    ArrayNode ss = manifest.putArray("stations");
    stations.values().forEach(ss::add);
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems, lines);
    }
    try {
      return new Result(
          Optional.of(
              JsonMapper.builder()
                  .build()
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsBytes(manifest)),
          problems,
          lines);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode newObject(JsonNodeFactory nf, String id) {
    ObjectNode o = nf.objectNode();
    o.put("id", id);
    return o;
  }

  private static int indexOf(Map<String, ?> map, String key) {
    int i = 0;
    for (String k : map.keySet()) {
      if (k.equals(key)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static String cell(List<String> row, int i) {
    return i < row.size() && row.get(i) != null ? row.get(i).strip() : "";
  }

  /** A text cell: kept as typed but for the spaces a spreadsheet adds around it. */
  private static String cellRaw(List<String> row, int i) {
    return cell(row, i);
  }

  /** The languages of a converted manifest, in column order. */
  public static List<String> languages(JsonNode manifest) {
    List<String> out = new ArrayList<>();
    manifest.path("languages").forEach(n -> out.add(n.asText()));
    return out;
  }
}
