package io.recq.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.BeanManager;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.recq.api.CommandGateway;
import io.recq.api.QueryGateway;
import io.recq.cdi.query.DefaultQueryProcessor;
import io.recq.cdi.runtime.DefaultCommandGateway;
import io.recq.cdi.runtime.DefaultQueryGateway;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.spi.QueryProcessor;
import io.recq.cdi.todo.TodoApplication;

/**
 * The framework's beans exist exactly once whether bean discovery found them (their jar is a bean archive)
 * or not (discovery is off, or the jar lost its {@code beans.xml}): the extension adds only those it did
 * not find.
 */
class FrameworkBeanRegistrationTest {

    /** The beans recq-cdi lists in META-INF/recq/beans. */
    private static final List<Class<?>> FRAMEWORK_BEANS = List.of(RecqConfig.class, RecqRuntime.class,
            DefaultCommandGateway.class, DefaultQueryGateway.class, DefaultQueryProcessor.class);

    @Test
    void addsTheFrameworkBeansThatDiscoveryDidNotFind() {
        // given
        Weld testSubject = application();

        // when
        try (WeldContainer container = testSubject.initialize()) {

            // then
            assertDefinedOnce(container.getBeanManager());
        }
    }

    @Test
    void definesTheFrameworkBeansThatDiscoveryFoundOnlyOnce() {
        // given
        Weld testSubject = application().addBeanClasses(FRAMEWORK_BEANS.toArray(Class<?>[]::new));

        // when
        try (WeldContainer container = testSubject.initialize()) {

            // then
            assertDefinedOnce(container.getBeanManager());
        }
    }

    @Test
    void addsOnlyTheMissingOnesWhenDiscoveryFoundSome() {
        // given
        Weld testSubject = application().addBeanClasses(RecqRuntime.class, DefaultQueryGateway.class);

        // when
        try (WeldContainer container = testSubject.initialize()) {

            // then
            assertDefinedOnce(container.getBeanManager());
            assertThat(container.select(QueryGateway.class).get()).isNotNull();
        }
    }

    private static Weld application() {
        return new Weld().disableDiscovery()
                .addExtension(new RecqExtension())
                .addExtension(new io.smallrye.config.inject.ConfigExtension())
                .addBeanClasses(TodoApplication.beanClasses());
    }

    private static void assertDefinedOnce(BeanManager beanManager) {
        for (Class<?> frameworkBean : FRAMEWORK_BEANS) {
            assertThat(beanManager.getBeans(frameworkBean)).as("beans of %s", frameworkBean.getName()).hasSize(1);
        }
        assertThat(beanManager.getBeans(CommandGateway.class)).hasSize(1);
        assertThat(beanManager.getBeans(QueryGateway.class)).hasSize(1);
        assertThat(beanManager.getBeans(QueryProcessor.class)).hasSize(1);
    }
}
