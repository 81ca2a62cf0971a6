package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaVersionTest {
  @TempDir Path dir;

  @Test
  void theLatestSchemaConstantIsTheNewestMigrationFlywayFinds() {
    Path path = dir.resolve("box");
    TestBox.open(path).close();
    var ds =
        BoxFile.dataSource(
            path, TestBox.PASSWORD.toCharArray(), BoxFile.Access.WRITE, BoxFile.Durability.FSYNC);
    assertThat(BoxFile.latestMigration(ds)).isEqualTo(Integer.toString(BoxFile.LATEST_SCHEMA));
  }
}
