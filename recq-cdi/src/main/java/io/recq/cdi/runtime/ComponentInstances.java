package io.recq.cdi.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.recq.api.RecqException;
import io.recq.cdi.RecqExtension;
import io.recq.cdi.model.ErrorCode;

/**
 * Gives the runtime the instances of the application's components. It uses the beans the extension saw
 * being defined, not type resolution: where RECQ is in {@code EAR/lib}, the beans of the application's
 * WAR and EJB modules are not visible to it by type, but their beans can still be instantiated.
 */
@ApplicationScoped
public class ComponentInstances {

    private BeanManager beanManager;
    private RecqExtension extension;
    private final Map<Class<?>, Object> references = new ConcurrentHashMap<>();

    protected ComponentInstances() {
        // for the proxy
    }

    @Inject
    public ComponentInstances(BeanManager beanManager) {
        this.beanManager = beanManager;
        this.extension = beanManager.getExtension(RecqExtension.class);
    }

    /**
     * @param componentClass a component's bean class
     * @return its bean
     * @throws RecqException when it is not a bean of this deployment
     */
    public Bean<?> bean(Class<?> componentClass) {
        Bean<?> bean = extension.componentBean(componentClass);
        if (bean == null) {
            bean = beanManager.resolve(beanManager.getBeans(componentClass));
        }
        if (bean == null) {
            throw new RecqException(ErrorCode.HANDLER_NOT_FOUND.code() + " the component " + componentClass.getName()
                    + " is not a CDI bean of this deployment. Fix: make it a bean (it is one by default)");
        }
        return bean;
    }

    /**
     * @param componentClass a component's bean class
     * @return a contextual reference to it, created once and kept (a client proxy for the default
     *         {@code @ApplicationScoped} components)
     */
    public Object get(Class<?> componentClass) {
        return references.computeIfAbsent(componentClass, type -> {
            Bean<?> bean = bean(type);
            return beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
        });
    }
}
