/**
 * Event consumers in the store: the position and lease of each projector context, saga and observer, and the
 * events an observer has handled (its deduplication).
 */
package io.recq.jpa.event.consumer;
