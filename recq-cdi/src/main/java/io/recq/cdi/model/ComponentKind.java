package io.recq.cdi.model;

import java.lang.annotation.Annotation;
import java.util.Optional;

import io.recq.api.Aggregate;
import io.recq.api.Invoker;
import io.recq.api.Observer;
import io.recq.api.Projection;
import io.recq.api.Projector;
import io.recq.api.Saga;
import io.recq.api.Service;

/**
 * The seven RECQ component types, with the capability table: which message kinds each may send.
 */
public enum ComponentKind {

    AGGREGATE(Aggregate.class, true, false),
    SERVICE(Service.class, true, false),
    PROJECTOR(Projector.class, false, true),
    PROJECTION(Projection.class, false, true),
    SAGA(Saga.class, true, true),
    OBSERVER(Observer.class, true, true),
    INVOKER(Invoker.class, true, true);

    private final Class<? extends Annotation> stereotype;
    private final boolean mayCommand;
    private final boolean mayQuery;

    ComponentKind(Class<? extends Annotation> stereotype, boolean mayCommand, boolean mayQuery) {
        this.stereotype = stereotype;
        this.mayCommand = mayCommand;
        this.mayQuery = mayQuery;
    }

    /**
     * @return the stereotype annotation that declares a component of this kind
     */
    public Class<? extends Annotation> stereotype() {
        return stereotype;
    }

    /**
     * @return whether a component of this kind may send commands
     */
    public boolean mayCommand() {
        return mayCommand;
    }

    /**
     * @return whether a component of this kind may send queries
     */
    public boolean mayQuery() {
        return mayQuery;
    }

    /**
     * @return the RECQ word for this kind, as used in messages ({@code "Aggregate"})
     */
    public String displayName() {
        return stereotype.getSimpleName();
    }

    /**
     * @param annotationType an annotation type
     * @return the kind whose stereotype it is
     */
    public static Optional<ComponentKind> ofStereotype(Class<? extends Annotation> annotationType) {
        for (ComponentKind kind : values()) {
            if (kind.stereotype.equals(annotationType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
