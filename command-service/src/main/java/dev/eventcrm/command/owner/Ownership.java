package dev.eventcrm.command.owner;

import java.util.List;
import java.util.Optional;

/**
 * Who owns each deal and contact, and who is assigned each task ({@link dev.eventcrm.command.lookup.AggregateLookup}
 * types), kept in the event store's database by the aggregates in the transaction of their events, for hand-overs of
 * a whole portfolio.
 */
public interface Ownership {

    /** A new record and its first owner; {@code active}: an open deal or task, a contact not archived. */
    default void owned(String recordId, String recordType, String ownerId, boolean active) {
        owned(recordId, recordType, ownerId, active, null);
    }

    /** @param contactId the contact a deal is about, so that a contact's deals can be found; null for other records */
    void owned(String recordId, String recordType, String ownerId, boolean active, String contactId);

    void reassigned(String recordId, String ownerId);

    /** A deal closed or reopened, a contact archived or restored, a task completed or cancelled. */
    void activated(String recordId, boolean active);

    /** A record that no longer stands for itself (a contact merged into another): in no portfolio any more. */
    void released(String recordId);

    /** The record's owner (a task's assignee); empty for a record in no portfolio. */
    Optional<String> owner(String recordId);

    /** @param activeOnly only open deals and tasks (or contacts not archived) */
    List<String> portfolio(String ownerId, String recordType, boolean activeOnly, int limit);
}
