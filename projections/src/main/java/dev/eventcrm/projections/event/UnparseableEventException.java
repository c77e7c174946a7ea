package dev.eventcrm.projections.event;

/** The envelope is not JSON, lacks a field, or names a type outside the {@code EventCatalog}. */
public class UnparseableEventException extends RuntimeException {
    public UnparseableEventException(String message) {
        super(message);
    }

    public UnparseableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
