package dev.eventcrm.command.publication;

/**
 * A row the relay read, with where its aggregate's previous event is stored ({@code predecessor}, 0 when there is
 * none) and whether that index was recorded as a gap given up on: the relay's check that nothing of the aggregate
 * is still unpublished below it.
 */
record PendingEvent(StoredEvent event, long predecessor, boolean predecessorAbandoned) {
}
