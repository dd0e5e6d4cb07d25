/**
 * MicroProfile Health checks of the transport.
 */
package io.recq.jms.health;
