/**
 * The catalog of the services sharing the store, in its database: running instances with their heartbeat, and
 * what each service handles, consumes and sends.
 */
package io.recq.jpa.catalog;
