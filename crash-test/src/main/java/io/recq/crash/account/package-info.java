/**
 * The accounts of the crash test application: an aggregate that takes deposits (one of them a command that
 * can be poisoned on purpose), and a projector that keeps each account's balance and deposit count in a table
 * of the store's database, committed with the projector's position.
 */
package io.recq.crash.account;
