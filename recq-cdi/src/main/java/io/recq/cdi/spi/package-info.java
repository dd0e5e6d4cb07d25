/**
 * The small service-provider interface that the transport ({@code recq-jms}) and the store
 * ({@code recq-jpa-store}) implement, and that the runtime combines. The transport and the store do not
 * know each other.
 */
package io.recq.cdi.spi;
