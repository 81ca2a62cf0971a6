package org.urna.hardware.card.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.urna.core.role.Role;
import org.urna.hardware.card.TestAuthority;

class RoleCertificateParserPropertiesTest {
  private static final TestAuthority AUTHORITY = new TestAuthority();
  private static final byte[] GENUINE = AUTHORITY.card(Role.POLL_WORKER).certificate();
  private static final TrustPolicy POLICY = AUTHORITY.policy();

  @Property(tries = 2000)
  void anyBytesAreACertificateOrATypedRefusal(@ForAll @Size(max = 600) byte[] bytes) {
    try {
      RoleCertificateParser.parse(bytes);
    } catch (RoleCertificateException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }

  @Property(tries = 1000)
  void anyChangedByteOfAGenuineCertificateIsRefused(
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] tampered = GENUINE.clone();
    int at = position % tampered.length;
    tampered[at] = (byte) (tampered[at] ^ xor);
    assertThatThrownBy(() -> POLICY.check(RoleCertificateParser.parse(tampered), Instant.now()))
        .isInstanceOf(RoleCertificateException.class);
  }

  @Property(tries = 300)
  void truncatedCertificatesAreTypedRefusals(@ForAll @IntRange(min = 0, max = 10_000) int cut) {
    byte[] truncated = Arrays.copyOf(GENUINE, cut % GENUINE.length);
    assertThatThrownBy(() -> RoleCertificateParser.parse(truncated))
        .isInstanceOf(RoleCertificateException.class);
  }
}
