/**
 * A broken application for the in-container deployment-failure test: each class carries one deployment
 * error, and the deployment must fail with all of them listed.
 */
package io.recq.cdi.it.broken;
