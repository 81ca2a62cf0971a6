package org.urna.ballotbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.urna.ballotbox.outbox.Inclusion;
import org.urna.core.ballot.RecordedBallot;

/**
 * An RFC 6962 tree over recorded ballots' ledger entries, written from the RFC's definitions of MTH
 * and PATH (section 2.1), independent of {@link LedgerProof}: the proofs and a checkpoint note
 * whose signature line is not a real signature (the box does not check signatures itself).
 */
final class TestLedger {
  private final List<byte[]> leaves = new ArrayList<>();
  private final List<RecordedBallot> ballots = new ArrayList<>();

  void add(RecordedBallot rb) {
    byte[] code = rb.code().toBytes();
    byte[] recorded = rb.toBytes();
    byte[] entry = new byte[1 + code.length + recorded.length];
    entry[0] = 0x01;
    System.arraycopy(code, 0, entry, 1, code.length);
    System.arraycopy(recorded, 0, entry, 1 + code.length, recorded.length);
    leaves.add(sha((byte) 0, entry));
    ballots.add(rb);
  }

  long size() {
    return leaves.size();
  }

  byte[] root() {
    return mth(0, leaves.size());
  }

  Inclusion proof(int m) {
    return new Inclusion(ballots.get(m).ballotId(), m, path(m, 0, leaves.size()));
  }

  byte[] note() {
    return ("urna-test-ledger\n"
            + size()
            + "\n"
            + Base64.getEncoder().encodeToString(root())
            + "\n\n\u2014 urna-test-ledger AAAAAAAA\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] mth(int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from);
    }
    int k = Integer.highestOneBit(n - 1);
    return sha((byte) 1, concat(mth(from, from + k), mth(from + k, to)));
  }

  private List<byte[]> path(int m, int from, int to) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, from, from + k));
      out.add(mth(from + k, to));
    } else {
      out.addAll(path(m - k, from + k, to));
      out.add(mth(from, from + k));
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] sha(byte prefix, byte[] data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prefix);
      md.update(data);
      return md.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
