package org.urna.core.election;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every identifier in a manifest follows (spec 3.1): {@code [a-z0-9][a-z0-9._-]{0,63}}.
 */
final class Ids {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private Ids() {}

  static void check(String what, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what + " '" + id + "' must be 1-64 characters of a-z, 0-9, '.', '_' or '-'");
    }
  }

  static void requireUnique(String what, Stream<String> ids) {
    Set<String> seen = new HashSet<>();
    ids.forEach(
        id -> {
          if (!seen.add(id)) {
            throw new IllegalArgumentException("duplicate " + what + " id '" + id + "'");
          }
        });
  }
}
