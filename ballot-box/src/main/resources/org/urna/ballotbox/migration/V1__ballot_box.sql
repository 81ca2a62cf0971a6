-- The ballot box of one station for one election (docs/spec/ballot-box.md).
-- Time is stored as the hour since the epoch only, never finer.
-- Closed sets are ENUM columns, not CHECK (x IN (...)): H2 2.4.240 evaluates such a list (also
-- one it made from ORs) through the session that parsed it, which fails once that session closed.

CREATE TABLE box_identity (
  id TINYINT PRIMARY KEY CHECK (id = 1),
  extended_hash BINARY(32) NOT NULL,
  election_id VARCHAR(128) NOT NULL,
  station_id VARCHAR(128) NOT NULL,
  created_hour BIGINT NOT NULL
);

-- A ballot is PENDING (encrypted body + nonce seed, not yet in the chain) until the voter casts or
-- challenges it; then it holds the recorded ballot bytes at its place in the tracking-code chain
-- and its nonce seed is gone.
CREATE TABLE ballot (
  ballot_id BINARY(16) PRIMARY KEY,
  state ENUM('PENDING', 'CAST', 'CHALLENGED') NOT NULL,
  epoch_hour BIGINT NOT NULL,
  body VARBINARY(4194304),
  nonce_seed BINARY(32),
  chain_pos BIGINT UNIQUE,
  recorded VARBINARY(4194304),
  previous_code BINARY(32),
  tracking_code BINARY(32) UNIQUE,
  CONSTRAINT ballot_shape CHECK (
    (state = 'PENDING' AND body IS NOT NULL AND nonce_seed IS NOT NULL AND chain_pos IS NULL
      AND recorded IS NULL AND previous_code IS NULL AND tracking_code IS NULL)
    OR (state <> 'PENDING' AND body IS NULL AND nonce_seed IS NULL AND chain_pos IS NOT NULL
      AND recorded IS NOT NULL AND previous_code IS NOT NULL AND tracking_code IS NOT NULL))
);

-- One row per recorded ballot to forward to the ledger.
CREATE TABLE outbox (
  ballot_id BINARY(16) PRIMARY KEY REFERENCES ballot (ballot_id),
  chain_pos BIGINT NOT NULL UNIQUE,
  status ENUM('PENDING', 'SUBMITTED', 'CONFIRMED') NOT NULL,
  attempts INT NOT NULL,
  last_error VARCHAR(500),
  checkpoint_size BIGINT,
  checkpoint_root BINARY(32),
  CONSTRAINT outbox_confirmation CHECK (
    (status = 'CONFIRMED') = (checkpoint_size IS NOT NULL AND checkpoint_root IS NOT NULL))
);

CREATE INDEX outbox_by_status ON outbox (status, chain_pos);

-- Every poll-worker, technician and kiosk action, hash-chained.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  epoch_hour BIGINT NOT NULL,
  role VARCHAR(16) NOT NULL,
  action VARCHAR(64) NOT NULL,
  details VARCHAR(1000) NOT NULL,
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL UNIQUE
);
