/**
 * MicroProfile Health of the transport in a managed WildFly: the readiness check reaches the server's
 * {@code /health/ready} with the RECQ jars in {@code WEB-INF/lib} and in {@code EAR/lib}, and reports the
 * broker DOWN when it cannot be reached.
 */
package io.recq.jms.it.health;
