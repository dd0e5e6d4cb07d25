/**
 * The Jakarta Persistence store of RECQ: what the event and command parts share (the persistence unit's
 * name, the translation of database failures into transient and permanent ones, metadata as JSON).
 */
package io.recq.jpa;
