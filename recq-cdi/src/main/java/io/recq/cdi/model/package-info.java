/**
 * The deployment model: what the extension found in the application, built from plain reflection so that
 * the server runtime and the container-free test kit resolve handlers with the same code.
 *
 * <p>{@link io.recq.cdi.model.ComponentIntrospector} turns one component class into a
 * {@link io.recq.cdi.model.ComponentModel} and the {@link io.recq.cdi.model.DeploymentProblem}s it has;
 * {@link io.recq.cdi.model.RecqModel#builder()} combines the components of a deployment, checks the
 * global routing rules and yields the immutable {@link io.recq.cdi.model.RecqModel}.
 */
package io.recq.cdi.model;
