package io.recq.jpa.schema;

/**
 * The store's tables exist but do not match the shipped script, and the store cannot complete them: a column
 * is missing, or a table is missing and the datasource's user may not create it. Thrown at the application's
 * start, it fails the deployment: every command and event would fail on such a schema. The message (code
 * {@code RECQ-01203}) names each missing table and column with its definition and how to add it.
 */
public class InvalidStoreSchemaException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing, where, and how to fix it
     */
    public InvalidStoreSchemaException(String message) {
        super(message);
    }
}
