package org.urna.kiosk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.SigningKey;

/** The registration request against the vector of docs/spec/station-registration.md. */
class RegistrationRequestTest {
  private static final Path SPEC =
      Path.of("").toAbsolutePath().getParent().resolve("docs/spec/station-registration.md");

  /** The fenced blocks of the spec's "Vector" section, in order. */
  private static List<String> vectorBlocks() throws Exception {
    String spec = Files.readString(SPEC, StandardCharsets.UTF_8);
    String section = spec.substring(spec.indexOf("## Vector"));
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while ((at = section.indexOf("```\n", at)) >= 0) {
      int end = section.indexOf("```", at + 4);
      blocks.add(section.substring(at + 4, end));
      at = end + 3;
    }
    return blocks;
  }

  private static SigningKey vectorKey() {
    return SigningKey.fromSeed(
        HexFormat.of()
            .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  }

  @Test
  void theCodeMakesTheSpecsVectorByteForByte() throws Exception {
    List<String> blocks = vectorBlocks();
    assertThat(blocks).hasSize(2);
    Instant time = Instant.parse("2026-09-01T08:00:00Z");
    RegistrationRequest r = RegistrationRequest.sign("station-1", vectorKey(), time);
    assertThat(
            "m = "
                + HexFormat.of()
                    .formatHex(
                        RegistrationRequest.message("station-1", vectorKey().publicKey(), time))
                + "\n")
        .isEqualTo(blocks.get(0));
    assertThat(r.encode()).isEqualTo(blocks.get(1));
    RegistrationRequest back = RegistrationRequest.parse(blocks.get(1));
    assertThat(back.verifies()).isTrue();
    assertThat(back.key()).isEqualTo(vectorKey().publicKey());
    assertThat(back.stationId()).isEqualTo("station-1");
  }

  @Test
  void aChangedStationIdOrTimeNoLongerVerifies() throws Exception {
    String text = vectorBlocks().get(1);
    assertThat(RegistrationRequest.parse(text.replace("station-1", "station-2")).verifies())
        .isFalse();
    assertThat(RegistrationRequest.parse(text.replace("08:00:00Z", "08:00:01Z")).verifies())
        .isFalse();
  }

  @Test
  void malformedRequestsAreRefusedWithTheReason() throws Exception {
    String text = vectorBlocks().get(1);
    assertThatThrownBy(() -> RegistrationRequest.parse(text.replace("/v1", "/v2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a station registration request");
    assertThatThrownBy(() -> RegistrationRequest.parse(text.replace("key 03a1", "key 03A1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key is 64 lower-case hex digits");
    assertThatThrownBy(() -> RegistrationRequest.parse(text.replace("08:00:00Z", "08:00:00.5Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> RegistrationRequest.parse(text.replace("\nstation ", "\nstation:")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("should start 'station '");
    assertThatThrownBy(() -> RegistrationRequest.parse(text + "extra\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
