package org.urna.core.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the fields of one JSON object at a known path, refusing unknown, missing and mistyped
 * fields with the path in the message ({@code manifest.contests[2].votesAllowed: must be a whole
 * number}).
 */
final class JsonFields {
  private final JsonNode node;
  private final String path;
  private final LoadStep step;

  private JsonFields(JsonNode node, String path, LoadStep step) {
    this.node = node;
    this.path = path;
    this.step = step;
  }

  /** The object at {@code path}, which may hold only the {@code allowed} field names. */
  static JsonFields of(JsonNode node, String path, LoadStep step, Set<String> allowed)
      throws ElectionPackageException {
    if (node == null || !node.isObject()) {
      throw new ElectionPackageException(step, label(path), "must be a JSON object { ... }");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ElectionPackageException(
            step,
            join(path, TextRules.shorten(name)),
            "is not a field of this format (check the spelling; allowed: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
    return new JsonFields(node, path, step);
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String label(String path) {
    return path.isEmpty() ? "(top level)" : path;
  }

  String path(String name) {
    return join(path, name);
  }

  ElectionPackageException error(String name, String problem) {
    return new ElectionPackageException(step, path(name), problem);
  }

  boolean has(String name) {
    return node.has(name);
  }

  JsonNode required(String name) throws ElectionPackageException {
    JsonNode v = node.get(name);
    if (v == null) {
      throw error(name, "is missing");
    }
    if (v.isNull()) {
      throw error(name, "must not be null");
    }
    return v;
  }

  String text(String name) throws ElectionPackageException {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw error(name, "must be a text in quotes");
    }
    return v.textValue();
  }

  int integer(String name) throws ElectionPackageException {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(name, "must be a whole number like 2 (no quotes, no decimal point)");
    }
    return v.intValue();
  }

  List<JsonNode> array(String name, int max) throws ElectionPackageException {
    JsonNode v = required(name);
    if (!v.isArray()) {
      throw error(name, "must be a list [ ... ]");
    }
    if (v.size() > max) {
      throw error(name, "has " + v.size() + " entries; at most " + max + " are allowed");
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  List<String> texts(String name, int max) throws ElectionPackageException {
    List<String> out = new ArrayList<>();
    List<JsonNode> items = array(name, max);
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isTextual()) {
        throw error(name + "[" + i + "]", "must be a text in quotes");
      }
      out.add(items.get(i).textValue());
    }
    return out;
  }

  /** A {@link LocalizedText}: an object from language tag to text. */
  LocalizedText localized(String name) throws ElectionPackageException {
    JsonNode v = required(name);
    if (!v.isObject()) {
      throw error(
          name, "must be an object of texts by language, like {\"ru\": \"…\", \"en\": \"…\"}");
    }
    Map<String, String> texts = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isTextual()) {
        throw error(name + "." + TextRules.shorten(e.getKey()), "must be a text in quotes");
      }
      texts.put(e.getKey(), e.getValue().textValue());
    }
    try {
      return new LocalizedText(texts);
    } catch (ManifestFieldException e) {
      throw error(e.within(name).field(), e.problem());
    }
  }
}
