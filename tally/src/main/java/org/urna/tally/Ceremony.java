package org.urna.tally;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.urna.core.crypto.Point;

/**
 * The public side of the key ceremony as pure functions (docs/spec/trustees.md 5): given the
 * parameters and everything the trustees published, anyone computes the same {@link JointKey} or
 * the same named failure.
 */
public final class Ceremony {
  private Ceremony() {}

  /** The published messages of one ceremony. */
  public record Published(
      List<KeyAnnouncement> announcements,
      List<Deal> deals,
      List<CheckReport> reports,
      List<ComplaintAnswer> answers) {
    public Published {
      announcements = List.copyOf(announcements);
      deals = List.copyOf(deals);
      reports = List.copyOf(reports);
      answers = List.copyOf(answers);
    }
  }

  /** Steps T2 for every trustee: the verified encryption keys by trustee index. */
  public static Map<Integer, Point> encryptionKeys(
      CeremonyParameters params, List<KeyAnnouncement> announcements) throws TrusteeException {
    Map<Integer, Point> keys = new HashMap<>();
    for (KeyAnnouncement a : announcements) {
      a.verify(params);
      if (keys.put(a.trustee(), a.encryptionKey()) != null) {
        throw new TrusteeException(
            TrusteeStep.T2,
            "encryption key of " + params.describe(a.trustee()),
            "is announced twice");
      }
    }
    for (int i = 1; i <= params.size(); i++) {
      if (!keys.containsKey(i)) {
        throw new TrusteeException(
            TrusteeStep.T2,
            "encryption key of " + params.describe(i),
            "is missing: the trustee has not run 'urna trustee init', or its announcement file"
                + " was not copied here");
      }
    }
    return keys;
  }

  /**
   * Steps T2 to T8: checks every published message and computes the joint key. A dealer whose deal
   * fails T3/T4, or who leaves a complaint unanswered or answers it with a share that does not
   * match (T7), is disqualified; the ceremony fails if fewer than k trustees remain.
   */
  public static JointKey combine(CeremonyParameters params, Published published)
      throws TrusteeException {
    return combine(params, published, true);
  }

  /**
   * As {@link #combine(CeremonyParameters, Published)}; with {@code withShares} false the deals are
   * commitments without encrypted shares (an election record's, docs/spec/election-record.md 2.3).
   */
  public static JointKey combine(CeremonyParameters params, Published published, boolean withShares)
      throws TrusteeException {
    Map<Integer, Point> keys = encryptionKeys(params, published.announcements());
    int n = params.size();
    SortedMap<Integer, String> disqualified = new TreeMap<>();
    Map<Integer, Deal> deals = new HashMap<>();
    for (Deal d : published.deals()) {
      params.requireIndex(d.dealer(), TrusteeStep.T3, "a deal");
      if (deals.containsKey(d.dealer())) {
        throw new TrusteeException(
            TrusteeStep.T3, "deal of " + params.describe(d.dealer()), "is published twice");
      }
      deals.put(d.dealer(), d);
      try {
        d.verify(params, withShares);
      } catch (TrusteeException e) {
        disqualified.put(d.dealer(), e.failure().toString());
      }
    }
    for (int i = 1; i <= n; i++) {
      if (!deals.containsKey(i)) {
        throw new TrusteeException(
            TrusteeStep.T3,
            "deal of " + params.describe(i),
            "is missing: the trustee has not run 'urna trustee deal', or its deal file was not"
                + " copied here");
      }
    }
    Map<Integer, CheckReport> reports = new HashMap<>();
    for (CheckReport r : published.reports()) {
      params.requireIndex(r.trustee(), TrusteeStep.T6, "a check report");
      r.verify(params, keys.get(r.trustee()));
      if (reports.put(r.trustee(), r) != null) {
        throw new TrusteeException(
            TrusteeStep.T6,
            "check report of " + params.describe(r.trustee()),
            "is published twice");
      }
    }
    for (int j = 1; j <= n; j++) {
      if (!reports.containsKey(j)) {
        throw new TrusteeException(
            TrusteeStep.T6,
            "check report of " + params.describe(j),
            "is missing: the trustee has not run 'urna trustee check', or its report was not"
                + " copied here");
      }
    }
    Map<Long, ComplaintAnswer> answers = new HashMap<>();
    for (ComplaintAnswer a : published.answers()) {
      answers.put(pair(a.dealer(), a.recipient()), a);
    }
    for (int j = 1; j <= n; j++) {
      for (int i : reports.get(j).accused()) {
        if (disqualified.containsKey(i)) {
          continue;
        }
        ComplaintAnswer a = answers.get(pair(i, j));
        if (a == null) {
          disqualified.put(
              i,
              new TrusteeFailure(
                      TrusteeStep.T7,
                      "complaint of " + params.describe(j) + " against " + params.describe(i),
                      "is not answered")
                  .toString());
          continue;
        }
        try {
          a.verify(params, keys.get(i), deals.get(i));
        } catch (TrusteeException e) {
          disqualified.put(i, e.failure().toString());
        }
      }
    }
    SortedSet<Integer> qualified = new TreeSet<>();
    for (int i = 1; i <= n; i++) {
      if (!disqualified.containsKey(i)) {
        qualified.add(i);
      }
    }
    if (qualified.size() < params.threshold()) {
      throw new TrusteeException(
          TrusteeStep.T8,
          "joint key",
          "only "
              + qualified.size()
              + " trustees remain qualified and the threshold is "
              + params.threshold()
              + "; disqualified: "
              + disqualified
              + ". Run a new ceremony without the disqualified trustees.");
    }
    Point key = null;
    for (int i : qualified) {
      Point c0 = deals.get(i).commitments().get(0);
      key = key == null ? c0 : key.add(c0);
    }
    if (key.isIdentity()) {
      throw new TrusteeException(TrusteeStep.T8, "joint key", "the sum is the identity");
    }
    SortedMap<Integer, Point> shares = new TreeMap<>();
    for (int j : qualified) {
      shares.put(j, publicShare(qualified, deals, j));
    }
    Point[] all = shares.values().toArray(new Point[0]);
    Point.normalizeAll(all);
    int at = 0;
    for (int j : qualified) {
      shares.put(j, all[at++]);
    }
    return new JointKey(params, qualified, disqualified, key, shares);
  }

  static Point publicShare(SortedSet<Integer> qualified, Map<Integer, Deal> deals, int j) {
    Point sum = null;
    for (int i : qualified) {
      Point p = deals.get(i).expectedSharePoint(j);
      sum = sum == null ? p : sum.add(p);
    }
    return sum;
  }

  private static long pair(int dealer, int recipient) {
    return ((long) dealer << 32) | recipient;
  }
}
