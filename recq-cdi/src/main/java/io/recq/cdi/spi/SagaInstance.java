package io.recq.cdi.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One stored saga instance.
 *
 * @param sagaId the instance's unique id
 * @param sagaType the saga's component name (its simple class name)
 * @param stateJson its state, serialised with JSON-B
 * @param associations its associations, property to value; the store indexes them for
 *        {@link SagaStore#findByAssociation}
 */
public record SagaInstance(String sagaId, String sagaType, String stateJson, Map<String, String> associations) {

    public SagaInstance {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(sagaType, "sagaType");
        Objects.requireNonNull(stateJson, "stateJson");
        associations = associations == null ? Map.of() : Map.copyOf(associations);
    }
}
