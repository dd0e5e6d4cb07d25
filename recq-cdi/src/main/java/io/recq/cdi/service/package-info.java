/**
 * A deployment as a service of a system: its name and instance, its entry in the store's catalog (written at
 * start, refreshed by a heartbeat, removed at undeploy), the routes of command and query types to the services
 * that handle them, the checks across services, and the {@link io.recq.api.Catalog} applications read.
 */
package io.recq.cdi.service;
