package org.urna.ballotbox;

import java.nio.file.Path;

/** The side of {@link AtomicCreationTest} killed while it creates a new ballot box. */
public final class CreateChild {
  private CreateChild() {}

  public static void main(String[] args) {
    System.out.println("STARTED");
    try (BallotBox box = TestBox.open(Path.of(args[0]))) {
      System.out.println("OPENED " + box.counts());
    }
  }
}
