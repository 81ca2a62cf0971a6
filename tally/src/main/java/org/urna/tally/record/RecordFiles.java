package org.urna.tally.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The files of an election record by their path inside it ({@code ledger/policy.txt}), read from a
 * directory or a .zip of it, or written to both.
 */
public final class RecordFiles {
  /** No record file is larger (the largest is an entry bundle: 256 entries of 64 KiB). */
  public static final long MAX_FILE = 17L * 1024 * 1024;

  private final SortedMap<String, byte[]> files;
  private final List<String> problems;

  public RecordFiles(Map<String, byte[]> files) {
    this(files, List.of());
  }

  private RecordFiles(Map<String, byte[]> files, List<String> problems) {
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    this.problems = List.copyOf(problems);
  }

  public SortedMap<String, byte[]> all() {
    return files;
  }

  public byte[] get(String name) {
    return files.get(name);
  }

  public boolean has(String name) {
    return files.containsKey(name);
  }

  /** What could not be read (a symbolic link, a file too large, a name twice in a zip). */
  public List<String> problems() {
    return problems;
  }

  /** Reads a record directory or, when {@code path} is a regular file, a .zip of one. */
  public static RecordFiles read(Path path) throws IOException {
    return Files.isDirectory(path) ? readDirectory(path) : readZip(path);
  }

  private static RecordFiles readDirectory(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted().toList()) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        if (Files.isSymbolicLink(p)) {
          problems.add(name + ": a symbolic link, not a file");
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.size(p) > MAX_FILE) {
            problems.add(name + ": larger than " + MAX_FILE + " bytes");
          } else {
            out.put(name, Files.readAllBytes(p));
          }
        }
      }
    }
    return new RecordFiles(out, problems);
  }

  private static RecordFiles readZip(Path zip) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        String name = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        byte[] b = readCapped(in);
        if (b == null) {
          problems.add(name + ": larger than " + MAX_FILE + " bytes");
        } else if (out.put(name, b) != null) {
          problems.add(name + ": appears twice in the zip");
        }
      }
    }
    return new RecordFiles(out, problems);
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[65536];
    int n;
    while ((n = in.read(chunk)) > 0) {
      buf.write(chunk, 0, n);
      if (buf.size() > MAX_FILE) {
        return null;
      }
    }
    return buf.toByteArray();
  }

  /** Writes every file under {@code dir} (which must not exist yet or be empty). */
  public void writeDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new IOException(dir + " is not empty: a record is written into a new directory");
      }
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  /**
   * Writes the .zip: entries in name order, fixed time stamps, so the same record gives the same
   * bytes.
   */
  public void writeZip(OutputStream out) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        ze.setTime(315532800000L + 43200000L);
        z.putNextEntry(ze);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
  }
}
