package org.urna.core.election;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The JSON dialect of election packages (spec 3.6 and 4): UTF-8, one object, no duplicate names, no
 * trailing content, bounded size and depth (Jackson's {@link StreamReadConstraints}); and the
 * canonical encoding, RFC 8785 (JCS), which for the values a valid manifest can hold (strings
 * without control characters or lone surrogates, integers, ASCII names) is exactly Jackson's
 * compact output with object members sorted by name.
 */
final class StrictJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(ManifestLimits.MAX_NESTING_DEPTH)
                  .maxDocumentLength(ManifestLimits.MAX_PACKAGE_BYTES)
                  .maxStringLength(ManifestLimits.MAX_JSON_STRING)
                  .maxNameLength(256)
                  .maxNumberLength(32)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final JsonMapper READER =
      JsonMapper.builder(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /**
   * Characters beyond U+FFFF as 4-byte UTF-8, not as escaped surrogate pairs (Jackson's default);
   * '/' and non-ASCII unescaped: as RFC 8785 writes them.
   */
  private static final JsonFactory WRITER =
      JsonFactory.builder()
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
          .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  private static final JsonMapper CANONICAL =
      JsonMapper.builder(WRITER).enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  private static final JsonMapper PRETTY =
      JsonMapper.builder(WRITER).enable(SerializationFeature.INDENT_OUTPUT).build();

  private StrictJson() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Steps P1 and P2: a JSON object of at most 4 MiB, strictly UTF-8, well-formed. */
  static JsonNode parse(byte[] bytes, String what) throws ElectionPackageException {
    if (bytes == null || bytes.length == 0) {
      throw new ElectionPackageException(LoadStep.P1_SIZE, what, "the file is empty");
    }
    if (bytes.length > ManifestLimits.MAX_PACKAGE_BYTES) {
      throw new ElectionPackageException(
          LoadStep.P1_SIZE,
          what,
          "the file is %,d bytes; at most %,d bytes (4 MiB) are allowed"
              .formatted(bytes.length, ManifestLimits.MAX_PACKAGE_BYTES));
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
      throw new ElectionPackageException(
          LoadStep.P2_JSON, what, "is not UTF-8 text (the file is damaged or in another encoding)");
    }
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (StreamConstraintsException e) {
      throw new ElectionPackageException(
          LoadStep.P2_JSON, what, "is too large or too deeply nested: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ElectionPackageException(
          LoadStep.P2_JSON, what, "is not valid JSON" + where + ": " + firstLine(e));
    }
    if (node == null || node.isMissingNode()) {
      throw new ElectionPackageException(LoadStep.P2_JSON, what, "holds no JSON value");
    }
    if (!node.isObject()) {
      throw new ElectionPackageException(LoadStep.P2_JSON, what, "must be a JSON object { ... }");
    }
    return node;
  }

  /** RFC 8785 canonical bytes of a tree that follows the manifest's rules (spec section 4). */
  static byte[] canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Indented UTF-8 JSON for files people read. */
  static byte[] pretty(JsonNode node) {
    try {
      return PRETTY.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static String firstLine(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    int nl = m.indexOf('\n');
    return TextRules.shorten(nl < 0 ? m : m.substring(0, nl), 160);
  }
}
