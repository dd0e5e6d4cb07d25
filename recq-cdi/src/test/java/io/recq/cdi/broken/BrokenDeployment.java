package io.recq.cdi.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.weld.environment.se.Weld;

import io.smallrye.config.inject.ConfigExtension;

import io.recq.cdi.RecqExtension;
import io.recq.cdi.model.DeploymentProblem;
import io.recq.cdi.model.ErrorCode;

/**
 * Deploys bean classes in Weld SE, with the RECQ extension, and keeps the exception that failed the
 * deployment and the problems the extension found.
 *
 * @param exception the exception with which the deployment failed
 * @param problems the problems the extension reported
 */
record BrokenDeployment(DeploymentException exception, List<DeploymentProblem> problems) {

    /**
     * @param beanClasses the classes of the deployment
     * @return the failed deployment
     */
    static BrokenDeployment deploy(Class<?>... beanClasses) {
        RecqExtension extension = new RecqExtension();
        Weld weld = new Weld(BrokenDeployment.class.getName() + "-" + System.nanoTime()).disableDiscovery()
                .addExtension(extension)
                .addExtension(new ConfigExtension())
                .addBeanClasses(beanClasses);
        try {
            Throwable thrown = catchThrowable(weld::initialize);
            assertThat(thrown).as("the deployment should fail").isInstanceOf(DeploymentException.class);
            return new BrokenDeployment((DeploymentException) thrown, extension.problems());
        } finally {
            weld.shutdown();
        }
    }

    /**
     * Asserts that the deployment failed with exactly one problem, of the given code at the given location.
     *
     * @param code the expected code
     * @param location the expected location ({@code com.acme.X#handle(Y)} or a class name)
     * @return this
     */
    BrokenDeployment failsWithOnly(ErrorCode code, String location) {
        assertThat(problems).extracting(DeploymentProblem::code).containsExactly(code);
        assertThat(exception.getMessage()).contains("RECQ found 1 problem in the deployment")
                .contains(code.code() + " " + location + ": ");
        return this;
    }

    /**
     * @param text text the message must contain
     * @return this
     */
    BrokenDeployment mentions(String text) {
        assertThat(exception.getMessage()).contains(text);
        return this;
    }
}
