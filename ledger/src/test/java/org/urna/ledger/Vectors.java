package org.urna.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Loads conformance vectors from test resources. */
public final class Vectors {
  private Vectors() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/org/urna/ledger/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing vector " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  public static Properties properties(String name) {
    Properties p = new Properties();
    try {
      p.load(new java.io.StringReader(text(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
