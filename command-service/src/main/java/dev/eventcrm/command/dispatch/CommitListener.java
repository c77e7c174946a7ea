package dev.eventcrm.command.dispatch;

/** Told after a command's events are committed, so that publication starts at once rather than at the next poll. */
public interface CommitListener {
    void eventsCommitted();
}
