package io.recq.jpa.event.saga;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One association of a saga instance: a row of {@code recq_saga_associations}, one value per property and
 * instance.
 */
@Entity(name = "RecqSagaAssociation")
@Table(name = "recq_saga_associations")
@IdClass(SagaAssociationEntry.Key.class)
public class SagaAssociationEntry {

    @Id
    @Column(name = "saga_id", nullable = false, updatable = false)
    private String sagaId;

    @Id
    @Column(name = "property_name", nullable = false, updatable = false)
    private String property;

    @Column(name = "saga_type", nullable = false, updatable = false)
    private String sagaType;

    @Column(name = "property_value", nullable = false)
    private String value;

    protected SagaAssociationEntry() {
        // for the persistence provider
    }

    SagaAssociationEntry(String sagaId, String sagaType, String property, String value) {
        this.sagaId = sagaId;
        this.sagaType = sagaType;
        this.property = property;
        this.value = value;
    }

    void setValue(String value) {
        this.value = value;
    }

    public String getSagaId() {
        return sagaId;
    }

    public String getSagaType() {
        return sagaType;
    }

    public String getProperty() {
        return property;
    }

    public String getValue() {
        return value;
    }

    /** The primary key: instance and property. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String sagaId;
        private String property;

        public Key() {
            // for the persistence provider
        }

        public Key(String sagaId, String property) {
            this.sagaId = sagaId;
            this.property = property;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(sagaId, k.sagaId) && Objects.equals(property, k.property);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sagaId, property);
        }
    }
}
