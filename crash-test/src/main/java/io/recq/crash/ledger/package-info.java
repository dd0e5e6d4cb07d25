/**
 * The ledger of large deposits: a saga that, for every deposit of at least
 * {@link io.recq.crash.ledger.LargeDepositSaga#THRESHOLD}, sends {@link io.recq.crash.ledger.RecordDeposit} to
 * the account's ledger aggregate in the transaction that stores the saga's state, and ends when the ledger has
 * recorded it. The crash test checks that every such command committed by the saga has run exactly once.
 */
package io.recq.crash.ledger;
