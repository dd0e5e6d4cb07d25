/**
 * The store's tables: created from the shipped SQL scripts when missing, validated at start-up.
 */
package io.recq.jpa.schema;
