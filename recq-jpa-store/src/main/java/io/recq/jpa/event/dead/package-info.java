/**
 * The dead event queue in the store: events a consumer could not handle after its retries, with the failure.
 */
package io.recq.jpa.event.dead;
