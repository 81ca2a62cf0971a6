package org.urna.ballotbox.outbox;

/** How many outbox rows are in each status. */
public record OutboxCounts(long pending, long submitted, long confirmed) {
  public long total() {
    return pending + submitted + confirmed;
  }
}
