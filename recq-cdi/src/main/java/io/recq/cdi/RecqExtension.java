package io.recq.cdi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Logger;

import jakarta.enterprise.context.NormalScope;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Scope;
import jakarta.inject.Singleton;

import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.DeploymentProblem;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.runtime.RecqRuntime;

/**
 * Discovers the RECQ components of a deployment and validates them.
 *
 * <p>It only collects and validates: every managed bean carrying a component stereotype (or a handler
 * annotation) is inspected by {@link ComponentIntrospector}; the rules spanning components are checked by
 * {@link RecqModel.Builder}; every problem found is reported at once in {@link AfterDeploymentValidation},
 * so that the container fails the deployment with all of them. The immutable model is then available as a
 * {@link Singleton} bean to the {@link RecqRuntime}, which does the wiring.
 *
 * <p>The framework's own beans are discovered by the container: every RECQ jar is an explicit bean archive
 * ({@code META-INF/beans.xml} with {@code bean-discovery-mode="all"} and {@code <trim/>}, so that only its
 * scoped classes become beans), which no application setting for implicit archives turns off. Only a bean
 * archive of the deployment is visible to the server's own extensions, such as the one that collects the
 * MicroProfile Health checks. Each jar also lists its beans in a {@value #BEANS_RESOURCE} resource; a listed
 * class that type discovery did not find (its jar lost its {@code beans.xml}, or discovery is off, as in a
 * container-free test) is added here once type discovery is over, so the framework works whatever the bean
 * discovery, and no bean is ever defined twice.
 */
public class RecqExtension implements Extension {

    /** Resource listing, one fully qualified class name per line, the beans a RECQ module contributes. */
    public static final String BEANS_RESOURCE = "META-INF/recq/beans";

    private static final Logger LOG = Logger.getLogger(RecqExtension.class.getName());

    private final ComponentIntrospector introspector = new ComponentIntrospector();
    private final List<ComponentModel> components = new ArrayList<>();
    private final List<DeploymentProblem> problems = new ArrayList<>();
    private final Set<Class<?>> undiscoveredFrameworkBeans = new LinkedHashSet<>();
    private RecqModel model;

    void readFrameworkBeans(@Observes BeforeBeanDiscovery event) {
        undiscoveredFrameworkBeans.addAll(frameworkBeanClasses());
    }

    // every framework bean has a scope: @ApplicationScoped is a @NormalScope, @Dependent and @Singleton a @Scope
    <T> void noteDiscoveredFrameworkBean(
            @Observes @WithAnnotations({NormalScope.class, Scope.class}) ProcessAnnotatedType<T> event) {
        undiscoveredFrameworkBeans.remove(event.getAnnotatedType().getJavaClass());
    }

    void addUndiscoveredFrameworkBeans(@Observes AfterTypeDiscovery event, BeanManager beanManager) {
        if (undiscoveredFrameworkBeans.isEmpty()) {
            return;
        }
        // a copy: adding a type fires ProcessAnnotatedType for it, which noteDiscoveredFrameworkBean observes
        List<Class<?>> missing = List.copyOf(undiscoveredFrameworkBeans);
        undiscoveredFrameworkBeans.clear();
        for (Class<?> beanClass : missing) {
            event.addAnnotatedType(beanManager.createAnnotatedType(beanClass),
                    RecqExtension.class.getName() + "#" + beanClass.getName());
        }
        LOG.info(() -> "RECQ added the framework beans that bean discovery did not find (their jar has no "
                + "META-INF/beans.xml, or discovery is off): "
                + missing.stream().map(Class::getName).collect(Collectors.joining(", "))
                + ". They work, but the server's own extensions may not see them: a health check among them "
                + "would be missing from /health");
    }

    <T> void collectHandlers(@Observes ProcessManagedBean<T> event) {
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        if (!ComponentIntrospector.isComponent(beanClass) && !declaresHandlers(beanClass)) {
            return;
        }
        ComponentIntrospector.Introspection introspection = introspector.inspect(beanClass);
        problems.addAll(introspection.problems());
        if (introspection.isValid()) {
            components.add(introspection.component());
            LOG.fine(() -> "RECQ found " + introspection.component());
        }
    }

    void buildModel(@Observes AfterBeanDiscovery event) {
        RecqModel.Builder builder = RecqModel.builder();
        // in class-name order, so that the model and the problems do not depend on the container's bean order
        components.stream().sorted(Comparator.comparing(c -> c.componentClass().getName())).forEach(builder::add);
        problems.addAll(builder.validate());
        model = problems.isEmpty() ? builder.build() : null;
        RecqModel built = model;
        // The bean is added even when the deployment is broken: the framework beans inject it, and without it
        // the container would fail on an unsatisfied dependency before the problems below are reported.
        event.addBean()
                .beanClass(RecqModel.class)
                .types(RecqModel.class, Object.class)
                .scope(Singleton.class)
                .createWith(ctx -> {
                    if (built == null) {
                        throw new IllegalStateException("The RECQ deployment is invalid: " + problems);
                    }
                    return built;
                });
    }

    void validateRouting(@Observes AfterDeploymentValidation event) {
        if (!problems.isEmpty()) {
            // One exception listing every problem: containers differ in how they report several deployment
            // problems (some stop at the first), and one message with one problem per line reads best.
            String message = describeProblems(problems);
            LOG.severe(message);
            event.addDeploymentProblem(new DeploymentException(message));
        }
    }

    /**
     * @param problems the problems of a deployment
     * @return one message listing them, one per line
     */
    static String describeProblems(List<DeploymentProblem> problems) {
        return "RECQ found " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the deployment:\n  " + problems.stream()
                        .sorted(Comparator.comparing(DeploymentProblem::code).thenComparing(DeploymentProblem::location))
                        .map(DeploymentProblem::message)
                        .collect(Collectors.joining("\n  "));
    }

    /**
     * @return the model built at deployment, or {@code null} when the deployment has problems
     */
    public RecqModel model() {
        return model;
    }

    /**
     * @return every problem found (empty for a valid deployment)
     */
    public List<DeploymentProblem> problems() {
        return List.copyOf(problems);
    }

    private static boolean declaresHandlers(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    if (HandlerKind.ofAnnotation(a.annotationType()).isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasScope(Class<?> type) {
        for (Annotation a : type.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(NormalScope.class)
                    || a.annotationType().isAnnotationPresent(Scope.class)) {
                return true;
            }
        }
        return false;
    }

    private Set<Class<?>> frameworkBeanClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        ClassLoader loader = RecqExtension.class.getClassLoader();
        try {
            Enumeration<URL> resources = loader.getResources(BEANS_RESOURCE);
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        String name = line.strip();
                        if (name.isEmpty() || name.startsWith("#")) {
                            continue;
                        }
                        Class<?> beanClass = Class.forName(name, false, loader);
                        if (!hasScope(beanClass)) {
                            // noteDiscoveredFrameworkBean sees scoped classes only: one found by discovery
                            // without a scope would be added a second time
                            throw new IllegalStateException("RECQ framework bean " + name + " listed in " + url
                                    + " has no scope annotation. Fix: annotate it (@ApplicationScoped, @Singleton)");
                        }
                        classes.add(beanClass);
                    }
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("RECQ cannot read its bean list " + BEANS_RESOURCE + ": " + e, e);
        }
        return classes;
    }
}
