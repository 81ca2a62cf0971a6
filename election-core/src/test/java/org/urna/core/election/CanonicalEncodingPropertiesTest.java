package org.urna.core.election;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The canonical encoding is RFC 8785: it equals an independent JCS implementation's output, and
 * does not depend on member order or whitespace.
 */
class CanonicalEncodingPropertiesTest {

  @Example
  void theSampleManifestEncodesAsAnIndependentJcsImplementationDoes() throws Exception {
    byte[] pretty = ManifestJson.write(TestPackages.SAMPLE.manifest());
    byte[] jcs = new JsonCanonicalizer(pretty).getEncodedUTF8();
    assertThat(ManifestJson.canonical(TestPackages.SAMPLE.manifest())).isEqualTo(jcs);
  }

  @Property(tries = 300)
  void anyTextAllowedInAManifestEncodesAsJcsDoes(@ForAll("texts") String text) throws Exception {
    ObjectNode o = StrictJson.object();
    o.put("zeta", text);
    o.put("alpha", 7);
    o.putObject("m").put(text.isEmpty() ? "x" : "k", text).put("b", "\"\\/" + text);
    byte[] ours = StrictJson.canonical(o);
    byte[] theirs = new JsonCanonicalizer(StrictJson.pretty(o)).getEncodedUTF8();
    assertThat(new String(ours, StandardCharsets.UTF_8))
        .isEqualTo(new String(theirs, StandardCharsets.UTF_8));
  }

  @Property(tries = 100)
  void memberOrderAndWhitespaceDoNotChangeTheElectionHash(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    JsonNode shuffled = shuffle(TestPackages.manifestTree(), random);
    String json = respace(shuffled, random);
    ElectionManifest parsed = ManifestJson.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed).isEqualTo(TestPackages.SAMPLE.manifest());
    assertThat(ManifestJson.canonical(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "m")))
        .isEqualTo(ManifestJson.canonical(TestPackages.SAMPLE.manifest()));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
            Arbitraries.strings().withCharRange('\u0400', '\u04FF').ofMaxLength(60),
            Arbitraries.strings()
                .withChars("ӘәӨөҮүҖҗҢңҺһ \"\\/€\u2028\u2029\u007f\uFEFF")
                .ofMaxLength(60),
            Arbitraries.strings().all().ofMaxLength(60),
            Arbitraries.of("😀", "𝔘𝔯𝔫𝔞", "🗳️", "a\uD83D\uDE00b", "\uD800\uDC00"))
        .filter(CanonicalEncodingPropertiesTest::allowedInATextOrEmpty);
  }

  private static boolean allowedInATextOrEmpty(String s) {
    return s.codePoints()
        .noneMatch(
            cp ->
                Character.getType(cp) == Character.CONTROL
                    || Character.getType(cp) == Character.SURROGATE);
  }

  /** The same tree with every object's members in a random order. */
  private static JsonNode shuffle(JsonNode node, Random random) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      Collections.shuffle(members, random);
      ObjectNode out = StrictJson.object();
      members.forEach(e -> out.set(e.getKey(), shuffle(e.getValue(), random)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = StrictJson.object().arrayNode();
      node.forEach(n -> out.add(shuffle(n, random)));
      return out;
    }
    return node;
  }

  /** Compact JSON with random JSON whitespace between tokens. */
  private static String respace(JsonNode node, Random random) {
    StringBuilder b = new StringBuilder();
    write(node, b, random);
    return b.toString();
  }

  private static void write(JsonNode node, StringBuilder b, Random random) {
    String[] ws = {"", " ", "\n", "\t", "\r\n  "};
    b.append(ws[random.nextInt(ws.length)]);
    if (node.isObject()) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        b.append(first ? "" : ",").append(ws[random.nextInt(ws.length)]);
        b.append(
                new String(
                    StrictJson.canonical(TextNode.valueOf(e.getKey())), StandardCharsets.UTF_8))
            .append(ws[random.nextInt(ws.length)])
            .append(':');
        write(e.getValue(), b, random);
        first = false;
      }
      b.append(ws[random.nextInt(ws.length)]).append('}');
    } else if (node.isArray()) {
      b.append('[');
      for (int i = 0; i < node.size(); i++) {
        b.append(i == 0 ? "" : ",");
        write(node.get(i), b, random);
      }
      b.append(']');
    } else {
      b.append(new String(StrictJson.canonical(node), StandardCharsets.UTF_8));
    }
    b.append(ws[random.nextInt(ws.length)]);
  }
}
