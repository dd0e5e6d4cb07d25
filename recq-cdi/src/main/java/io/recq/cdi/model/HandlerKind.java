package io.recq.cdi.model;

import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.Set;

import io.recq.api.AggregateCommandHandler;
import io.recq.api.CommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.Event;
import io.recq.api.EventHandler;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Query;
import io.recq.api.QueryHandler;
import io.recq.api.SagaEventHandler;
import io.recq.api.ServiceCommand;

/**
 * The six handler annotations, each with the component kinds that may declare it and the payload type
 * its payload parameter must be.
 */
public enum HandlerKind {

    AGGREGATE_COMMAND(AggregateCommandHandler.class, DomainCommand.class, Set.of(ComponentKind.AGGREGATE)),
    EVENT_SOURCING(EventSourcingHandler.class, DomainEvent.class, Set.of(ComponentKind.AGGREGATE)),
    SERVICE_COMMAND(CommandHandler.class, ServiceCommand.class, Set.of(ComponentKind.SERVICE)),
    EVENT(EventHandler.class, Event.class, Set.of(ComponentKind.PROJECTOR, ComponentKind.OBSERVER)),
    QUERY(QueryHandler.class, Query.class, Set.of(ComponentKind.PROJECTION)),
    SAGA_EVENT(SagaEventHandler.class, Event.class, Set.of(ComponentKind.SAGA));

    private final Class<? extends Annotation> annotation;
    private final Class<?> payloadBound;
    private final Set<ComponentKind> declaredBy;

    HandlerKind(Class<? extends Annotation> annotation, Class<?> payloadBound, Set<ComponentKind> declaredBy) {
        this.annotation = annotation;
        this.payloadBound = payloadBound;
        this.declaredBy = declaredBy;
    }

    /**
     * @return the handler annotation
     */
    public Class<? extends Annotation> annotation() {
        return annotation;
    }

    /**
     * @return the type every payload of this handler kind must be assignable to
     */
    public Class<?> payloadBound() {
        return payloadBound;
    }

    /**
     * @return the component kinds that may declare this handler
     */
    public Set<ComponentKind> declaredBy() {
        return declaredBy;
    }

    /**
     * @return {@code @AggregateCommandHandler} and so on
     */
    public String displayName() {
        return "@" + annotation.getSimpleName();
    }

    /**
     * @param annotationType an annotation type
     * @return the handler kind it declares
     */
    public static Optional<HandlerKind> ofAnnotation(Class<? extends Annotation> annotationType) {
        for (HandlerKind kind : values()) {
            if (kind.annotation.equals(annotationType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
