/**
 * Projectors as event consumers: every event of their contexts in global order, the handler's read-model
 * change committed with the position, a new projector or version replaying from the first event.
 */
package io.recq.cdi.event.projector;
