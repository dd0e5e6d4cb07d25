/**
 * Event consumers in the store: the position and lease of each projector context, saga and observer, the
 * events an observer has handled (its deduplication), and the readiness check that reports them.
 */
package io.recq.jpa.event.consumer;
