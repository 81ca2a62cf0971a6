package org.urna.core.election;

/**
 * An election package or manifest that cannot be loaded. The message names the check that failed
 * (spec section 7), the bad field by its JSON path, and the problem in words an election official
 * understands: {@code P8 election manifest: manifest.contests[2].votesAllowed: must be between 1
 * and 5 (the number of candidates), not 7}. Nothing of a refused package is kept.
 */
public final class ElectionPackageException extends Exception {
  private final LoadStep step;
  private final String field;
  private final String problem;

  public ElectionPackageException(LoadStep step, String field, String problem) {
    this(step, field, problem, null);
  }

  public ElectionPackageException(LoadStep step, String field, String problem, Throwable cause) {
    super(step.code() + " " + step.title() + ": " + field + ": " + problem, cause);
    this.step = step;
    this.field = field;
    this.problem = problem;
  }

  public LoadStep step() {
    return step;
  }

  /** The JSON path of the bad field ("manifest.contests[2].votesAllowed", or "package"). */
  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}
