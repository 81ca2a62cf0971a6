package org.urna.tally.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * The JSON of trustee files (docs/spec/trustees.md 2): one UTF-8 object, no duplicate or unknown
 * members, at most 16 MiB, bytes as lowercase hex of an exact length, integers in stated ranges;
 * written canonically (RFC 8785: members sorted, no whitespace), which for these values (ASCII
 * names, integers, strings without control characters) is Jackson's sorted compact output.
 */
public final class TrusteeJson {
  public static final int MAX_BYTES = 16 * 1024 * 1024;
  static final int MAX_STRING = 512;

  private static final JsonMapper READER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(8)
                          .maxDocumentLength(MAX_BYTES)
                          .maxStringLength(4096)
                          .maxNameLength(64)
                          .maxNumberLength(12)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final JsonMapper CANONICAL =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                  .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                  .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
                  .build())
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .build();

  private static final HexFormat HEX = HexFormat.of();

  private TrusteeJson() {}

  public static ObjectNode object(String format) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("format", format);
    return o;
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  public static byte[] canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** Parses and checks the format string and the exact member names. */
  static Obj parse(byte[] bytes, String what, String format, String... members)
      throws FileFormatException {
    if (bytes.length > MAX_BYTES) {
      throw new FileFormatException(what + ": the file is larger than 16 MiB");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new FileFormatException(what + ": is not UTF-8 text");
    }
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      String m = String.valueOf(e.getOriginalMessage());
      throw new FileFormatException(
          what + ": is not valid JSON: " + (m.length() > 160 ? m.substring(0, 160) : m));
    }
    if (node == null || !node.isObject()) {
      throw new FileFormatException(what + ": must be a JSON object");
    }
    Obj o = new Obj(what, "", node);
    String f = o.string("format");
    if (!f.equals(format)) {
      throw new FileFormatException(
          what + ": is a '" + f + "' file, not '" + format + "' (wrong file?)");
    }
    o.exactly(prepend("format", members));
    return o;
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** A JSON object being read, with its path for messages. */
  static final class Obj {
    final String what;
    final String path;
    final JsonNode node;

    Obj(String what, String path, JsonNode node) {
      this.what = what;
      this.path = path;
      this.node = node;
    }

    FileFormatException error(String field, String message) {
      return new FileFormatException(what + ": field '" + path + field + "': " + message);
    }

    void exactly(String... members) throws FileFormatException {
      List<String> allowed = List.of(members);
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (!allowed.contains(n)) {
          throw error(n, "is not a member of this format");
        }
      }
      for (String m : members) {
        if (!node.has(m)) {
          throw error(m, "is missing");
        }
      }
    }

    JsonNode get(String field) throws FileFormatException {
      JsonNode v = node.get(field);
      if (v == null) {
        throw error(field, "is missing");
      }
      return v;
    }

    String string(String field) throws FileFormatException {
      JsonNode v = get(field);
      if (!v.isTextual()) {
        throw error(field, "must be a string");
      }
      if (v.asText().length() > MAX_STRING) {
        throw error(field, "is longer than " + MAX_STRING + " characters");
      }
      return v.asText();
    }

    int integer(String field, int min, int max) throws FileFormatException {
      JsonNode v = get(field);
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
        throw error(field, "must be an integer in " + min + ".." + max);
      }
      return v.asInt();
    }

    long longInteger(String field, long min, long max) throws FileFormatException {
      JsonNode v = get(field);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
        throw error(field, "must be an integer in " + min + ".." + max);
      }
      return v.asLong();
    }

    byte[] bytes(String field, int length) throws FileFormatException {
      return decodeHex(string(field), field, length);
    }

    byte[] decodeHex(String s, String field, int length) throws FileFormatException {
      if (s.length() != 2 * length || !s.matches("[0-9a-f]*")) {
        throw error(
            field, "must be " + 2 * length + " lowercase hex digits (" + length + " bytes)");
      }
      return HEX.parseHex(s);
    }

    Point point(String field) throws FileFormatException {
      try {
        return Point.decode(bytes(field, Point.BYTES));
      } catch (CryptoFormatException e) {
        throw error(field, e.getMessage());
      }
    }

    Scalar scalar(String field) throws FileFormatException {
      try {
        return Scalar.decode(bytes(field, Scalar.BYTES));
      } catch (CryptoFormatException e) {
        throw error(field, e.getMessage());
      }
    }

    List<JsonNode> array(String field, int max) throws FileFormatException {
      JsonNode v = get(field);
      if (!v.isArray()) {
        throw error(field, "must be an array");
      }
      if (v.size() > max) {
        throw error(field, "has " + v.size() + " entries; at most " + max);
      }
      List<JsonNode> out = new ArrayList<>();
      v.forEach(out::add);
      return out;
    }

    /** Element i of an array, as an object with the given members. */
    Obj element(String field, int i, JsonNode e, String... members) throws FileFormatException {
      if (!e.isObject()) {
        throw error(field + "[" + i + "]", "must be an object");
      }
      Obj o = new Obj(what, path + field + "[" + i + "].", e);
      o.exactly(members);
      return o;
    }

    /** Element i of an array of hex strings. */
    byte[] hexElement(String field, int i, JsonNode e, int length) throws FileFormatException {
      String name = field + "[" + i + "]";
      if (!e.isTextual()) {
        throw error(name, "must be a string");
      }
      return decodeHex(e.asText(), name, length);
    }
  }
}
