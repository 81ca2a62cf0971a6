package org.urna.ballotbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.crypto.Hash;
import org.urna.core.role.Role;

/** The audit log hashes a role as its constant's name (docs/spec/ballot-box.md, 3.2). */
class AuditRoleEncodingTest {
  @TempDir Path dir;

  @Test
  void eachRoleIsHashedAsItsName() {
    byte[] prev = new byte[32];
    for (Role role : Role.values()) {
      byte[] expected =
          Hash.tagged("audit-entry")
              .part(prev)
              .part(7L)
              .part(493_000L)
              .part(role.name())
              .part("polls-opened")
              .part("")
              .digest();
      assertThat(AuditEntry.hashOf(7, 493_000, role, "polls-opened", "", prev))
          .as(role.name())
          .isEqualTo(expected);
    }
  }

  @Test
  void everyRoleIsStoredAndReadBackAndTheChainStillVerifiesOnReopening() {
    Path path = dir.resolve("box");
    try (BallotBox box = TestBox.open(path)) {
      for (Role role : Role.values()) {
        box.appendAudit(role, "role-checked", role.displayName());
      }
    }
    try (BallotBox box = TestBox.open(path)) {
      List<AuditEntry> log = box.auditEntries(1, 100);
      assertThat(log.stream().filter(e -> e.action().equals("role-checked")).map(AuditEntry::role))
          .containsExactly(Role.values());
      assertThat(log).allSatisfy(e -> assertThat(e.hashMatches()).isTrue());
    }
  }
}
