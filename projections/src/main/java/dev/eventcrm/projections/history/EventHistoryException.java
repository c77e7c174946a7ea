package dev.eventcrm.projections.history;

/** The history was unreachable or incomplete; the record that needed it is retried, never skipped. */
public class EventHistoryException extends RuntimeException {
    public EventHistoryException(String message) {
        super(message);
    }

    public EventHistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
