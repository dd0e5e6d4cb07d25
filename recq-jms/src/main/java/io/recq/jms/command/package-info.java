/**
 * The command side of the transport: commands sent to the command queue, grouped by aggregate or lock id,
 * and consumed one JTA transaction per message, with redelivery and dead-lettering.
 */
package io.recq.jms.command;
