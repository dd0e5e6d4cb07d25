package io.recq.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one saga instance. A saga instance is found by its associations: an event reaches the
 * instance whose association for the handler's {@link SagaEventHandler#associationProperty()} equals the
 * value of that property in the event. An instance may hold several associations, one value per property.
 * An {@link #isEnded() ended} instance is removed after its handler returns.
 *
 * <p>Subclasses must be JSON-B serialisable.
 */
public abstract class SagaState {

    private boolean ended;
    private Map<String, String> associations = new LinkedHashMap<>();

    /**
     * @return whether this saga instance has ended (it is removed once the current handler returns)
     */
    public boolean isEnded() {
        return ended;
    }

    /**
     * @param ended whether this saga instance has ended
     */
    public void setEnded(boolean ended) {
        this.ended = ended;
    }

    /**
     * Associates this instance with events whose {@code property} has {@code value}.
     *
     * @param property the event property name
     * @param value the value that identifies this instance
     */
    public void setAssociation(String property, String value) {
        if (property == null || value == null) {
            throw new IllegalArgumentException("A saga association needs a property and a value, got "
                    + property + "=" + value);
        }
        associations.put(property, value);
    }

    /**
     * @param property the event property name
     * @return the value this instance is associated with for {@code property}, if any
     */
    public Optional<String> getAssociation(String property) {
        return Optional.ofNullable(associations.get(property));
    }

    /**
     * Removes the association for {@code property}.
     *
     * @param property the event property name
     */
    public void unsetAssociation(String property) {
        associations.remove(property);
    }

    /**
     * @return all associations of this instance, property to value (read-only)
     */
    public Map<String, String> getAssociations() {
        return Collections.unmodifiableMap(associations);
    }

    /**
     * Replaces all associations; used when the state is read back from the store.
     *
     * @param associations property to value
     */
    public void setAssociations(Map<String, String> associations) {
        this.associations = associations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(associations);
    }
}
