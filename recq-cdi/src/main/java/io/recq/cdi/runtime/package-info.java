/**
 * The runtime that wires the deployment model to the transport and the store: the gateways, the scope of
 * a running handler (capabilities and correlation), and the start-up of consumers.
 */
package io.recq.cdi.runtime;
