package org.urna.core.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {
  @Test
  void theNamesTheAuditLogHashesNeverChange() {
    // docs/spec/ballot-box.md 3.2 hashes role.name(); the audit_log.role column is VARCHAR(16).
    assertThat(Arrays.stream(Role.values()).map(Role::name))
        .containsExactly("POLL_WORKER", "TECHNICIAN", "ELECTION_MANAGER", "KIOSK");
    assertThat(Role.values())
        .allSatisfy(r -> assertThat(r.name().length()).isLessThanOrEqualTo(16));
  }

  @Test
  void cardsCarryEveryRoleButTheStationsOwn() {
    assertThat(Role.cardRoles())
        .containsExactlyInAnyOrder(Role.POLL_WORKER, Role.TECHNICIAN, Role.ELECTION_MANAGER);
    for (Role r : Role.cardRoles()) {
      assertThat(r.onCards()).isTrue();
      assertThat(Role.fromCertificateValue(r.certificateValue())).contains(r);
    }
    assertThat(Role.KIOSK.onCards()).isFalse();
    assertThatThrownBy(Role.KIOSK::certificateValue).isInstanceOf(IllegalStateException.class);
    assertThat(Role.fromCertificateValue("kiosk")).isEmpty();
    assertThat(Role.fromCertificateValue("KIOSK")).isEmpty();
    assertThat(Role.fromCertificateValue(null)).isEmpty();
    assertThat(Role.fromCertificateValue("POLL_WORKER")).isEmpty();
  }
}
