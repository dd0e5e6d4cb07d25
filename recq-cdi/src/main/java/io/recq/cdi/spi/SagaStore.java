package io.recq.cdi.spi;

import java.util.List;

/**
 * The saga instances of a deployment, with their associations: implemented by the store. Every method joins
 * the caller's transaction, so the state of the instances, the saga consumer's position and the commands
 * its handlers send commit together.
 */
public interface SagaStore {

    /**
     * @param sagaType the saga's component name
     * @param property an association property
     * @param value the value of that property
     * @return the instances of that saga associated with {@code property = value}
     */
    List<SagaInstance> findByAssociation(String sagaType, String property, String value);

    /**
     * Stores a new instance or replaces the state and associations of an existing one.
     *
     * @param instance the instance
     */
    void save(SagaInstance instance);

    /**
     * Removes an instance with its associations.
     *
     * @param sagaId the instance's id
     */
    void delete(String sagaId);

    /**
     * @param sagaType the saga's component name
     * @return how many instances of that saga exist
     */
    long count(String sagaType);
}
