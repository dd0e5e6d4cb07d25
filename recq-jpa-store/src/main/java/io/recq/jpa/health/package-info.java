/**
 * MicroProfile Health checks of the store.
 */
package io.recq.jpa.health;
