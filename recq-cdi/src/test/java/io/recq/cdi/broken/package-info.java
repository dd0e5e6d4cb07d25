/**
 * Negative deployment tests: each deploys components with a deployment error in Weld SE and checks that
 * the deployment fails with the stable error code and the location of the problem.
 */
package io.recq.cdi.broken;
