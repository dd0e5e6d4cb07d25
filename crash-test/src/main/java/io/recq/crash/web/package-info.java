/**
 * The crash test application's invoker over HTTP ({@code /api}): opening accounts, deposits with an optional
 * idempotency key, the poison switch, and a read-only look at the command dead-letter queue. Status codes tell
 * the client what it may conclude: 200 applied, 409 refused, 504 outcome unknown, other 5xx failed.
 */
package io.recq.crash.web;
