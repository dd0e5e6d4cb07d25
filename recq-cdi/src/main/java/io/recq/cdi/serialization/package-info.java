/**
 * JSON-B serialisation of payloads and state, shared by the server runtime and the test kit. JSON is only
 * ever read into the payload classes registered in the deployment model: never into a class named by the
 * message itself.
 */
package io.recq.cdi.serialization;
