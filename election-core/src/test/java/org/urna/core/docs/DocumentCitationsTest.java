package org.urna.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every document path cited in the repository's code, scripts and documents exists. */
class DocumentCitationsTest {
  /** The repository's root: election-core's parent folder (Maven runs tests in the module). */
  private static Path repository() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("election-core")) ? here : here.getParent();
    assertThat(root.resolve("pom.xml")).exists();
    assertThat(root.resolve("docs/architecture.md")).exists();
    return root;
  }

  @Test
  void everyCitedDocumentPathExists() throws Exception {
    assertThat(DocumentCitations.broken(repository())).isEmpty();
  }

  @Test
  void aCitationOfAMissingDocumentIsFound(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve(t("docs%decisions")));
    Files.createDirectories(root.resolve(t("mod%src")));
    Files.createDirectories(root.resolve("scripts"));
    Files.writeString(root.resolve(t("docs%decisions%0042-a-decision~md")), "# 0042\n");
    Files.writeString(root.resolve(t("scripts%run.sh")), "#!/bin/sh\n");
    Files.writeString(root.resolve(t("mod%README~md")), "# mod\n");
    Files.writeString(
        root.resolve(t("mod%src%A.java")),
        t(
            String.join(
                "\n",
                "/** See docs%decisions%0042 and docs%decisions%0042-a-decision~md, scripts%run.sh,",
                " * README~md, mod%README~md, https:%%example.org%docs%x~md, mod%target%out~md",
                " * and the missing GUIDE~md, docs%spec%gone~md, scripts%gone.sh,",
                " * packaging%tests%none.sh and docs%decisions%0043. */")));
    assertThat(DocumentCitations.broken(root))
        .containsExactly(
            t("mod%src%A.java:3: docs%spec%gone~md"),
            t("mod%src%A.java:3: scripts%gone.sh"),
            t("mod%src%A.java:3: GUIDE~md"),
            t("mod%src%A.java:4: packaging%tests%none.sh"),
            t("mod%src%A.java:4: docs%decisions%0043"));
  }

  /**
   * Sample text with '%' for '/' and "~md" for ".md", so that this file itself cites nothing the
   * scan would look for.
   */
  private static String t(String sample) {
    return sample.replace('%', '/').replace("~md", ".md");
  }
}
