package io.recq.cdi.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

import io.recq.api.Payload;

/**
 * One handler method of a component, resolved at deployment: its kind, payload type, what each parameter
 * receives, and the settings of its annotation.
 */
public final class HandlerMethod {

    private final Class<?> componentClass;
    private final ComponentKind componentKind;
    private final HandlerKind kind;
    private final Method method;
    private final Class<? extends Payload> payloadType;
    private final List<ParameterKind> parameters;
    private final boolean init;
    private final String associationProperty;
    private final PropertyReader associationReader;
    private final int retry;
    private final long retryDelay;

    HandlerMethod(Class<?> componentClass, ComponentKind componentKind, HandlerKind kind, Method method,
            Class<? extends Payload> payloadType, List<ParameterKind> parameters, boolean init,
            String associationProperty, PropertyReader associationReader, int retry, long retryDelay) {
        this.componentClass = componentClass;
        this.componentKind = componentKind;
        this.kind = kind;
        this.method = method;
        this.payloadType = payloadType;
        this.parameters = List.copyOf(parameters);
        this.init = init;
        this.associationProperty = associationProperty;
        this.associationReader = associationReader;
        this.retry = retry;
        this.retryDelay = retryDelay;
        method.trySetAccessible();
    }

    public Class<?> componentClass() {
        return componentClass;
    }

    public ComponentKind componentKind() {
        return componentKind;
    }

    public HandlerKind kind() {
        return kind;
    }

    public Method method() {
        return method;
    }

    public Class<? extends Payload> payloadType() {
        return payloadType;
    }

    /**
     * @return what each parameter receives, in declaration order
     */
    public List<ParameterKind> parameters() {
        return parameters;
    }

    /**
     * @param parameterKind a parameter kind
     * @return whether the method declares a parameter of that kind
     */
    public boolean declares(ParameterKind parameterKind) {
        return parameters.contains(parameterKind);
    }

    /**
     * @return whether this handler creates the aggregate or saga instance
     */
    public boolean isInit() {
        return init;
    }

    /**
     * @return the saga association property, or {@code null} for other handler kinds
     */
    public String associationProperty() {
        return associationProperty;
    }

    /**
     * @param event an event of this handler's payload type
     * @return the value of the saga association property in {@code event}, as a string, or {@code null}
     */
    public String associationValue(Object event) {
        if (associationReader == null) {
            return null;
        }
        Object value = associationReader.read(event);
        return value == null ? null : value.toString();
    }

    /**
     * @return attempts before an event goes to the dead event queue (event and saga handlers)
     */
    public int retry() {
        return retry;
    }

    /**
     * @return delay before the first retry in milliseconds (event and saga handlers)
     */
    public long retryDelay() {
        return retryDelay;
    }

    /**
     * @return the declared return type of the method
     */
    public Type returnType() {
        return method.getGenericReturnType();
    }

    /**
     * @return whether the method returns nothing
     */
    public boolean returnsVoid() {
        return method.getReturnType() == void.class;
    }

    /**
     * Calls the handler on {@code target} with the parameters it declares.
     *
     * @param target the component instance (a CDI contextual reference in the server)
     * @param arguments what may be supplied
     * @return what the handler returned ({@code null} for {@code void})
     * @throws Throwable the handler's own exception, unwrapped, with its original class
     */
    public Object invoke(Object target, HandlerArguments arguments) throws Throwable {
        Object[] values = new Object[parameters.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.valueFor(parameters.get(i));
        }
        try {
            return method.invoke(target, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * @return {@code com.acme.TodoListAggregate#handle(AddTodo)}
     */
    public String describe() {
        return describe(method);
    }

    static String describe(Method method) {
        StringBuilder sb = new StringBuilder(method.getDeclaringClass().getName())
                .append('#').append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandlerMethod other && method.equals(other.method)
                && componentClass.equals(other.componentClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(componentClass, method);
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + describe();
    }
}
