/**
 * Saga instances in the store: their state as JSON, and their associations, indexed by (saga, property,
 * value) so that an event finds its instances with one query.
 */
package io.recq.jpa.event.saga;
