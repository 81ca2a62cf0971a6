package org.urna.core.election;

/**
 * A manifest value that breaks a rule of the spec (docs/spec/election-package.md section 3), naming
 * the bad field by its JSON path relative to the object that found it ({@code votesAllowed}, {@code
 * candidates[3].id}). Outer objects prefix their own path with {@link #within}, so the reader
 * reports {@code contests[2].votesAllowed: must be between 1 and 5}.
 */
public final class ManifestFieldException extends IllegalArgumentException {
  private final String field;
  private final String problem;

  public ManifestFieldException(String field, String problem) {
    super(field.isEmpty() ? problem : field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The JSON path of the bad field. */
  public String field() {
    return field;
  }

  /** What is wrong with it, in words an election official understands. */
  public String problem() {
    return problem;
  }

  /** The same problem seen from an outer object at {@code path}. */
  public ManifestFieldException within(String path) {
    String joined =
        field.isEmpty() ? path : field.startsWith("[") ? path + field : path + "." + field;
    ManifestFieldException outer = new ManifestFieldException(joined, problem);
    outer.setStackTrace(getStackTrace());
    return outer;
  }
}
