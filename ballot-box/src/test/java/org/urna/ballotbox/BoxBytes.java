package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file of a box's folder, byte for byte, to prove that a refusal changed nothing. */
record BoxBytes(Path folder, Map<String, byte[]> files) {
  static BoxBytes of(Path base) {
    Path folder = base.toAbsolutePath().getParent();
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BoxBytes(folder, files);
  }

  void assertUnchanged() {
    BoxBytes now = of(folder.resolve("x"));
    assertThat(now.files.keySet()).as("files in %s", folder).isEqualTo(files.keySet());
    files.forEach(
        (name, bytes) -> assertThat(now.files.get(name)).as("bytes of %s", name).isEqualTo(bytes));
  }
}
