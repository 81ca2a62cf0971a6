-- A CONFIRMED outbox row keeps what proved it (docs/spec/ballot-box.md section 2.2, decision 0054):
-- the ledger entry's index and inclusion path, and the signed checkpoint note (once per tree size).
ALTER TABLE outbox ADD COLUMN leaf_index BIGINT;
ALTER TABLE outbox ADD COLUMN inclusion_path VARBINARY(2016);

CREATE TABLE checkpoint_note (
  checkpoint_size BIGINT PRIMARY KEY,
  checkpoint_root BINARY(32) NOT NULL,
  note VARBINARY(1048576) NOT NULL
);
