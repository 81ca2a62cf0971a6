package org.urna.core.election;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every identifier in a manifest follows (spec 3.1): {@code [a-z0-9][a-z0-9._-]{0,63}}.
 */
final class Ids {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private Ids() {}

  /** Refuses an id that breaks the pattern; {@code field} is its JSON path ("id"). */
  static void check(String field, String id) {
    if (id == null) {
      throw new ManifestFieldException(field, "is missing");
    }
    if (!ID.matcher(id).matches()) {
      throw new ManifestFieldException(
          field,
          "'"
              + TextRules.shorten(id)
              + "' must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
  }

  /**
   * Refuses a repeated id: {@code list} is the JSON path of the list, {@code member} the path of
   * the id inside one element ("id", or "" when the list holds the ids themselves).
   */
  static void requireUnique(String list, String member, List<String> ids) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      Integer first = seen.putIfAbsent(ids.get(i), i);
      if (first != null) {
        String suffix = member.isEmpty() ? "" : "." + member;
        throw new ManifestFieldException(
            list + "[" + i + "]" + suffix,
            "'" + ids.get(i) + "' is used twice in this list (also at index " + first + ")");
      }
    }
  }

  /** Refuses a list that is empty or longer than {@code max}. */
  static <T> List<T> list(String field, List<T> values, int max) {
    if (values == null) {
      throw new ManifestFieldException(field, "is missing");
    }
    if (values.isEmpty()) {
      throw new ManifestFieldException(field, "must not be empty");
    }
    if (values.size() > max) {
      throw new ManifestFieldException(
          field, "has " + values.size() + " entries; at most " + max + " are allowed");
    }
    for (T v : values) {
      if (v == null) {
        throw new ManifestFieldException(field, "must not contain null");
      }
    }
    return List.copyOf(values);
  }

  static <T> T required(String field, T value) {
    if (value == null) {
      throw new ManifestFieldException(field, "is missing");
    }
    return value;
  }
}
