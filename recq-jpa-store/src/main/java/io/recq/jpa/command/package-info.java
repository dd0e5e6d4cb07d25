/**
 * What command handling stores besides events: the idempotency records, and their clean-up.
 */
package io.recq.jpa.command;
