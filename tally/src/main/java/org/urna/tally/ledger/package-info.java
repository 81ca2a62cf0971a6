/**
 * The tally from the ledger (docs/spec/trustees.md 6.5): the newest quorum-cosigned checkpoint,
 * every entry downloaded through the C2SP tlog-tiles and checked against its root ({@link
 * org.urna.tally.ledger.LedgerDownloader}, {@link org.urna.tally.ledger.LedgerFolder}), every
 * ballot verified and the cast ones added into the encrypted totals ({@link
 * org.urna.tally.ledger.LedgerTally}); and the live ledger followed round by round, only the new
 * entries verified, the state kept in a folder (docs/spec/trustees.md 6.6, {@link
 * org.urna.tally.ledger.LedgerFollower}). The C2SP formats and Merkle hashes are
 * transparency-log's.
 */
package org.urna.tally.ledger;
