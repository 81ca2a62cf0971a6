package org.urna.kiosk.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.urna.core.io.AtomicFiles;
import org.urna.kiosk.config.ConfigProblem;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfigException;
import org.urna.kiosk.config.StationConfigFile;

/**
 * The settings a technician edits in service mode, over the station's configuration file: each
 * edited value replaces the file's, the whole text is checked by {@link StationConfigFile} (every
 * problem with its key), and only a configuration without problems is saved, in {@link
 * StationConfigFile#format}'s text, atomically ({@link AtomicFiles}). The running station keeps its
 * settings until it restarts.
 */
public final class ConfigForm {
  /** The settings on the Configuration screen, in their order. */
  public static final List<String> FIELDS =
      List.of(
          StationConfigFile.STATION_ID,
          StationConfigFile.LEDGER_ENDPOINTS,
          StationConfigFile.PRINTER_PORT,
          StationConfigFile.PRINTER_BAUD,
          StationConfigFile.PRINTER_PROFILE,
          StationConfigFile.DEFAULT_LANGUAGE,
          StationConfigFile.INACTIVITY_MINUTES);

  private final Path file;

  public ConfigForm(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  /** The file's values of {@link #FIELDS} as written (absent ones empty). */
  public Map<String, String> current() throws IOException {
    Properties p = load();
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : FIELDS) {
      out.put(k, p.getProperty(k, "").strip());
    }
    return out;
  }

  /** What a save did: the saved configuration and the settings it changed, or the problems. */
  public sealed interface Outcome {
    record Saved(StationConfig config, Map<String, String[]> changed) implements Outcome {}

    /** Nothing was written. */
    record Refused(List<ConfigProblem> problems) implements Outcome {}
  }

  /**
   * Checks the file with {@code edits} applied (an empty value removes the setting) and saves it
   * when there is no problem; nothing is written otherwise, nor when nothing changed.
   */
  public Outcome save(Map<String, String> edits) throws IOException {
    Properties p = load();
    Map<String, String[]> changed = new LinkedHashMap<>();
    for (var e : edits.entrySet()) {
      String before = p.getProperty(e.getKey(), "").strip();
      String after = e.getValue() == null ? "" : e.getValue().strip();
      if (!Objects.equals(before, after)) {
        changed.put(e.getKey(), new String[] {before, after});
      }
      if (after.isEmpty()) {
        p.remove(e.getKey());
      } else {
        p.setProperty(e.getKey(), after);
      }
    }
    StringWriter text = new StringWriter();
    p.store(text, null);
    StationConfig config;
    try {
      config = StationConfigFile.parse(file.toString(), text.toString(), file.getParent());
    } catch (StationConfigException e) {
      return new Outcome.Refused(e.problems());
    }
    if (changed.isEmpty()) {
      return new Outcome.Saved(config, changed);
    }
    String saved = StationConfigFile.format(config);
    try {
      // what is written must read back as the same settings: a save never leaves a file the
      // station cannot start from
      StationConfigFile.parse(file.toString(), saved, file.getParent());
    } catch (StationConfigException e) {
      return new Outcome.Refused(new ArrayList<>(e.problems()));
    }
    AtomicFiles.write(file, saved.getBytes(StandardCharsets.UTF_8), false);
    return new Outcome.Saved(config, changed);
  }

  private Properties load() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    return p;
  }
}
