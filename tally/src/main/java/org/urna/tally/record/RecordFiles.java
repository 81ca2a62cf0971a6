package org.urna.tally.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The files of an election record by their path inside it ({@code ledger/policy.txt}), read from a
 * directory or a .zip of it, or written to both.
 *
 * <p>A record read from disk keeps only its small files in memory: the entry bundles ({@code
 * ledger/tile/entries/...}, about 1.6 KB per referendum ballot) and any file the layout does not
 * allow are read when asked for, one at a time, so that the verifier streams the ballots instead of
 * holding them (docs/decisions/0412).
 */
public final class RecordFiles implements AutoCloseable {
  /** No record file is larger (the largest is an entry bundle: 256 entries of 64 KiB). */
  public static final long MAX_FILE = 17L * 1024 * 1024;

  /** Reads a file kept on disk, by its path inside the record. */
  private interface Source extends AutoCloseable {
    byte[] read(String name) throws IOException;

    @Override
    void close() throws IOException;
  }

  private final SortedMap<String, byte[]> loaded;
  private final SortedSet<String> names;
  private final Source source;
  private final List<String> problems;

  public RecordFiles(Map<String, byte[]> files) {
    this(new TreeMap<>(files), new TreeSet<>(files.keySet()), null, List.of());
  }

  private RecordFiles(
      SortedMap<String, byte[]> loaded,
      SortedSet<String> names,
      Source source,
      List<String> problems) {
    this.loaded = Collections.unmodifiableSortedMap(loaded);
    this.names = Collections.unmodifiableSortedSet(names);
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The path of every file of the record, sorted. */
  public SortedSet<String> names() {
    return names;
  }

  /**
   * Every file with its bytes, read into memory now (the entry bundles too): for tests and small
   * records. The verifier uses {@link #names} and {@link #get}.
   */
  public SortedMap<String, byte[]> all() {
    if (source == null) {
      return loaded;
    }
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (String n : names) {
      out.put(n, get(n));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * The bytes of {@code name}, or null when the record has no such file; an entry bundle is read
   * from disk on each call.
   *
   * @throws UncheckedIOException when a file kept on disk can no longer be read
   */
  public byte[] get(String name) {
    try {
      return read(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #get}, for callers that name the file that cannot be read. */
  public byte[] read(String name) throws IOException {
    byte[] b = loaded.get(name);
    if (b != null || source == null || !names.contains(name)) {
      return b;
    }
    return source.read(name);
  }

  public boolean has(String name) {
    return names.contains(name);
  }

  /** What could not be read (a symbolic link, a file too large, a name twice in a zip). */
  public List<String> problems() {
    return problems;
  }

  /** Closes the .zip a record was read from (nothing to do for a directory). */
  @Override
  public void close() throws IOException {
    if (source != null) {
      source.close();
    }
  }

  /** Files read when asked for: the entry bundles and any name the layout does not allow. */
  private static boolean kept(String name) {
    return RecordLayout.BUNDLE.matcher(name).matches() || !RecordLayout.allowed(name);
  }

  /** Reads a record directory or, when {@code path} is a regular file, a .zip of one. */
  public static RecordFiles read(Path path) throws IOException {
    return Files.isDirectory(path) ? readDirectory(path) : readZip(path);
  }

  private static RecordFiles readDirectory(Path dir) throws IOException {
    SortedMap<String, byte[]> out = new TreeMap<>();
    SortedSet<String> names = new TreeSet<>();
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
            names.add(name);
            if (!kept(name)) {
              out.put(name, Files.readAllBytes(p));
            }
          }
        }
      }
    }
    Source source =
        new Source() {
          @Override
          public byte[] read(String name) throws IOException {
            Path p = dir.resolve(name);
            if (Files.size(p) > MAX_FILE) {
              throw new IOException("larger than " + MAX_FILE + " bytes");
            }
            return Files.readAllBytes(p);
          }

          @Override
          public void close() {}
        };
    return new RecordFiles(out, names, source, problems);
  }

  private static RecordFiles readZip(Path path) throws IOException {
    SortedMap<String, byte[]> out = new TreeMap<>();
    SortedSet<String> names = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    ZipFile zip = new ZipFile(path.toFile());
    try {
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        if (!names.add(name)) {
          problems.add(name + ": appears twice in the zip");
          continue;
        }
        if (e.getSize() > MAX_FILE) {
          names.remove(name);
          problems.add(name + ": larger than " + MAX_FILE + " bytes");
          continue;
        }
        if (!kept(name)) {
          byte[] b;
          try (InputStream in = zip.getInputStream(e)) {
            b = readCapped(in);
          }
          if (b == null) {
            names.remove(name);
            problems.add(name + ": larger than " + MAX_FILE + " bytes");
          } else {
            out.put(name, b);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
    Source source =
        new Source() {
          @Override
          public byte[] read(String name) throws IOException {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
              throw new IOException("is no longer in the zip");
            }
            try (InputStream in = zip.getInputStream(e)) {
              byte[] b = readCapped(in);
              if (b == null) {
                throw new IOException("larger than " + MAX_FILE + " bytes");
              }
              return b;
            }
          }

          @Override
          public void close() throws IOException {
            zip.close();
          }
        };
    return new RecordFiles(out, names, source, problems);
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
    for (String name : names) {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, read(name));
    }
  }

  /**
   * Writes the .zip: entries in name order, fixed time stamps, so the same record gives the same
   * bytes.
   */
  public void writeZip(OutputStream out) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String name : names) {
        ZipEntry ze = new ZipEntry(name);
        ze.setTime(315532800000L + 43200000L);
        z.putNextEntry(ze);
        z.write(read(name));
        z.closeEntry();
      }
    }
  }
}
