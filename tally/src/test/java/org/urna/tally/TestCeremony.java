package org.urna.tally;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** An honest ceremony run in memory, for tests. */
final class TestCeremony {
  final CeremonyParameters params;
  final List<Trustee> trustees = new ArrayList<>();
  final List<KeyAnnouncement> announcements = new ArrayList<>();
  final List<Deal> deals = new ArrayList<>();
  final List<CheckReport> reports = new ArrayList<>();
  final List<ComplaintAnswer> answers = new ArrayList<>();

  TestCeremony(int n, int k) throws TrusteeException {
    this(n, k, (byte) 7);
  }

  TestCeremony(int n, int k, byte election) throws TrusteeException {
    this(
        CeremonyParameters.of(
            filled(election),
            k,
            IntStream.rangeClosed(1, n).mapToObj(i -> "Trustee " + i).toList()));
  }

  private static byte[] filled(byte b) {
    byte[] hash = new byte[32];
    java.util.Arrays.fill(hash, b);
    return hash;
  }

  TestCeremony(CeremonyParameters params) throws TrusteeException {
    this.params = params;
    for (int i = 1; i <= params.size(); i++) {
      Trustee t = Trustee.create(params, i);
      trustees.add(t);
      announcements.add(t.announce());
    }
  }

  TestCeremony dealAll() throws TrusteeException {
    for (Trustee t : trustees) {
      deals.add(t.deal(announcements));
    }
    return this;
  }

  TestCeremony checkAll() {
    for (Trustee t : trustees) {
      reports.add(t.check(deals).report());
    }
    return this;
  }

  Ceremony.Published published() {
    return new Ceremony.Published(announcements, deals, reports, answers);
  }

  JointKey combine() throws TrusteeException {
    return Ceremony.combine(params, published());
  }

  /** The whole honest ceremony, every trustee finished. */
  static TestCeremony honest(int n, int k) throws TrusteeException {
    TestCeremony c = new TestCeremony(n, k).dealAll().checkAll();
    c.finishAll(c.combine());
    return c;
  }

  JointKey joint;

  void finishAll(JointKey joint) throws TrusteeException {
    this.joint = joint;
    for (Trustee t : trustees) {
      if (joint.qualified().contains(t.index())) {
        t.finish(joint, deals, answers);
      }
    }
  }

  Trustee trustee(int i) {
    return trustees.get(i - 1);
  }
}
