package org.urna.core.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the document paths cited in the repository's sources, scripts and documents that do not
 * exist. Cited are: paths under {@code docs/}, {@code packaging/} and {@code scripts/} (from the
 * repository's root), and names of Markdown files, bare or with folders (from the root, from the
 * citing file's folder, or, for a bare name, anywhere in the repository). A path naming a decision
 * by its number alone ({@code docs/decisions/0308}) is found when a file of that number exists.
 * Build output ({@code target/}) is not a document. Runs without JUnit too: {@code java
 * DocumentCitations.java ROOT} prints what is broken.
 */
public final class DocumentCitations {
  /** The files whose citations are checked. */
  static final List<String> SCANNED = List.of(".java", ".md", ".sh", ".properties");

  private static final Set<String> SKIPPED_FOLDERS =
      Set.of("target", ".git", "node_modules", ".mvn", ".idea");

  private static final String BEFORE = "(?<![\\w/.\\-])";
  private static final Pattern ROOTED =
      Pattern.compile(BEFORE + "((?:docs|packaging|scripts)/[\\w./\\-]*[\\w\\-])");
  private static final Pattern MARKDOWN =
      Pattern.compile(BEFORE + "((?:[\\w.\\-]+/)*[\\w.\\-]+\\.md)(?![\\w\\-])");

  private DocumentCitations() {}

  /** Every citation in a scanned file under {@code root} that names nothing there. */
  public static List<String> broken(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(p -> !skipped(root, p))
              .filter(Files::isRegularFile)
              .filter(p -> SCANNED.stream().anyMatch(p.getFileName().toString()::endsWith))
              .sorted()
              .toList();
    }
    List<String> markdownNames =
        files.stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).toList();
    Set<String> out = new LinkedHashSet<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(file.toString(), e);
      }
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String where = root.relativize(file) + ":" + (i + 1) + ": ";
        Matcher m = ROOTED.matcher(lines[i]);
        while (m.find()) {
          String cited = trim(m.group(1));
          if (!isOutput(cited) && !exists(root, root, cited)) {
            out.add(where + cited);
          }
        }
        m = MARKDOWN.matcher(lines[i]);
        while (m.find()) {
          String cited = m.group(1);
          if (isOutput(cited) || cited.startsWith(".")) {
            continue;
          }
          boolean found =
              exists(root, root, cited)
                  || exists(root, file.getParent(), cited)
                  || (!cited.contains("/") && markdownNames.contains(cited));
          if (!found) {
            out.add(where + cited);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static boolean skipped(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      if (SKIPPED_FOLDERS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String cited) {
    String s = cited;
    while (s.endsWith(".") || s.endsWith("-")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static boolean isOutput(String cited) {
    return cited.contains("target/") || cited.endsWith("/target");
  }

  private static boolean exists(Path root, Path from, String cited) {
    Path p = from.resolve(cited).normalize();
    if (!p.startsWith(root)) {
      return false;
    }
    if (Files.exists(p)) {
      return true;
    }
    Path parent = p.getParent();
    String prefix = p.getFileName() + "-";
    if (parent == null
        || !Files.isDirectory(parent)
        || !p.getFileName().toString().matches("\\d+")) {
      return false;
    }
    try (Stream<Path> siblings = Files.list(parent)) {
      return siblings.anyMatch(s -> s.getFileName().toString().startsWith(prefix));
    } catch (IOException e) {
      return false;
    }
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    broken(root).forEach(System.out::println);
  }
}
