package org.urna.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's election material is made once into the per-user cache and used again by the next
 * start; a damaged or outdated entry is made again, never a crash (decision 0347).
 */
class DemoCacheTest {
  @TempDir Path cache;

  private DemoStation start(Instant now) throws Exception {
    return DemoStation.create(now, List.of(), null, null, cache);
  }

  /** The fingerprint of the election authority the run's package chains to. */
  private static String authority(DemoStation d) {
    return d.config.packageTrustAnchor();
  }

  @Test
  void aSecondStartUsesTheSameAuthorityPackageAndCards() throws Exception {
    Instant now = Instant.now();
    DemoStation first = start(now);
    DemoStation second = start(now);
    try {
      assertThat(authority(second)).isEqualTo(authority(first));
      assertThat(second.electionPackage.toJson()).isEqualTo(first.electionPackage.toJson());
      assertThat(Files.readAllBytes(second.config.cardAuthorityCertificate()))
          .isEqualTo(Files.readAllBytes(first.config.cardAuthorityCertificate()));
      assertThat(second.folder).isNotEqualTo(first.folder);
      assertThat(DemoCache.entry(cache)).isDirectory();
    } finally {
      first.delete();
      second.delete();
    }
    assertThat(DemoCache.entry(cache).resolve(DemoCache.PACKAGE))
        .as("the cache outlives the runs' folders")
        .exists();
  }

  @Test
  void aDamagedPackageIsMadeAgain() throws Exception {
    Instant now = Instant.now();
    DemoStation first = start(now);
    first.delete();
    Path pkg = DemoCache.entry(cache).resolve(DemoCache.PACKAGE);
    byte[] bytes = Files.readAllBytes(pkg);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(pkg, bytes);

    DemoStation second = start(now);
    try {
      assertThat(authority(second)).isNotEqualTo(authority(first));
      assertThat(DemoCache.load(cache, now)).as("the new entry is valid").isPresent();
    } finally {
      second.delete();
    }
  }

  @Test
  void aDamagedCardIsMadeAgain() throws Exception {
    Instant now = Instant.now();
    DemoStation first = start(now);
    first.delete();
    Files.writeString(DemoCache.entry(cache).resolve("technician.card"), "not a card");

    DemoStation second = start(now);
    try {
      assertThat(authority(second)).isNotEqualTo(authority(first));
      assertThat(second.technician).isNotNull();
    } finally {
      second.delete();
    }
  }

  @Test
  void materialWhoseVotingWindowIsOverIsMadeAgain() throws Exception {
    Instant then = Instant.now();
    DemoStation first = start(then);
    first.delete();
    assertThat(DemoCache.load(cache, then.plus(java.time.Duration.ofHours(20)))).isEmpty();
    assertThat(DemoCache.entry(cache)).doesNotExist();
  }
}
