package org.urna.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
    Path f = dir.resolve("state");
    Files.writeString(f, "old and longer");
    Files.writeString(dir.resolve("state.tmp"), "left by a power cut");
    AtomicFiles.write(f, "new".getBytes(), false);
    assertThat(Files.readString(f)).isEqualTo("new");
    assertThat(dir.resolve("state.tmp")).doesNotExist();
  }

  @Test
  void aSecretIsOwnerOnly() throws Exception {
    Path f = dir.resolve("key");
    AtomicFiles.write(f, new byte[] {1, 2, 3}, true);
    assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
  }
}
